"""'What was done with your vote': the chosen priorities beside the residents' ranking.

The outcome takes its priorities and reasons from one session's decisions. A theme in the
residents' top six that was not chosen must say why before the outcome can be published.
It is published only after voting closed, and then keeps the figures of one release
(services.results.releases), made at that moment: the page, its JSON and the memo show the
figures the council decided on, whatever is excluded or counted later.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from participation.domain.outcome_data import OutcomeData, ThemeDecision
from participation.domain.programme import PlanPeriod
from participation.domain.result_data import CampaignResults
from participation.domain.translations import without_field
from participation.extensions import db
from participation.models import (
    Campaign,
    Decision,
    Outcome,
    PlanAction,
    PrioritySession,
    PublicRelease,
    StaffUser,
    Theme,
)
from participation.services import audit
from participation.services.campaigns import associations
from participation.services.outcome import programme
from participation.services.results import releases
from participation.services.results.counting import campaign_results
from participation.timeutil import utcnow

# A theme the residents ranked this high that was not chosen needs a reason on the outcome.
HIGH_RANK = 6


@dataclass(frozen=True)
class ThemeOutcome:
    """One theme on the outcome page: chosen or not, why, and where residents ranked it."""

    theme: Theme
    chosen: bool
    reason: str
    resident_rank: int
    resident_share: float
    village_ranks: dict[str, int]  # village slug -> rank, only villages the public may see
    goals: list[programme.GoalState] = field(default_factory=list)
    actions: list[PlanAction] = field(default_factory=list)
    # The session's decision that gives the reason (and its translations); None without one.
    decision: Decision | None = None


@dataclass(frozen=True)
class OutcomeView:
    campaign: Campaign
    outcome: Outcome
    results: CampaignResults
    priorities: list[ThemeOutcome]
    not_chosen: list[ThemeOutcome]
    unexplained: list[Theme]  # top themes not chosen and without a reason
    views: list[associations.VillageView]

    @property
    def period(self) -> PlanPeriod | None:
        return plan_period(self.outcome)


@dataclass(frozen=True)
class OutcomeSettings:
    session_id: int | None
    decided_on: date | None
    summary: str
    shows_views: bool
    plan_first_year: int
    plan_last_year: int


def outcome_of(campaign: Campaign) -> Outcome:
    """The campaign's outcome row, or a new unsaved one with the latest session proposed."""
    found = db.session.get(Outcome, campaign.id)
    if found is not None:
        return found
    latest = db.session.scalar(
        select(PrioritySession)
        .where(PrioritySession.campaign_id == campaign.id)
        .order_by(PrioritySession.created_at.desc(), PrioritySession.id.desc())
    )
    this_year = utcnow().year
    return Outcome(
        campaign_id=campaign.id,
        session_id=latest.id if latest else None,
        summary="",
        shows_views=False,
        plan_first_year=this_year + 1,
        plan_last_year=this_year + 4,
    )


def is_published(campaign: Campaign) -> bool:
    found = db.session.get(Outcome, campaign.id)
    return found is not None and found.published_at is not None


def plan_period(outcome: Outcome) -> PlanPeriod | None:
    if outcome.plan_first_year is None or outcome.plan_last_year is None:
        return None
    return PlanPeriod(outcome.plan_first_year, outcome.plan_last_year)


def save(campaign: Campaign, settings: OutcomeSettings, actor: StaffUser) -> Outcome:
    outcome = outcome_of(campaign)
    outcome.session_id = settings.session_id
    outcome.decided_on = settings.decided_on
    if outcome.summary != settings.summary.strip():
        outcome.translations = without_field(outcome.translations, "summary")
    outcome.summary = settings.summary.strip()
    outcome.shows_views = settings.shows_views
    outcome.plan_first_year = settings.plan_first_year
    outcome.plan_last_year = settings.plan_last_year
    db.session.add(outcome)
    audit.record(actor, "outcome.save", campaign.slug)
    db.session.commit()
    return outcome


def publish_problems(view: OutcomeView) -> list[str]:
    """Why the outcome cannot be published yet, in words for staff; empty when it can."""
    problems = []
    if view.campaign.phase() != "closed":
        problems.append(_("Voting is still open: publish the outcome once voting has closed."))
    if view.outcome.decided_on is None:
        problems.append(_("Give the date of the council's decision."))
    if not view.priorities:
        problems.append(_("The chosen session has no chosen priorities yet."))
    if view.unexplained:
        titles = ", ".join(theme.title for theme in view.unexplained)
        problems.append(
            _(
                "Residents ranked these themes high, but they were not chosen: record why in "
                "the session first (%(titles)s).",
                titles=titles,
            )
        )
    return problems


