"""What the session memo shows, gathered for its page, its PDF and its workbook."""

from __future__ import annotations

from participation.domain.priorities import GROUPS
from participation.models import PrioritySession
from participation.services.campaigns import associations, indicators
from participation.services.results import results
from participation.services.sessions import sessions


def context(session: PrioritySession) -> dict:
    """Everything the memo shows, for the page and both files."""
    campaign = session.campaign
    return {
        "session": session,
        "campaign": campaign,
        "results": results.campaign_results(campaign),
        "views": associations.current_views(campaign),
        "indicators": indicators.for_campaign(campaign),
        "rounds": sessions.round_totals(session),
        "shortlist": session.shortlist,
        "chosen": [d for d in session.decisions if d.chosen],
        "not_chosen": [d for d in session.decisions if not d.chosen],
        "groups": GROUPS,
    }
