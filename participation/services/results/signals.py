"""Signals for staff: bursts per source (a stand counts as one), phones that used the household
allowance, and stand tablets that offered ballots faster than people vote."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import func, select

from participation.domain.bursts import find_bursts
from participation.extensions import db
from participation.models import Ballot, BallotExclusion, Campaign, DeviceTally, Stand
from participation.services.stands import kiosk_devices


@dataclass(frozen=True)
class SourceBurst:
    channel: str
    source_tag: str | None
    starts_at: datetime
    ends_at: datetime
    ballots: int
    stand: Stand | None = None  # a stand's ballots are one source


@dataclass(frozen=True)
class HouseholdSignal:
    phones: int  # phones that cast more than one ballot
    extra_ballots: int  # their second, third … ballots still counted


def bursts(campaign: Campaign) -> list[SourceBurst]:
    """Bursts among the ballots not already excluded, from every channel: a stand's tablets
    too (each stand is one source; its ballots are placed when they were cast on the tablet).

    Thresholds: BURST_MIN_BALLOTS within BURST_WINDOW_MINUTES, from one channel and source.
    """
    window = timedelta(minutes=current_app.config["BURST_WINDOW_MINUTES"])
    threshold = current_app.config["BURST_MIN_BALLOTS"]
    arrivals: dict[tuple[str, str | None, int | None], list[datetime]] = defaultdict(list)
    for channel, source, stand_id, created_at in db.session.execute(
        select(Ballot.channel, Ballot.source_tag, Ballot.stand_id, Ballot.created_at)
        .where(Ballot.campaign_id == campaign.id, Ballot.exclusion_id.is_(None))
        .order_by(Ballot.created_at)
    ):
        arrivals[channel, source, stand_id].append(created_at)
    stands = {
        stand.id: stand
        for stand in db.session.scalars(select(Stand).where(Stand.campaign_id == campaign.id))
    }
    found = [
        SourceBurst(
            channel,
            source,
            burst.starts_at,
            burst.ends_at,
            burst.ballots,
            stands.get(stand_id or 0),
        )
        for (channel, source, stand_id), times in arrivals.items()
        for burst in find_bursts(times, window, threshold)
    ]
    return sorted(found, key=lambda burst: burst.starts_at)


def paced_tablets(campaign: Campaign) -> list[tuple[Stand, kiosk_devices.DeviceRow]]:
    """Stand tablets that offered more ballots than a person could have cast (held back)."""
    return kiosk_devices.flagged(campaign)


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
