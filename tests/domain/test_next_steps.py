"""The dashboard's next steps follow from a campaign's facts."""

from __future__ import annotations

from dataclasses import replace

from participation.domain.next_steps import CampaignFacts, NextStep, next_steps

READY = CampaignFacts(
    phase="open",
    status="open",
    public_address=True,
    themes=12,
    min_picks=6,
    villages=6,
    closes_at_set=True,
    stands=6,
    stands_to_close=0,
    ballots=400,
    published=False,
    sessions=0,
    decisions=0,
)


def steps(**changes: object) -> list[tuple[NextStep, int]]:
    return next_steps(replace(READY, **changes))


def test_a_running_campaign_with_everything_in_place_needs_nothing() -> None:
    assert steps() == []


def test_preparation_steps_come_first() -> None:
    assert steps(phase="not_started", status="draft", public_address=False, themes=4) == [
        (NextStep.SET_PUBLIC_ADDRESS, 0),
        (NextStep.ADD_THEMES, 2),
        (NextStep.OPEN_CAMPAIGN, 0),
    ]
    assert steps(closes_at_set=False, stands=0) == [
        (NextStep.SET_CLOSING_DATE, 0),
        (NextStep.PLAN_STANDS, 0),
    ]


def test_after_closing_publish_plan_the_session_and_record_decisions() -> None:
    assert steps(phase="closed", stands_to_close=2) == [
        (NextStep.CLOSE_STANDS, 2),
        (NextStep.PUBLISH_RESULTS, 0),
        (NextStep.PLAN_SESSION, 0),
    ]
    assert steps(phase="closed", published=True, sessions=1) == [(NextStep.RECORD_DECISIONS, 0)]
    decided = {"phase": "closed", "published": True, "sessions": 1, "decisions": 4}
    assert steps(**decided) == [(NextStep.PUBLISH_OUTCOME, 0)]
    assert steps(**decided, public_address=False) == [(NextStep.PUBLISH_OUTCOME, 0)]


def test_after_the_outcome_the_programme_then_nothing() -> None:
    decided = {"phase": "closed", "published": True, "sessions": 1, "decisions": 4}
    assert steps(**decided, outcome_published=True) == [(NextStep.ADD_PROGRAMME, 0)]
    assert steps(**decided, outcome_published=True, goals_and_actions=3) == []
