"""What the session memo shows, gathered for its page, its PDF and its workbook.

The memo goes to the council, village associations and police: with fewer than 5 voters in
all it shows no figure of them (no votes, shares or ranks), and under 30 it marks the total
as uncertain, as the public page and the council report do. Once the outcome is published,
its figures are the outcome's release.
"""

from __future__ import annotations

from typing import Any

from participation.domain.document_data import ViewRow
from participation.domain.memo_data import DecisionRow, IndicatorRow, MemoData, ShortlistRow
from participation.domain.priorities import GROUPS
from participation.domain.result_data import CampaignResults
from participation.domain.stats import HIDE_BELOW
from participation.domain.vocabulary import SAFETY_FIELDS
from participation.models import Campaign, PrioritySession
from participation.services.campaigns import associations, indicators
from participation.services.outcome import cycles, outcome
from participation.services.results import counting, releases
from participation.services.sessions import prioritisation
from participation.timeutil import utc_to_local


def context(session: PrioritySession) -> dict[str, Any]:
    """Everything the memo shows, for the page and both files."""
    campaign = session.campaign
    counted = _counted(campaign)
    too_few = 0 < counted.total.ballots < HIDE_BELOW
    return {
        "session": session,
        "campaign": campaign,
        "results": counted,
        # Fewer than 5 voters in all: their votes, shares and ranks are left out.
        "too_few": too_few,
        # The change since the previous cycle, each named by its year (as in the report).
        "comparison": None if too_few else cycles.comparison_for(campaign, counted),
        "views": associations.current_views(campaign),
        "indicators": indicators.for_campaign(campaign),
        "rounds": prioritisation.round_totals(session),
        "shortlist": session.shortlist,
        "chosen": [d for d in session.decisions if d.chosen],
        "not_chosen": [d for d in session.decisions if not d.chosen],
        "groups": GROUPS,
        "safety_fields": SAFETY_FIELDS,  # the field's name, not its number (the walk)
    }


def _counted(campaign: Campaign) -> CampaignResults:
    """The outcome's release once it is published (the memo, the outcome page and its JSON
    then agree), else the latest release, else today's count (before anything is public)."""
    decided = outcome.outcome_of(campaign)
    if decided.release_id is not None:
        return outcome.public_results(campaign, decided)
    # The memo goes to associations and police: the latest release, as the public sees it.
    return releases.released_results(campaign) or counting.campaign_results(campaign)


def memo_data(session: PrioritySession) -> MemoData:
    """The memo's tables as plain values, for its workbook (renderers.session_report)."""
    found = context(session)
    return MemoData(
        found["results"].total,
        found["too_few"],
        tuple(
            DecisionRow(d.theme_id, d.theme.title, d.chosen, d.safety_field, d.rationale)
            for d in session.decisions
        ),
        tuple(
            ShortlistRow(item.theme_id, item.theme.title, item.origin, item.reason)
            for item in found["shortlist"]
        ),
        tuple(
            ViewRow(
                item.association.area.name,
                item.association.name,
                item.view.version,
                True,
                utc_to_local(item.view.submitted_at).date(),
                entry.rank,
                entry.theme.title,
                entry.reason,
                item.view.remarks,
            )
            for item in found["views"]
            for entry in item.view.themes
        ),
        tuple(
            IndicatorRow(
                i.theme.title, i.name, i.source, i.trend, tuple((v.year, v.value) for v in i.values)
            )
            for i in found["indicators"]
        ),
        tuple(found["rounds"]),
    )
