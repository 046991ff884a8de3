"""What a campaign needs next, from its facts: the staff dashboard's to-do line per campaign."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class NextStep(enum.Enum):
    """One thing to do; the web layer words it (with `count` where it has one)."""

    SET_PUBLIC_ADDRESS = "set_public_address"
    ADD_THEMES = "add_themes"
    CHOOSE_VILLAGES = "choose_villages"
    SET_CLOSING_DATE = "set_closing_date"
    OPEN_CAMPAIGN = "open_campaign"
    PLAN_STANDS = "plan_stands"
    CLOSE_STANDS = "close_stands"  # stands whose time is over but that nobody closed
    PUBLISH_RESULTS = "publish_results"
    PLAN_SESSION = "plan_session"
    RECORD_DECISIONS = "record_decisions"
    PUBLISH_OUTCOME = "publish_outcome"  # tell residents what was done with their votes
    ADD_PROGRAMME = "add_programme"  # goals and actions for the chosen priorities


@dataclass(frozen=True)
class CampaignFacts:
    phase: str  # 'not_started', 'open' or 'closed'
    status: str  # 'draft', 'open' or 'closed'
    public_address: bool
    themes: int
    min_picks: int
    villages: int
    closes_at_set: bool
    stands: int
    stands_to_close: int
    ballots: int
    published: bool
    sessions: int
    decisions: int
    outcome_published: bool = False
    goals_and_actions: int = 0


def next_steps(facts: CampaignFacts) -> list[tuple[NextStep, int]]:
    """The steps in the order they matter, each with a count (0 where none applies)."""
    steps: list[tuple[NextStep, int]] = []
    preparing = facts.phase != "closed"
    if not facts.public_address and preparing:
        steps.append((NextStep.SET_PUBLIC_ADDRESS, 0))
    if facts.themes < max(facts.min_picks, 1):
        steps.append((NextStep.ADD_THEMES, facts.min_picks - facts.themes))
    if facts.villages == 0:
        steps.append((NextStep.CHOOSE_VILLAGES, 0))
    if preparing and not facts.closes_at_set:
        steps.append((NextStep.SET_CLOSING_DATE, 0))
    if facts.status == "draft":
        steps.append((NextStep.OPEN_CAMPAIGN, 0))
    if preparing and facts.stands == 0:
        steps.append((NextStep.PLAN_STANDS, 0))
    if facts.stands_to_close:
        steps.append((NextStep.CLOSE_STANDS, facts.stands_to_close))
    if facts.phase == "closed" and facts.ballots and not facts.published:
        steps.append((NextStep.PUBLISH_RESULTS, 0))
    if facts.phase == "closed" and facts.ballots and facts.sessions == 0:
        steps.append((NextStep.PLAN_SESSION, 0))
    if facts.sessions and facts.decisions == 0:
        steps.append((NextStep.RECORD_DECISIONS, 0))
    if facts.decisions and not facts.outcome_published:
        steps.append((NextStep.PUBLISH_OUTCOME, 0))
    if facts.outcome_published and facts.goals_and_actions == 0:
        steps.append((NextStep.ADD_PROGRAMME, 0))
    return steps
