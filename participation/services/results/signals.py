"""Signals for staff: bursts of ballots per source, and phones that used the household allowance."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import func, select

from participation.domain.bursts import find_bursts
from participation.extensions import db
from participation.models import Ballot, BallotExclusion, Campaign, DeviceTally
from participation.models.ballots import TrustLevel


@dataclass(frozen=True)
class SourceBurst:
    channel: str
    source_tag: str | None
    starts_at: datetime
    ends_at: datetime
    ballots: int


@dataclass(frozen=True)
class HouseholdSignal:
    phones: int  # phones that cast more than one ballot
    extra_ballots: int  # their second, third … ballots still counted


def bursts(campaign: Campaign) -> list[SourceBurst]:
    """Bursts among ballots not cast with staff present and not already excluded.

    Thresholds: BURST_MIN_BALLOTS within BURST_WINDOW_MINUTES, from one channel and source.
    """
    window = timedelta(minutes=current_app.config["BURST_WINDOW_MINUTES"])
    threshold = current_app.config["BURST_MIN_BALLOTS"]
    arrivals: dict[tuple[str, str | None], list[datetime]] = defaultdict(list)
    for channel, source, created_at in db.session.execute(
        select(Ballot.channel, Ballot.source_tag, Ballot.created_at)
        .where(
            Ballot.campaign_id == campaign.id,
            Ballot.trust_level != TrustLevel.STAND.value,
            Ballot.exclusion_id.is_(None),
        )
        .order_by(Ballot.created_at)
    ):
        arrivals[channel, source].append(created_at)
    found = [
        SourceBurst(channel, source, burst.starts_at, burst.ends_at, burst.ballots)
        for (channel, source), times in arrivals.items()
        for burst in find_bursts(times, window, threshold)
    ]
    return sorted(found, key=lambda burst: burst.starts_at)


def household(campaign: Campaign) -> HouseholdSignal:
    phones = db.session.scalar(
        select(func.count())
        .select_from(DeviceTally)
        .where(DeviceTally.campaign_id == campaign.id, DeviceTally.ballots > 1)
    )
    extras = db.session.scalar(
        select(func.count())
        .select_from(Ballot)
        .where(
            Ballot.campaign_id == campaign.id,
            Ballot.device_seq > 1,
            Ballot.exclusion_id.is_(None),
        )
    )
    return HouseholdSignal(phones or 0, extras or 0)


def exclusions(campaign: Campaign) -> list[BallotExclusion]:
    return list(
        db.session.scalars(
            select(BallotExclusion)
            .where(BallotExclusion.campaign_id == campaign.id)
            .order_by(BallotExclusion.id.desc())
        )
    )
