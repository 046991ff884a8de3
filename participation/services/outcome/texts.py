"""The outcome's staff-typed texts in other languages, and the languages its page may offer.

Residents read the outcome's summary, the reason for each priority and for each high-ranking
theme not chosen, and the goals and actions of the programme. A language is offered on the
outcome page only when all of them (and the campaign's own texts) exist in it; a partner's
name may stay as typed. The texts are saved as campaign texts are (services.translations).
"""

from __future__ import annotations

from collections.abc import Iterable

from participation.domain.translations import (
    Translatable,
    campaign_required,
    text_languages,
    typed_required,
)
from participation.services.outcome.outcome import OutcomeView, ThemeOutcome
from participation.services.translations import TextItem


def _item(
    key: str, record: Translatable, field: str, group: int, limit: int, **how: bool
) -> TextItem:
    dutch = getattr(record, field) or ""
    return TextItem(
        key, record, field, group, dutch, limit, how.get("long", False), how.get("required", True)
    )


def _theme_items(item: ThemeOutcome, group: int) -> list[TextItem]:
    found = []
    if item.decision is not None:
        decision = item.decision
        key = f"decision-{decision.id}-rationale"
        found.append(_item(key, decision, "rationale", group, 4000, long=True))
    for state in item.goals:
        goal = state.goal
        key = f"goal-{goal.id}-description"
        found.append(_item(key, goal, "description", group, 1000, long=True))
    for action in item.actions:
        found.append(_item(f"action-{action.id}-what", action, "what", group, 300))
        key = f"action-{action.id}-partner"
        found.append(_item(key, action, "partner", group, 120, required=False))
    return found


def items(view: OutcomeView) -> list[TextItem]:
    """Every text residents read on the outcome page that staff typed, grouped per theme
    (group 0: the summary), in the page's order; texts empty in Dutch are left out."""
    found = [
        _item(f"outcome-{view.campaign.id}-summary", view.outcome, "summary", 0, 2000, long=True)
    ]
    for group, item in enumerate([*view.priorities, *view.not_chosen], start=1):
        found.extend(_theme_items(item, group))
    return [item for item in found if item.dutch.strip()]


def groups(view: OutcomeView) -> dict[int, str]:
    """Each group's theme title (in Dutch, for staff), as `items` numbers them."""
    listed = [*view.priorities, *view.not_chosen]
    return {group: item.theme.title for group, item in enumerate(listed, start=1)}


def required(view: OutcomeView) -> list[tuple[Translatable, str]]:
    """What must exist in a language before the outcome page offers it."""
    typed = [(item.record, item.field) for item in items(view) if item.required]
    return [*campaign_required(view.campaign), *typed_required(typed)]


def languages(view: OutcomeView, offered: Iterable[str]) -> tuple[str, ...]:
    """The offered languages the outcome page can be read in whole; Dutch always."""
    return text_languages(required(view), offered)
