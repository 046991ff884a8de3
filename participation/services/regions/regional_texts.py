"""The regional outcome's typed texts in other languages: what there is to translate, and the JSON.

The coordinator types the summary, each regional decision's reason (common and local) and the
common programme's goals and actions in Dutch; here the same texts in English and Polish, saved
as a municipality's outcome texts are (services.translations). A text not written in a language
is shown in Dutch there; a partner's name may stay as typed. A municipality's own programme
is its own staff's, so it is not listed here.
"""

from __future__ import annotations

from dataclasses import replace

from participation.domain.outcome_data import GoalProgress, PlannedAction
from participation.domain.plan_parts import PlanPriority, RegionalPlanData
from participation.domain.translations import SOURCE_LANGUAGE, text_in
from participation.models import RegionalAction, RegionalDecision, RegionalGoal, RegionalOutcome
from participation.services.regions.regional_outcome import (
    Actions,
    Goals,
    PriorityView,
    RegionalOutcomeView,
)
from participation.services.translations import TextItem

Record = RegionalOutcome | RegionalDecision | RegionalGoal | RegionalAction


def _item(key: str, record: Record, field: str, group: int, limit: int, **how: bool) -> TextItem:
    """An item keyed by record kind and id (its form field), so a moved priority keeps its
    texts."""
    dutch = getattr(record, field) or ""
    long, required = how.get("long", False), how.get("required", True)
    return TextItem(key, record, field, group, dutch, limit, long, required)


def _listed(view: RegionalOutcomeView) -> list[tuple[str, PriorityView]]:
    """Every decision on the outcome in the page's order, with its municipality ('' common)."""
    common = [("", item) for item in [*view.common, *view.common_not_chosen]]
    local = [
        (part.municipality.name, item)
        for part in view.parts
        for item in [*part.priorities, *part.not_chosen]
    ]
    return [*common, *local]


def _priority_items(item: PriorityView, group: int) -> list[TextItem]:
    decision = item.decision
    key = f"decision-{decision.id}-rationale"
    found = [_item(key, decision, "rationale", group, 4000, long=True)]
    for state in item.goals:
        goal = state.goal
        if isinstance(goal, RegionalGoal):  # a municipality's own goal is its staff's
            key = f"goal-{goal.id}-description"
            found.append(_item(key, goal, "description", group, 1000, long=True))
    for action in item.actions:
        if isinstance(action, RegionalAction):
            found.append(_item(f"action-{action.id}-what", action, "what", group, 300))
            key = f"action-{action.id}-partner"
            found.append(_item(key, action, "partner", group, 120, required=False))
    return found


def items(view: RegionalOutcomeView) -> list[TextItem]:
    """Every text the coordinator typed that residents read on the regional outcome, grouped
    per decision (group 0: the summary), in the page's order; texts empty in Dutch left out."""
    outcome = view.outcome
    key = f"regional_outcome-{outcome.regional_campaign_id}-summary"
    found = [_item(key, outcome, "summary", 0, 2000, long=True)]
    for group, (_, item) in enumerate(_listed(view), start=1):
        found.extend(_priority_items(item, group))
    return [item for item in found if item.dutch.strip()]


def groups(view: RegionalOutcomeView) -> dict[int, str]:
    """Each group's theme title (in Dutch, for staff), with its municipality for a local one."""
    return {
        group: f"{name}: {item.theme.title}" if name else item.theme.title
        for group, (name, item) in enumerate(_listed(view), start=1)
    }


def written(found: list[TextItem], language: str) -> int:
    """How many of the texts exist in the language (the rest are shown in Dutch)."""
    return sum(1 for item in found if item.current(language))


def _goals(
    data: tuple[GoalProgress, ...], states: Goals, language: str
) -> tuple[GoalProgress, ...]:
    return tuple(
        replace(goal, description=text_in(state.goal, "description", language))
        for goal, state in zip(data, states, strict=True)
    )


def _actions(
    data: tuple[PlannedAction, ...], actions: Actions, language: str
) -> tuple[PlannedAction, ...]:
    return tuple(
        replace(
            planned,
            what=text_in(action, "what", language),
            partner=text_in(action, "partner", language),
        )
        for planned, action in zip(data, actions, strict=True)
    )


def _priority(data: PlanPriority, item: PriorityView, language: str) -> PlanPriority:
    return replace(
        data,
        title=text_in(item.theme, "title", language),
        reason=text_in(item.decision, "rationale", language),
        goals=_goals(data.goals, item.goals, language),
        actions=_actions(data.actions, item.actions, language),
    )


def _priorities(
    data: tuple[PlanPriority, ...], shown: list[PriorityView], language: str
) -> tuple[PlanPriority, ...]:
    return tuple(_priority(d, item, language) for d, item in zip(data, shown, strict=True))


def in_language(
    plan: RegionalPlanData, view: RegionalOutcomeView, language: str
) -> RegionalPlanData:
    """The outcome's plain values (made from `view`) with every title and typed text in the
    language where it is written there, else in Dutch: the JSON a resident's language asks."""
    if language == SOURCE_LANGUAGE:
        return plan
    parts = tuple(
        replace(
            data,
            priorities=_priorities(data.priorities, part.priorities, language),
            not_chosen=_priorities(data.not_chosen, part.not_chosen, language),
        )
        for data, part in zip(plan.parts, view.parts, strict=True)
    )
    return replace(
        plan,
        summary=text_in(view.outcome, "summary", language),
        common=_priorities(plan.common, view.common, language),
        common_not_chosen=_priorities(plan.common_not_chosen, view.common_not_chosen, language),
        parts=parts,
    )
