"""The regional outcome as plain values (its JSON) and the yearly progress report: the common
part written once, then a chapter per municipality with its own programme's progress."""

from __future__ import annotations

from dataclasses import dataclass

from participation.domain.plan_parts import MunicipalPart, PlanPriority, RegionalPlanData
from participation.models import PlanAction, RegionalCampaign, RegionalTheme, Theme
from participation.services.outcome import programme
from participation.services.regions.regional_outcome import (
    Goals,
    MunicipalOutcomeView,
    PartView,
    PriorityView,
    RegionalOutcomeView,
    gather,
)


def _priority(item: PriorityView) -> PlanPriority:
    decision = item.decision
    return PlanPriority(
        item.theme.id,
        item.theme.title,
        isinstance(item.theme, RegionalTheme),
        decision.chosen,
        decision.rationale,
        decision.safety_field,
        item.rank,
        item.share,
        tuple(programme.goal_progress(state) for state in item.goals),
        tuple(programme.planned_action(action) for action in item.actions),
    )


def _part(part: PartView) -> MunicipalPart:
    return MunicipalPart(
        part.municipality.slug,
        part.municipality.name,
        part.campaign.slug if part.campaign is not None else None,
        part.ballots,
        tuple(_priority(item) for item in part.priorities),
        tuple(_priority(item) for item in part.not_chosen),
    )


def outcome_data(view: RegionalOutcomeView) -> RegionalPlanData:
    """The regional outcome as plain values (its JSON): the common part, then every part."""
    outcome = view.outcome
    return RegionalPlanData(
        view.region.name,
        view.regional.slug,
        outcome.decided_on,
        outcome.summary,
        outcome.plan_first_year,
        outcome.plan_last_year,
        view.ballots,
        tuple(_priority(item) for item in view.common),
        tuple(_priority(item) for item in view.common_not_chosen),
        tuple(_part(part) for part in view.parts),
    )


def municipal_data(view: MunicipalOutcomeView) -> RegionalPlanData:
    """A municipality's view of it: the common part and its own part only."""
    outcome = view.outcome
    return RegionalPlanData(
        view.region.name,
        view.regional.slug,
        outcome.decided_on,
        outcome.summary,
        outcome.plan_first_year,
        outcome.plan_last_year,
        view.ballots or 0,
        tuple(_priority(item) for item in view.common),
        tuple(_priority(item) for item in view.common_not_chosen),
        (_part(view.part),),
    )


@dataclass(frozen=True)
class OwnWork:
    """A theme of the municipality's own programme that is not one of its local priorities
    (its own share in a common priority, say), with its goals and actions."""

    theme: Theme
    goals: Goals
    actions: list[PlanAction]


@dataclass(frozen=True)
class Chapter:
    part: PartView
    own_work: list[OwnWork]


@dataclass(frozen=True)
class ProgressReport:
    view: RegionalOutcomeView
    chapters: list[Chapter]


def _own_work(part: PartView) -> list[OwnWork]:
    if part.campaign is None:
        return []
    covered = {state.goal.id for item in part.priorities for state in item.goals}
    done = {action.id for item in part.priorities for action in item.actions}
    goals = [g for g in programme.goals(part.campaign) if g.id not in covered]
    actions = [a for a in programme.actions(part.campaign) if a.id not in done]
    found = []
    for theme in part.campaign.themes:
        mine = [programme.state(g) for g in goals if g.theme_id == theme.id]
        acts = [a for a in actions if a.theme_id == theme.id]
        if mine or acts:
            found.append(OwnWork(theme, mine, acts))
    return found


def progress_report(campaign: RegionalCampaign) -> ProgressReport:
    """The yearly progress report: today's figures and every municipality's programme, read
    across the region (its coordinators and partners)."""
    view = gather(campaign, public=False)
    return ProgressReport(view, [Chapter(part, _own_work(part)) for part in view.parts])
