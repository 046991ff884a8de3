"""Leaving a group of ballots out of the results, with a reason, and undoing it; audited.

Groups: a burst from one channel and source, the household extras, and a stand's kiosk
ballots (all its tablets or one, optionally between two moments).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, CursorResult, func, select, update

from participation.domain.vocabulary import Channel
from participation.extensions import db
from participation.models import (
    Ballot,
    BallotExclusion,
    Campaign,
    KioskDevice,
    PublicRelease,
    StaffUser,
    Stand,
)
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

    A stand's ballots are channel 'stand' without a source; exclude_stand narrows them to a
    stand and a tablet.
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
    )
    detail = f"{channel}/{source_tag or '-'} {starts_at:%Y-%m-%d %H:%M:%S}–{ends_at:%H:%M:%S}"
    return _exclude(campaign, exclusion, matches, actor, detail)


def _stand_matches(
    stand: Stand,
    device: KioskDevice | None,
    starts_at: datetime | None,
    ends_at: datetime | None,
) -> tuple[ColumnElement[bool], ...]:
    matches = [Ballot.stand_id == stand.id, Ballot.channel == Channel.STAND.value]
    if device is not None:
        matches.append(Ballot.kiosk_device_id == device.id)
    if starts_at is not None:
        matches.append(Ballot.created_at >= starts_at)
    if ends_at is not None:
        matches.append(Ballot.created_at <= ends_at)
    return tuple(matches)


def counted_at_stand(
    stand: Stand,
    device: KioskDevice | None = None,
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
) -> int:
    """How many counted ballots exclude_stand would leave out now."""
    matches = _stand_matches(stand, device, starts_at, ends_at)
    found = db.session.scalar(
        select(func.count())
        .select_from(Ballot)
        .where(Ballot.campaign_id == stand.campaign_id, Ballot.exclusion_id.is_(None), *matches)
    )
    return found or 0


def exclude_stand(
    stand: Stand,
    device: KioskDevice | None,
    starts_at: datetime | None,
    ends_at: datetime | None,
    reason: str,
    actor: StaffUser,
) -> BallotExclusion:
    """Leave out a stand's counted kiosk ballots: from one tablet or all, in a window or all."""
    campaign = stand.campaign
    exclusion = BallotExclusion(
        campaign_id=campaign.id,
        kind="stand",
        channel=Channel.STAND.value,
        stand_id=stand.id,
        kiosk_device_id=device.id if device else None,
        starts_at=starts_at,
        ends_at=ends_at,
        reason=reason,
        created_by_id=actor.id,
        ballots=0,
    )
    tablet = f"tablet {device.name!r} (#{device.id})" if device else "all tablets"
    window = (
        f"{starts_at:%Y-%m-%d %H:%M}" if starts_at else "start",
        f"{ends_at:%Y-%m-%d %H:%M}" if ends_at else "end",
    )
    where = f"stand {stand.id} ({stand.area.name}, {stand.place})"
    detail = f"{where}, {tablet}, {window[0]}–{window[1]} UTC"
    return _exclude(
        campaign, exclusion, _stand_matches(stand, device, starts_at, ends_at), actor, detail
    )


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
    result = db.session.execute(
        update(Ballot)
        .where(Ballot.campaign_id == campaign.id, Ballot.exclusion_id.is_(None), *matches)
        .values(exclusion_id=exclusion.id)
    )
    assert isinstance(result, CursorResult)  # an UPDATE's result, which counts its rows
    marked = result.rowcount
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


class UndoRefused(Exception):
    """A public release came after the exclusion: the ballots cannot come back."""


def released_since(exclusion: BallotExclusion) -> bool:
    """Whether figures were released to the public after the exclusion: those figures left
    its ballots out, and putting them back would show, next to them, the few new ones
    (domain.releases refuses every later release then)."""
    later = select(PublicRelease.id).where(
        PublicRelease.campaign_id == exclusion.campaign_id,
        PublicRelease.released_at >= exclusion.created_at,
    )
    return db.session.scalar(select(later.exists())) or False


def undo(exclusion: BallotExclusion, actor: StaffUser) -> int:
    """Count the ballots again; returns how many. The exclusion stays on record as undone.
    Refused (UndoRefused) once a release left its ballots out."""
    if released_since(exclusion):
        raise UndoRefused()
    result = db.session.execute(
        update(Ballot).where(Ballot.exclusion_id == exclusion.id).values(exclusion_id=None)
    )
    assert isinstance(result, CursorResult)  # an UPDATE's result, which counts its rows
    counted: int = result.rowcount
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
    campaign = db.session.get(Campaign, exclusion.campaign_id)
    assert campaign is not None  # the foreign key keeps an exclusion's campaign
    return campaign.slug
