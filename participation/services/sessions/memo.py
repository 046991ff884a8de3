"""What the session memo shows, gathered for its page, its PDF and its workbook.

The memo goes to the council, village associations and police: with fewer than 5 voters in
all it shows no figure of them (no votes, shares or ranks), and under 30 it marks the total
as uncertain, as the public page and the council report do. Once the outcome is published,
its figures are the outcome's release.
"""

from __future__ import annotations

from participation.domain.priorities import GROUPS
from participation.domain.stats import HIDE_BELOW
from participation.domain.vocabulary import SAFETY_FIELDS
from participation.models import Campaign, PrioritySession
from participation.services.campaigns import associations, indicators
from participation.services.outcome import cycles, outcome
from participation.services.results import releases, results
from participation.services.results.results import CampaignResults
from participation.services.sessions import sessions


def context(session: PrioritySession) -> dict:
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
        "comparison": None if too_few else cycles.comparison_for(counted),
        "views": associations.current_views(campaign),
        "indicators": indicators.for_campaign(campaign),
        "rounds": sessions.round_totals(session),
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
    return releases.released_results(campaign) or results.campaign_results(campaign)
