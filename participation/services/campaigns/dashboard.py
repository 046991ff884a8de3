"""The staff dashboard: per campaign where it stands and what to do next."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from sqlalchemy import Select, func, select
from sqlalchemy.orm import selectinload

from participation.domain.next_steps import CampaignFacts, NextStep, next_steps
from participation.extensions import db
from participation.models import (
    Ballot,
    Campaign,
    Decision,
    Goal,
    Outcome,
    PlanAction,
    PrioritySession,
    Stand,
)
from participation.services.results.participants import Participants, counted
from participation.timeutil import local_to_utc, utc_to_local, utcnow


@dataclass(frozen=True)
class CampaignSummary:
    campaign: Campaign
    phase: str
    participants: Participants  # the results' count, with paper, and its parts
    ballots_today: int  # on phones and tablets since midnight
    stands: int
    stands_open: int  # taking votes right now
    steps: list[tuple[NextStep, int]]


def _counts(query: Select[int, int]) -> dict[int, int]:
    return {key: count for key, count in db.session.execute(query)}


def summaries(public_address: bool, now: datetime | None = None) -> list[CampaignSummary]:
    """Every campaign, newest first: ten queries, and the results' cached count per campaign."""
    now = now or utcnow()
    local_midnight = datetime.combine(utc_to_local(now).date(), time(0, 0))
    today_from = local_to_utc(local_midnight)
    campaigns = db.session.scalars(
        select(Campaign)
        .options(selectinload(Campaign.themes), selectinload(Campaign.areas))
        .order_by(Campaign.id.desc())
    ).all()
    per_campaign = select(Ballot.campaign_id, func.count()).group_by(Ballot.campaign_id)
    today = _counts(per_campaign.where(Ballot.created_at >= today_from))
    stands: dict[int, list[Stand]] = {}
    for stand in db.session.scalars(select(Stand)):
        stands.setdefault(stand.campaign_id, []).append(stand)
    sessions = _counts(
        select(PrioritySession.campaign_id, func.count()).group_by(PrioritySession.campaign_id)
    )
    decisions = _counts(
        select(PrioritySession.campaign_id, func.count(Decision.id))
        .join(Decision, Decision.session_id == PrioritySession.id)
        .group_by(PrioritySession.campaign_id)
    )
    published_outcomes = set(
        db.session.scalars(select(Outcome.campaign_id).where(Outcome.published_at.is_not(None)))
    )
    programme_rows = _counts(select(Goal.campaign_id, func.count()).group_by(Goal.campaign_id))
    for campaign_id, count in _counts(
        select(PlanAction.campaign_id, func.count()).group_by(PlanAction.campaign_id)
    ).items():
        programme_rows[campaign_id] = programme_rows.get(campaign_id, 0) + count
    found = []
    for campaign in campaigns:
        mine = stands.get(campaign.id, [])
        participants = counted(campaign)
        states = [stand.kiosk_state(now) for stand in mine]
        facts = CampaignFacts(
            phase=campaign.phase(now),
            status=campaign.status,
            public_address=public_address,
            themes=len(campaign.themes),
            min_picks=campaign.min_picks,
            villages=len(campaign.areas),
            closes_at_set=campaign.closes_at is not None,
            stands=len(mine),
            stands_to_close=states.count("ended"),
            ballots=participants.total,
            published=campaign.results_published,
            sessions=sessions.get(campaign.id, 0),
            decisions=decisions.get(campaign.id, 0),
            outcome_published=campaign.id in published_outcomes,
            goals_and_actions=programme_rows.get(campaign.id, 0),
        )
        found.append(
            CampaignSummary(
                campaign=campaign,
                phase=facts.phase,
                participants=participants,
                ballots_today=today.get(campaign.id, 0),
                stands=len(mine),
                stands_open=states.count("open"),
                steps=next_steps(facts),
            )
        )
    return found