def publish(campaign: Campaign, actor: StaffUser) -> list[str]:
    """Publish the outcome, or say why not; nothing changes when something is missing."""
    view = gather(campaign, public=False)
    problems = publish_problems(view)
    if problems:
        return problems
    if view.outcome.release_id is None:
        release = _final_release(campaign, actor)
        if release is None:
            return [_("No figures can be released: fewer than 5 residents voted.")]
        view.outcome.release_id = release.id
    view.outcome.published_at = utcnow()
    db.session.add(view.outcome)
    audit.record(actor, "outcome.publish", campaign.slug)
    db.session.commit()
    return []


def _final_release(campaign: Campaign, actor: StaffUser) -> PublicRelease | None:
    """A release of the counts after voting closed, or the latest one when the count did not
    change by 5 since (a new one would be refused)."""
    try:
        return releases.release(campaign, actor)
    except releases.ReleaseRefused:
        return releases.latest(campaign)


def public_results(campaign: Campaign, outcome: Outcome) -> CampaignResults:
    """The figures the public outcome shows: its release; before publication (staff preview),
    today's counts as a release would show them."""
    row = db.session.get(PublicRelease, outcome.release_id) if outcome.release_id else None
    released = releases.released_results(campaign, row) if row is not None else None
    return released if released is not None else releases.preview_results(campaign)


def withdraw(campaign: Campaign, actor: StaffUser) -> None:
    outcome = outcome_of(campaign)
    outcome.published_at = None
    db.session.add(outcome)
    audit.record(actor, "outcome.withdraw", campaign.slug)
    db.session.commit()


def gather(campaign: Campaign, public: bool = True) -> OutcomeView:
    """Everything the outcome page, its JSON and the progress report show."""
    outcome = outcome_of(campaign)
    results = public_results(campaign, outcome) if public else campaign_results(campaign)
    session = db.session.get(PrioritySession, outcome.session_id) if outcome.session_id else None
    decisions = session.decisions if session else []
    decided = {d.theme_id: d for d in decisions}
    villages = [v for v in results.villages if v.tally.ballots]
    goal_states = [programme.state(goal) for goal in programme.goals(campaign)]
    planned = programme.actions(campaign)

    def theme_outcome(theme: Theme, chosen: bool) -> ThemeOutcome:
        row = results.total.by_theme(theme.id)
        decision = decided.get(theme.id)
        return ThemeOutcome(
            theme,
            chosen,
            decision.rationale if decision else "",
            row.rank,
            row.share,
            {v.slug: v.tally.by_theme(theme.id).rank for v in villages},
            [s for s in goal_states if s.goal.theme_id == theme.id] if chosen else [],
            [a for a in planned if a.theme_id == theme.id] if chosen else [],
            decision,
        )

    themes = {theme.id: theme for theme in campaign.themes}
    chosen = [d for d in decisions if d.chosen and d.theme_id in themes]
    priorities = [theme_outcome(themes[d.theme_id], True) for d in chosen]
    top = [row.theme.id for row in results.total.themes if row.rank <= HIGH_RANK]
    explained = {d.theme_id for d in decisions if not d.chosen and d.rationale}
    left_out = [t for t in top if t not in {d.theme_id for d in chosen}]
    not_chosen_ids = left_out + [
        d.theme_id for d in decisions if not d.chosen and d.theme_id not in left_out
    ]
    not_chosen = [theme_outcome(themes[t], False) for t in not_chosen_ids if t in themes]
    not_chosen.sort(key=lambda item: item.resident_rank)
    return OutcomeView(
        campaign,
        outcome,
        results,
        priorities,
        not_chosen,
        [themes[t] for t in left_out if t not in explained],
        associations.current_views(campaign) if outcome.shows_views or not public else [],
    )


def outcome_data(view: OutcomeView) -> OutcomeData:
    """The outcome as plain values, for the renderers (its JSON, the progress workbook)."""

    def decision(item: ThemeOutcome) -> ThemeDecision:
        return ThemeDecision(
            item.theme.id,
            item.theme.title,
            item.chosen,
            item.reason,
            item.resident_rank,
            item.resident_share,
            tuple(programme.goal_progress(state) for state in item.goals),
            tuple(programme.planned_action(action) for action in item.actions),
        )

    return OutcomeData(
        view.campaign.slug,
        view.outcome.decided_on,
        tuple(decision(item) for item in view.priorities),
        tuple(decision(item) for item in view.not_chosen),
    )


def sessions_with_decisions(campaign: Campaign) -> list[PrioritySession]:
    return [
        s
        for s in db.session.scalars(
            select(PrioritySession)
            .where(PrioritySession.campaign_id == campaign.id)
            .order_by(PrioritySession.created_at)
        )
        if s.decisions
    ]
