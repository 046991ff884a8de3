"""Planning stands and controlling their kiosk links, each change audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from participation.domain.refusals import Refused
from participation.domain.stands import released_at_stand, residents_may_see_top
from participation.extensions import db
from participation.models import Area, Ballot, BallotChoice, Campaign, StaffUser, Stand, Theme
from participation.services import audit, ownership
from participation.timeutil import utcnow


@dataclass(frozen=True)
class StandData:
    area_id: int
    place: str
    starts_at: datetime
    ends_at: datetime


def for_campaign(campaign: Campaign) -> list[Stand]:
    """The campaign's stands, earliest first."""
    return list(
        db.session.scalars(
            select(Stand).where(Stand.campaign_id == campaign.id).order_by(Stand.starts_at)
        )
    )


def create_stand(campaign: Campaign, data: StandData, actor: StaffUser) -> Stand:
    stand = Stand(
        campaign=campaign,
        area_id=data.area_id,
        place=data.place,
        starts_at=data.starts_at,
        ends_at=data.ends_at,
    )
    db.session.add(stand)
    db.session.flush()
    area = ownership.owned(Area, data.area_id)
    audit.record(
        actor,
        "stand.create",
        f"campaign:{campaign.slug}/stand:{stand.id}",
        f"{area.name if area else data.area_id}, {data.place}, "
        f"{data.starts_at:%Y-%m-%d %H:%M}–{data.ends_at:%H:%M} UTC",
    )
    db.session.commit()
    return stand


def extend_stand(stand: Stand, minutes: int, actor: StaffUser) -> Stand:
    """Move the end of the kiosk window later, e.g. when residents keep coming."""
    before = stand.ends_at
    stand.ends_at = max(stand.ends_at, utcnow()) + timedelta(minutes=minutes)
    audit.record(
        actor,
        "stand.extend",
        f"campaign:{stand.campaign.slug}/stand:{stand.id}",
        f"ends_at: {before:%Y-%m-%d %H:%M} → {stand.ends_at:%Y-%m-%d %H:%M} UTC",
    )
    db.session.commit()
    return stand


def revoke_stand(stand: Stand, actor: StaffUser) -> Stand:
    """Stop the kiosk link for good, e.g. when a tablet is lost."""
    if stand.revoked_at is None:
        stand.revoked_at = utcnow()
        audit.record(actor, "stand.revoke", f"campaign:{stand.campaign.slug}/stand:{stand.id}")
        db.session.commit()
    return stand


def kiosk_ballots(stand: Stand) -> int:
    return (
        db.session.scalar(
            select(func.count()).select_from(Ballot).where(Ballot.stand_id == stand.id)
        )
        or 0
    )


def kiosk_votes_by_theme(stand: Stand) -> dict[int, int]:
    """Votes per theme on this stand's tablets, for the stand's signed closing record."""
    rows = db.session.execute(
        select(BallotChoice.theme_id, func.count())
        .join(Ballot, Ballot.id == BallotChoice.ballot_id)
        .where(Ballot.stand_id == stand.id)
        .group_by(BallotChoice.theme_id)
    ).all()
    return {theme_id: votes for theme_id, votes in rows}


@dataclass(frozen=True)
class LiveCount:
    ballots: int
    top_themes: list[tuple[str, int]]


def live_count(stand: Stand, top: int = 3, for_residents: bool = False) -> LiveCount:
    """Ballots at this stand so far and its most-picked themes, counted by the database.

    For residents at the tablet, the themes only from LIVE_TOP_FROM ballots on, and counted
    from the first ballots in whole steps of 5 (domain.stands.released_at_stand).
    """
    ballots = kiosk_ballots(stand)
    if for_residents and not residents_may_see_top(ballots):
        return LiveCount(ballots, [])
    counted = select(Ballot.id).where(Ballot.stand_id == stand.id)
    if for_residents:
        counted = counted.order_by(Ballot.id).limit(released_at_stand(ballots))
    rows = db.session.execute(
        select(Theme.title, func.count())
        .select_from(BallotChoice)
        .join(Theme, Theme.id == BallotChoice.theme_id)
        .where(BallotChoice.ballot_id.in_(counted.scalar_subquery()))
        .group_by(Theme.id, Theme.title, Theme.position)
        .order_by(func.count().desc(), Theme.position)
        .limit(top)
    ).all()
    return LiveCount(ballots, [(title, n) for title, n in rows])


class CloseRefused(Refused):
    """The stand cannot be closed yet (problems: one reason code); it stays open."""

    @property
    def reason(self) -> str:
        return str(self.problems[0])


class AlreadyClosed(Refused):
    """Someone closed the stand before (stand.closed_by, stand.closed_at say who and when)."""


def close_stand(stand: Stand, actor: StaffUser) -> Stand:
    """Sign off the stand; paper counts, if any, must be two agreeing entries first."""
    from participation.services.stands import paper

    if stand.closed_at is not None:
        raise AlreadyClosed(["already_closed"])
    tallies = paper.entries(stand)
    if tallies and not paper.compare_tallies(tallies).agreed:
        raise CloseRefused(["paper_not_agreed"])
    stand.closed_at = utcnow()
    stand.closed_by_id = actor.id
    audit.record(actor, "stand.close", f"campaign:{stand.campaign.slug}/stand:{stand.id}")
    db.session.commit()
    return stand
