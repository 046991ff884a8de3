"""Leaving a group of ballots out of the results, with a reason, and undoing it; audited."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, update

from participation.extensions import db
from participation.models import Ballot, BallotExclusion, Campaign, StaffUser
from participation.models.ballots import TrustLevel
from participation.services import audit
from participation.timeutil import utcnow


class NothingToExclude(Exception):
    """No counted ballot matches; nothing was changed."""


def exclude_burst(
    campaign: Campaign,
    channel: str,
    source_tag: str | None,
    starts_at: datetime,
    ends_at: datetime,
    reason: str,
    actor: StaffUser,
) -> BallotExclusion:
    """Leave out the counted ballots from one channel and source between two moments.

    Ballots cast with staff present are never part of a burst.
    """
    source = Ballot.source_tag.is_(None) if source_tag is None else Ballot.source_tag == source_tag
    exclusion = BallotExclusion(
        campaign_id=campaign.id,
        kind="burst",
        channel=channel,
        source_tag=source_tag,
        starts_at=starts_at,
        ends_at=ends_at,
        reason=reason,
        created_by_id=actor.id,
        ballots=0,
    )
    matches = (
        Ballot.channel == channel,
        source,
        Ballot.created_at >= starts_at,
        Ballot.created_at <= ends_at,
        Ballot.trust_level != TrustLevel.STAND.value,
    )
    detail = f"{channel}/{source_tag or '-'} {starts_at:%Y-%m-%d %H:%M:%S}–{ends_at:%H:%M:%S}"
    return _exclude(campaign, exclusion, matches, actor, detail)


def exclude_household_extras(campaign: Campaign, reason: str, actor: StaffUser) -> BallotExclusion:
    """Leave out every second, third … ballot from a phone (the household allowance)."""
    exclusion = BallotExclusion(
        campaign_id=campaign.id,
        kind="household",
        reason=reason,
        created_by_id=actor.id,
        ballots=0,
    )
    return _exclude(campaign, exclusion, (Ballot.device_seq > 1,), actor, "household extras")


def _exclude(
    campaign: Campaign,
    exclusion: BallotExclusion,
    matches: tuple[ColumnElement[bool], ...],
    actor: StaffUser,
    detail: str,
) -> BallotExclusion:
    db.session.add(exclusion)
    db.session.flush()
    marked = db.session.execute(
        update(Ballot)
        .where(Ballot.campaign_id == campaign.id, Ballot.exclusion_id.is_(None), *matches)
        .values(exclusion_id=exclusion.id)
    ).rowcount
    if not marked:
        db.session.rollback()
        raise NothingToExclude
    exclusion.ballots = marked
    audit.record(
        actor,
        "ballots.exclude",
        campaign.slug,
        f"{marked} ballots, {detail}; reason: {exclusion.reason}",
    )
    db.session.commit()
    return exclusion


def undo(exclusion: BallotExclusion, actor: StaffUser) -> int:
    """Count the ballots again; returns how many. The exclusion stays on record as undone."""
    counted = db.session.execute(
        update(Ballot).where(Ballot.exclusion_id == exclusion.id).values(exclusion_id=None)
    ).rowcount
    exclusion.undone_at = utcnow()
    exclusion.undone_by_id = actor.id
    audit.record(
        actor,
        "ballots.include_again",
        exclusion_target(exclusion),
        f"{counted} ballots counted again (exclusion {exclusion.id}: {exclusion.reason})",
    )
    db.session.commit()
    return counted


def exclusion_target(exclusion: BallotExclusion) -> str:
    return db.session.get(Campaign, exclusion.campaign_id).slug  # type: ignore[union-attr]
