"""The common part of the region's programme: goals and actions per common priority (with
partners such as the police base team) and their dated updates, kept by its coordinators."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

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
    RegionalAction,
    RegionalActionUpdate,
    RegionalCampaign,
    RegionalGoal,
    RegionalGoalUpdate,
    RegionalIndicator,
    StaffUser,
)
from participation.services import audit
from participation.services.regions.regional_session import region_row


@dataclass(frozen=True)
class CommonGoalInput:
    regional_theme_id: int
    description: str
    kind: GoalKind
    indicator_id: int | None = None  # a regional indicator of the campaign
    baseline_year: int | None = None
    baseline_value: float | None = None
    target_year: int | None = None
    target_value: float | None = None
    direction: Direction = Direction.DOWN


@dataclass(frozen=True)
class CommonGoalState:
    """A common goal with its progress: from the region's figures of its indicator, or the
    latest update (the same names as services.outcome.programme.GoalState)."""

    goal: RegionalGoal
    progress: Progress
    latest: tuple[int, float] | None = None
    update: RegionalGoalUpdate | None = None

    @property
    def measurable(self) -> bool:
        return self.goal.kind == GoalKind.MEASURABLE


def goals(campaign: RegionalCampaign) -> list[RegionalGoal]:
    statement = select(RegionalGoal).where(RegionalGoal.regional_campaign_id == campaign.id)
    return list(db.session.scalars(statement.order_by(RegionalGoal.id)))


def actions(campaign: RegionalCampaign) -> list[RegionalAction]:
    statement = select(RegionalAction).where(RegionalAction.regional_campaign_id == campaign.id)
    order = (RegionalAction.due_on.is_(None), RegionalAction.due_on, RegionalAction.id)
    return list(db.session.scalars(statement.order_by(*order)))


def indicators(campaign: RegionalCampaign) -> list[RegionalIndicator]:
    """The campaign's regional indicators a measurable common goal can follow."""
    statement = select(RegionalIndicator).where(
        RegionalIndicator.regional_campaign_id == campaign.id
    )
    return list(db.session.scalars(statement.order_by(RegionalIndicator.name)))


def region_values(indicator: RegionalIndicator) -> list[tuple[int, float]]:
    """The indicator's figures for the whole region (not one municipality's), by year."""
    return [(v.year, v.value) for v in indicator.values if v.for_municipality_id is None]


def state(goal: RegionalGoal) -> CommonGoalState:
    """Where a common goal stands today."""
    if goal.kind == GoalKind.WRITTEN:
        update = goal.updates[-1] if goal.updates else None
        return CommonGoalState(
            goal, Progress(update.status) if update else Progress.NO_FIGURES, None, update
        )
    values = region_values(goal.indicator) if goal.indicator else []
    target = Target(
        goal.baseline_year or 0,
        goal.baseline_value or 0.0,
        goal.target_year or 0,
        goal.target_value or 0.0,
        Direction(goal.direction or Direction.DOWN),
    )
    latest = latest_after(target.baseline_year, values)
    return CommonGoalState(goal, measured_progress(target, values), latest)


def check_goal(
    campaign: RegionalCampaign, given: CommonGoalInput, period: PlanPeriod | None
) -> list[GoalProblem]:
    """What is wrong with a common goal as given; empty when it can be stored."""
    problems = [] if given.description.strip() else [GoalProblem.NO_DESCRIPTION]
    if given.kind == GoalKind.WRITTEN:
        return problems
    chosen = indicator_of(campaign, given.indicator_id) is not None
    return problems + check_measurable(
        chosen,
        given.baseline_year,
        given.baseline_value,
        given.target_year,
        given.target_value,
        given.direction,
        period,
    )


def indicator_of(campaign: RegionalCampaign, indicator_id: object) -> RegionalIndicator | None:
    return region_row(RegionalIndicator, indicator_id, regional_campaign_id=campaign.id)


def add_goal(campaign: RegionalCampaign, given: CommonGoalInput, actor: StaffUser) -> RegionalGoal:
    """Store a common goal that check_goal passed."""
    measurable = given.kind == GoalKind.MEASURABLE
    goal = RegionalGoal(
        regional_campaign_id=campaign.id,
        regional_theme_id=given.regional_theme_id,
        description=given.description.strip(),
        kind=given.kind.value,
        regional_indicator_id=given.indicator_id if measurable else None,
        baseline_year=given.baseline_year if measurable else None,
        baseline_value=given.baseline_value if measurable else None,
        target_year=given.target_year if measurable else None,
        target_value=given.target_value if measurable else None,
        direction=given.direction.value if measurable else None,
    )
    db.session.add(goal)
    audit.record(actor, "regional_goal.add", campaign.slug, given.description[:80])
    db.session.commit()
    return goal


def set_goal_status(
    goal: RegionalGoal, on: date, status: Progress, note: str, actor: StaffUser
) -> None:
    """A written goal's status on a day, with why (a measurable goal's is worked out)."""
    goal.updates.append(RegionalGoalUpdate(on=on, status=status.value, note=note.strip()))
    audit.record(actor, "regional_goal.status", f"regional_goal:{goal.id}", status.value)
    db.session.commit()


def delete_goal(goal: RegionalGoal, actor: StaffUser) -> None:
    audit.record(actor, "regional_goal.delete", f"regional_goal:{goal.id}", goal.description[:80])
    db.session.delete(goal)
    db.session.commit()


def add_action(
    campaign: RegionalCampaign,
    regional_theme_id: int,
    what: str,
    partner: str,
    due_on: date | None,
    actor: StaffUser,
) -> RegionalAction:
    action = RegionalAction(
        regional_campaign_id=campaign.id,
        regional_theme_id=regional_theme_id,
        what=what.strip(),
        partner=partner.strip(),
        due_on=due_on,
    )
    db.session.add(action)
    audit.record(actor, "regional_action.add", campaign.slug, what[:80])
    db.session.commit()
    return action


def update_action(
    action: RegionalAction, on: date, status: ActionStatus, note: str, actor: StaffUser
) -> None:
    action.updates.append(RegionalActionUpdate(on=on, status=status.value, note=note.strip()))
    audit.record(actor, "regional_action.status", f"regional_action:{action.id}", status.value)
    db.session.commit()


def delete_action(action: RegionalAction, actor: StaffUser) -> None:
    audit.record(actor, "regional_action.delete", f"regional_action:{action.id}", action.what[:80])
    db.session.delete(action)
    db.session.commit()
