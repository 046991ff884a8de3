"""The implementation programme: goals and actions per priority, and their dated updates."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from sqlalchemy import select

from participation.domain.outcome_data import ActionStep, GoalNote, GoalProgress, PlannedAction
from participation.domain.priorities import trend_of
from participation.domain.programme import (
    ActionStatus,
    Direction,
    GoalKind,
    GoalProblem,
    PlanPeriod,
    Progress,
    Target,
    check_measurable,
    latest_after,
    measured_progress,
)
from participation.extensions import db
from participation.models import (
    ActionUpdate,
    Campaign,
    Goal,
    GoalUpdate,
    Indicator,
    IndicatorValue,
    PlanAction,
    StaffUser,
)
from participation.services import audit, ownership
from participation.services.campaigns import indicators


@dataclass(frozen=True)
class GoalInput:
    theme_id: int
    description: str
    kind: GoalKind
    indicator_id: int | None = None
    baseline_year: int | None = None
    baseline_value: float | None = None
    target_year: int | None = None
    target_value: float | None = None
    direction: Direction = Direction.DOWN
    # A measurable goal may name a new indicator instead of choosing one: (name, source).
    new_indicator: tuple[str, str] | None = None


@dataclass(frozen=True)
class GoalState:
    """A goal with its progress: worked out from the indicator, or the latest update."""

    goal: Goal
    progress: Progress
    latest: tuple[int, float] | None = None  # the indicator's latest year and value
    update: GoalUpdate | None = None

    @property
    def measurable(self) -> bool:
        return self.goal.kind == GoalKind.MEASURABLE


def goals(campaign: Campaign) -> list[Goal]:
    return list(
        db.session.scalars(select(Goal).where(Goal.campaign_id == campaign.id).order_by(Goal.id))
    )


def actions(campaign: Campaign) -> list[PlanAction]:
    return list(
        db.session.scalars(
            select(PlanAction)
            .where(PlanAction.campaign_id == campaign.id)
            .order_by(PlanAction.due_on.is_(None), PlanAction.due_on, PlanAction.id)
        )
    )


def state(goal: Goal) -> GoalState:
    """Where a goal stands today."""
    if goal.kind == GoalKind.WRITTEN:
        update = goal.updates[-1] if goal.updates else None
        return GoalState(
            goal, Progress(update.status) if update else Progress.NO_FIGURES, None, update
        )
    values = [(v.year, v.value) for v in goal.indicator.values] if goal.indicator else []
    target = Target(
        goal.baseline_year or 0,
        goal.baseline_value or 0.0,
        goal.target_year or 0,
        goal.target_value or 0.0,
        Direction(goal.direction or Direction.DOWN),
    )
    latest = latest_after(target.baseline_year, values)
    return GoalState(goal, measured_progress(target, values), latest)


class _Named(Protocol):
    @property
    def name(self) -> str: ...


class _Noted(Protocol):
    @property
    def on(self) -> date: ...
    @property
    def status(self) -> str: ...
    @property
    def note(self) -> str: ...


class _GoalRow(Protocol):
    """A municipality's goal or a region's common goal: the same columns."""

    @property
    def description(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def indicator(self) -> _Named | None: ...
    @property
    def direction(self) -> str | None: ...
    @property
    def baseline_year(self) -> int | None: ...
    @property
    def baseline_value(self) -> float | None: ...
    @property
    def target_year(self) -> int | None: ...
    @property
    def target_value(self) -> float | None: ...


class AnyGoalState(Protocol):
    """GoalState here, or services.regions.plan.CommonGoalState."""

    @property
    def goal(self) -> _GoalRow: ...
    @property
    def progress(self) -> Progress: ...
    @property
    def latest(self) -> tuple[int, float] | None: ...
    @property
    def update(self) -> _Noted | None: ...
    @property
    def measurable(self) -> bool: ...


class AnyAction(Protocol):
    """A municipality's action or a region's common action: the same columns."""

    @property
    def what(self) -> str: ...
    @property
    def partner(self) -> str: ...
    @property
    def due_on(self) -> date | None: ...
    @property
    def status(self) -> str: ...
    @property
    def updates(self) -> Sequence[_Noted]: ...


def goal_progress(state: AnyGoalState) -> GoalProgress:
    """The goal and where it stands, as plain values (the outcome JSON, the workbook): a
    municipality's goal or a region's common one."""
    goal, update = state.goal, state.update
    return GoalProgress(
        goal.description,
        goal.kind,
        state.progress,
        state.measurable,
        goal.indicator.name if goal.indicator else None,
        goal.direction,
        goal.baseline_year,
        goal.baseline_value,
        goal.target_year,
        goal.target_value,
        state.latest,
        GoalNote(update.on, update.note) if update is not None else None,
    )


def planned_action(action: AnyAction) -> PlannedAction:
    """The action with every dated update, as plain values (a municipality's or a region's)."""
    return PlannedAction(
        action.what,
        action.partner,
        action.due_on,
        action.status,
        tuple(ActionStep(u.on, u.status, u.note) for u in action.updates),
    )


def check_goal(
    campaign: Campaign, given: GoalInput, period: PlanPeriod | None
) -> list[GoalProblem]:
    """What is wrong with a goal as given; empty when it can be stored."""
    problems = [] if given.description.strip() else [GoalProblem.NO_DESCRIPTION]
    if given.kind == GoalKind.WRITTEN:
        return problems
    chosen = ownership.owned(Indicator, given.indicator_id, campaign_id=campaign.id) is not None
    new_name = given.new_indicator[0] if given.new_indicator is not None else ""
    named = bool(new_name.strip())
    if named and not chosen and _indicator_named(campaign, new_name):
        problems.append(GoalProblem.INDICATOR_EXISTS)
    return problems + check_measurable(
        chosen or named,
        given.baseline_year,
        given.baseline_value,
        given.target_year,
        given.target_value,
        given.direction,
        period,
    )


def _indicator_named(campaign: Campaign, name: str) -> bool:
    """Whether the campaign has an indicator of this name already (case and spaces aside)."""
    wanted = " ".join(name.split()).casefold()
    return any(
        " ".join(i.name.split()).casefold() == wanted for i in indicators.for_campaign(campaign)
    )


def add_goal(campaign: Campaign, given: GoalInput, actor: StaffUser) -> Goal:
    """Store a goal that check_goal passed, with its new indicator in the same transaction
    (the baseline its first figure)."""
    measurable = given.kind == GoalKind.MEASURABLE
    indicator_id = given.indicator_id
    if (
        measurable
        and indicator_id is None
        and given.new_indicator
        and given.new_indicator[0].strip()
    ):
        name, source = given.new_indicator
        # check_goal asked a measurable goal for both; a baseline half given is no figure.
        year, value = given.baseline_year, given.baseline_value
        first = [(year, value)] if year is not None and value is not None else []
        new = indicators.IndicatorInput(given.theme_id, name.strip(), source.strip(), first)
        indicator = indicators.stage(campaign, new, actor)
        db.session.flush()
        indicator_id = indicator.id
    goal = Goal(
        campaign_id=campaign.id,
        theme_id=given.theme_id,
        description=given.description.strip(),
        kind=given.kind.value,
        indicator_id=indicator_id if measurable else None,
        baseline_year=given.baseline_year if measurable else None,
        baseline_value=given.baseline_value if measurable else None,
        target_year=given.target_year if measurable else None,
        target_value=given.target_value if measurable else None,
        direction=given.direction.value if measurable else None,
    )
    db.session.add(goal)
    audit.record(actor, "goal.add", campaign.slug, given.description[:80])
    db.session.commit()
    return goal


def set_goal_status(goal: Goal, on: date, status: Progress, note: str, actor: StaffUser) -> None:
    """A written goal's status on a day, with why (a measurable goal's is worked out)."""
    goal.updates.append(GoalUpdate(on=on, status=status.value, note=note.strip()))
    audit.record(actor, "goal.status", f"goal:{goal.id}", status.value)
    db.session.commit()


def delete_goal(goal: Goal, actor: StaffUser) -> None:
    audit.record(actor, "goal.delete", f"goal:{goal.id}", goal.description[:80])
    db.session.delete(goal)
    db.session.commit()


def add_action(
    campaign: Campaign,
    theme_id: int,
    what: str,
    partner: str,
    due_on: date | None,
    actor: StaffUser,
) -> PlanAction:
    action = PlanAction(
        campaign_id=campaign.id,
        theme_id=theme_id,
        what=what.strip(),
        partner=partner.strip(),
        due_on=due_on,
    )
    db.session.add(action)
    audit.record(actor, "action.add", campaign.slug, what[:80])
    db.session.commit()
    return action


def update_action(
    action: PlanAction, on: date, status: ActionStatus, note: str, actor: StaffUser
) -> None:
    action.updates.append(ActionUpdate(on=on, status=status.value, note=note.strip()))
    audit.record(actor, "action.status", f"action:{action.id}", status.value)
    db.session.commit()


def delete_action(action: PlanAction, actor: StaffUser) -> None:
    audit.record(actor, "action.delete", f"action:{action.id}", action.what[:80])
    db.session.delete(action)
    db.session.commit()


def record_indicator_value(indicator: Indicator, year: int, value: float, actor: StaffUser) -> None:
    """A year's figure for an indicator, new or corrected: goals' progress follows from it,
    and so does the trend, unless staff typed one that the figures did not give."""
    before = [(v.year, v.value) for v in indicator.values]
    worked_out = indicator.trend == trend_of(before)
    found = next((v for v in indicator.values if v.year == year), None)
    if found is None:
        indicator.values.append(IndicatorValue(year=year, value=value))
    else:
        found.value = value
    if worked_out:
        indicator.trend = trend_of([(v.year, v.value) for v in indicator.values])
    audit.record(actor, "indicator.value", f"indicator:{indicator.id}", f"{year}: {value:g}")
    db.session.commit()
