"""The regional outcome: the common priorities written once, each municipality's local ones,
with the places residents gave them and the programme that carries them out.

On the region's host it reads every member municipality (their figures, their own
programmes); on a municipality's own host only that municipality's part and the common part,
and only once the coordinator published it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from participation.domain.plan_parts import shown_rank
from participation.domain.programme import PlanPeriod
from participation.domain.regional_data import RegionalResults
from participation.domain.result_data import CampaignResults
from participation.domain.tally import GroupTally
from participation.domain.translations import without_field
from participation.extensions import db
from participation.models import (
    Campaign,
    DecisionKind,
    Municipality,
    PlanAction,
    Region,
    RegionalAction,
    RegionalCampaign,
    RegionalDecision,
    RegionalOutcome,
    RegionalSession,
    RegionalTheme,
    StaffUser,
    Theme,
)
from participation.services import audit
from participation.services.outcome import programme
from participation.services.regions import plan
from participation.services.regions.regional_session import Adopter, adopters
from participation.services.results import regional, releases
from participation.timeutil import utcnow

Goals = Sequence[plan.CommonGoalState | programme.GoalState]
Actions = Sequence[RegionalAction | PlanAction]


@dataclass(frozen=True)
class PriorityView:
    """One decision on the outcome: its theme (regional or the municipality's own), why, the
    place its residents gave it (None: not shown) and what is done for it."""

    decision: RegionalDecision
    theme: RegionalTheme | Theme
    rank: int | None
    share: float | None
    goals: Goals = field(default_factory=list)
    actions: Actions = field(default_factory=list)


@dataclass(frozen=True)
class PartView:
    """A municipality's own part: its local priorities and its own programme for them."""

    municipality: Municipality
    campaign: Campaign | None
    ballots: int | None
    priorities: list[PriorityView]
    not_chosen: list[PriorityView]


@dataclass(frozen=True)
class RegionalOutcomeView:
    region: Region
    regional: RegionalCampaign
    outcome: RegionalOutcome
    ballots: int  # what the regional places count
    common: list[PriorityView]
    common_not_chosen: list[PriorityView]
    parts: list[PartView]
    # Adopters whose figures the count leaves out (not released to this audience yet).
    not_counted: tuple[str, ...] = ()

    @property
    def period(self) -> PlanPeriod | None:
        return plan_period(self.outcome)


@dataclass(frozen=True)
class OutcomeSettings:
    session_id: int | None
    decided_on: date | None
    summary: str
    plan_first_year: int
    plan_last_year: int


def outcome_of(campaign: RegionalCampaign) -> RegionalOutcome:
    """The campaign's regional outcome, or a new unsaved one with its latest session."""
    found = _stored(campaign.id)
    if found is not None:
        return found
    latest = db.session.scalar(
        select(RegionalSession)
        .where(RegionalSession.regional_campaign_id == campaign.id)
        .order_by(RegionalSession.id.desc())
    )
    this_year = utcnow().year
    return RegionalOutcome(
        regional_campaign_id=campaign.id,
        regional_session_id=latest.id if latest else None,
        summary="",
        plan_first_year=this_year + 1,
        plan_last_year=this_year + 4,
    )


def _stored(campaign_id: int) -> RegionalOutcome | None:
    statement = select(RegionalOutcome).where(RegionalOutcome.regional_campaign_id == campaign_id)
    return db.session.scalar(statement)


def is_published(campaign: RegionalCampaign) -> bool:
    found = _stored(campaign.id)
    return found is not None and found.published_at is not None


def plan_period(outcome: RegionalOutcome) -> PlanPeriod | None:
    if outcome.plan_first_year is None or outcome.plan_last_year is None:
        return None
    return PlanPeriod(outcome.plan_first_year, outcome.plan_last_year)


def save(campaign: RegionalCampaign, given: OutcomeSettings, actor: StaffUser) -> RegionalOutcome:
    outcome = outcome_of(campaign)
    outcome.regional_session_id = given.session_id
    outcome.decided_on = given.decided_on
    if outcome.summary != given.summary.strip():  # what was translated says something else
        outcome.translations = without_field(outcome.translations, "summary")
    outcome.summary = given.summary.strip()
    outcome.plan_first_year = given.plan_first_year
    outcome.plan_last_year = given.plan_last_year
    db.session.add(outcome)
    audit.record(actor, "regional_outcome.save", f"regional_campaign:{campaign.slug}")
    db.session.commit()
    return outcome


def publish_problems(view: RegionalOutcomeView, open_in: list[str]) -> list[str]:
    """Why the outcome cannot be published yet, in words for the coordinator; empty: it can."""
    problems = []
    if open_in:
        problems.append(
            _("Voting is still open in %(names)s: publish once it has closed everywhere.")
            % {"names": ", ".join(open_in)}
        )
    if view.outcome.decided_on is None:
        problems.append(_("Give the date of the councils' decision."))
    if not view.common and not any(part.priorities for part in view.parts):
        problems.append(_("The chosen session has no chosen priorities yet."))
    return problems


def publish(campaign: RegionalCampaign, actor: StaffUser) -> list[str]:
    """Publish the outcome, or say why not; nothing changes when something is missing."""
    view = gather(campaign, public=False, figures=False)
    still_open = [a.municipality.name for a in adopters(campaign) if a.campaign.phase() != "closed"]
    problems = publish_problems(view, still_open)
    if problems:
        return problems
    view.outcome.published_at = utcnow()
    db.session.add(view.outcome)
    audit.record(actor, "regional_outcome.publish", f"regional_campaign:{campaign.slug}")
    db.session.commit()
    return []


def withdraw(campaign: RegionalCampaign, actor: StaffUser) -> None:
    outcome = outcome_of(campaign)
    outcome.published_at = None
    db.session.add(outcome)
    audit.record(actor, "regional_outcome.withdraw", f"regional_campaign:{campaign.slug}")
    db.session.commit()


def _decisions(outcome: RegionalOutcome) -> list[RegionalDecision]:
    if outcome.regional_session_id is None:
        return []
    statement = select(RegionalSession).where(RegionalSession.id == outcome.regional_session_id)
    found = db.session.scalar(statement)
    return list(found.decisions) if found is not None else []


def _region(campaign: RegionalCampaign) -> Region:
    return db.session.scalars(select(Region).where(Region.id == campaign.region_id)).one()


def _common_programme(campaign: RegionalCampaign) -> tuple[dict[int, Goals], dict[int, Actions]]:
    goals: dict[int, list[plan.CommonGoalState]] = {}
    for goal in plan.goals(campaign):
        goals.setdefault(goal.regional_theme_id, []).append(plan.state(goal))
    actions: dict[int, list[RegionalAction]] = {}
    for action in plan.actions(campaign):
        actions.setdefault(action.regional_theme_id, []).append(action)
    return dict(goals), dict(actions)


def _own_programme(campaign: Campaign) -> tuple[dict[int, Goals], dict[int, Actions]]:
    goals: dict[int, list[programme.GoalState]] = {}
    for goal in programme.goals(campaign):
        goals.setdefault(goal.theme_id, []).append(programme.state(goal))
    actions: dict[int, list[PlanAction]] = {}
    for action in programme.actions(campaign):
        actions.setdefault(action.theme_id, []).append(action)
    return dict(goals), dict(actions)


def _part(
    adopter: Adopter, decisions: list[RegionalDecision], tally: GroupTally | None
) -> PartView:
    """A municipality's local decisions, placed by its own residents (its whole ballot)."""
    goals, actions = _own_programme(adopter.campaign)
    mine = [d for d in decisions if d.for_municipality_id == adopter.municipality.id]

    def item(decision: RegionalDecision) -> PriorityView | None:
        own = (
            adopter.own_theme(decision.regional_theme_id)
            if decision.regional_theme_id is not None
            else next((t for t in adopter.local_themes if t.id == decision.local_theme_id), None)
        )
        if own is None:
            return None
        theme = decision.regional_theme or own
        row = next((r for r in tally.themes if r.theme.id == own.id), None) if tally else None
        rank = shown_rank(row.rank, tally.ballots) if row is not None and tally else None
        share = row.share if row is not None and rank is not None else None
        chosen = decision.chosen
        return PriorityView(
            decision,
            theme,
            rank,
            share,
            goals.get(own.id, []) if chosen else [],
            actions.get(own.id, []) if chosen else [],
        )

    items = [found for d in mine if d.kind == DecisionKind.LOCAL if (found := item(d))]
    return PartView(
        adopter.municipality,
        adopter.campaign,
        tally.ballots if tally is not None else None,
        [i for i in items if i.decision.chosen],
        [i for i in items if not i.decision.chosen],
    )


Places = tuple[int, dict[int, tuple[int, float]]]  # ballots; theme id -> (rank, share)


def _common(
    campaign: RegionalCampaign, decisions: list[RegionalDecision], total: Places
) -> tuple[list[PriorityView], list[PriorityView]]:
    goals, actions = _common_programme(campaign)
    ballots, places = total
    items = []
    for decision in decisions:
        theme = decision.regional_theme
        if decision.kind != DecisionKind.COMMON or theme is None:
            continue
        rank, share = places.get(theme.id, (None, None))
        shown = shown_rank(rank, ballots)
        chosen = decision.chosen
        items.append(
            PriorityView(
                decision,
                theme,
                shown,
                share if shown is not None else None,
                goals.get(theme.id, []) if chosen else [],
                actions.get(theme.id, []) if chosen else [],
            )
        )
    return [i for i in items if i.decision.chosen], [i for i in items if not i.decision.chosen]


def _places(results: RegionalResults) -> Places:
    total = results.total
    return total.ballots, {row.theme.id: (row.rank, row.share) for row in total.themes}


def gather(
    campaign: RegionalCampaign, public: bool = True, figures: bool = True
) -> RegionalOutcomeView:
    """Everything the regional outcome page, its JSON and the progress report show. Public:
    each municipality's latest release (small groups shown together, services.results.regional);
    else today's counts, for the coordinators and partners. Without `figures`, no places
    (the programme's pages and the coordinator's forms count nothing)."""
    outcome = outcome_of(campaign)
    results = regional.gather(campaign, public=public) if figures else None
    decisions = _decisions(outcome)
    common, common_not_chosen = _common(
        campaign, decisions, _places(results) if results is not None else (0, {})
    )
    parts = [
        _part(a, decisions, found.tally if found is not None else None)
        for a in adopters(campaign)
        for found in [results.municipality(a.municipality.slug) if results else None]
    ]
    return RegionalOutcomeView(
        _region(campaign),
        campaign,
        outcome,
        results.total.ballots if results is not None else 0,
        common,
        common_not_chosen,
        parts,
        results.not_released if results is not None else (),
    )


@dataclass(frozen=True)
class MunicipalOutcomeView:
    """A municipality's outcome page for its adopted campaign: the region's common part, and
    its own part; never another municipality's local priorities."""

    region: Region
    regional: RegionalCampaign
    outcome: RegionalOutcome
    campaign: Campaign
    ballots: int | None
    common: list[PriorityView]
    common_not_chosen: list[PriorityView]
    part: PartView

    @property
    def period(self) -> PlanPeriod | None:
        return plan_period(self.outcome)


def municipal_view(campaign: Campaign) -> MunicipalOutcomeView | None:
    """On the municipality's own host: the published regional outcome of the campaign it
    adopted, or None (a campaign of its own, or nothing published yet)."""
    if campaign.regional_campaign_id is None:
        return None
    regional_campaign = db.session.scalar(
        select(RegionalCampaign).where(RegionalCampaign.id == campaign.regional_campaign_id)
    )
    if regional_campaign is None:
        return None
    outcome = _stored(regional_campaign.id)
    if outcome is None or outcome.published_at is None:
        return None
    # What the municipality shows its own public: its latest release, once results are out.
    released = releases.released_results(campaign) if campaign.results_published else None
    own = Adopter(
        _municipality(campaign),
        campaign,
        [t for t in campaign.themes if t.regional_theme_id is None],
    )
    # Only this municipality's decisions are touched: another's local theme is never loaded.
    decisions = [
        d
        for d in _decisions(outcome)
        if d.kind == DecisionKind.COMMON or d.for_municipality_id == campaign.municipality_id
    ]
    common, common_not_chosen = _common(regional_campaign, decisions, _own_places(own, released))
    part = _part(own, decisions, released.total if released is not None else None)
    return MunicipalOutcomeView(
        _region(regional_campaign),
        regional_campaign,
        outcome,
        campaign,
        released.total.ballots if released is not None else None,
        common,
        common_not_chosen,
        part,
    )


def _municipality(campaign: Campaign) -> Municipality:
    statement = select(Municipality).where(Municipality.id == campaign.municipality_id)
    return db.session.scalars(statement).one()


def _own_places(own: Adopter, released: CampaignResults | None) -> Places:
    """The common themes placed by this municipality's residents (its public release)."""
    if released is None:
        return 0, {}
    places = {}
    for row in released.total.themes:
        theme = next((t for t in own.campaign.themes if t.id == row.theme.id), None)
        if theme is not None and theme.regional_theme_id is not None:
            places[theme.regional_theme_id] = (row.rank, row.share)
    return released.total.ballots, places
