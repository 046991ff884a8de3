"""Paper counts for stands: two independent entries, compared theme by theme."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from participation.domain.paper import (
    Comparison,
    PaperEntry,
    PaperProblem,
    check_entry,
    compare,
)
from participation.domain.refusals import Refused
from participation.extensions import db
from participation.models import PaperCount, PaperTally, StaffUser, Stand
from participation.services import audit
from participation.timeutil import utcnow


class PaperRefused(Refused):
    """The entry was not stored; each problem is a PaperProblem value or a workflow reason."""

    @property
    def reasons(self) -> list[str]:
        return list(self.problems)


def entries(stand: Stand) -> list[PaperTally]:
    return list(
        db.session.scalars(
            select(PaperTally).where(PaperTally.stand_id == stand.id).order_by(PaperTally.id)
        )
    )


def _as_entry(tally: PaperTally) -> PaperEntry:
    return PaperEntry(tally.participants, tally.votes_by_theme())


def compare_tallies(tallies: list[PaperTally]) -> Comparison:
    """Compare a stand's (at most two) tallies, as loaded by entries()."""
    found = [_as_entry(tally) for tally in tallies]
    return compare(found[0] if found else None, found[1] if len(found) > 1 else None)


def comparison(stand: Stand) -> Comparison:
    return compare_tallies(entries(stand))


def save_entry(stand: Stand, actor: StaffUser, participants: int, votes: dict[int, int]) -> None:
    """Store or replace this staff member's own count; a third counter is refused."""
    if stand.closed_at is not None:
        raise PaperRefused(["stand_closed"])
    problems: list[PaperProblem] = check_entry(
        PaperEntry(participants, votes), stand.campaign.max_picks
    )
    if problems:
        raise PaperRefused([p.value for p in problems])
    found = entries(stand)
    own = next((t for t in found if t.entered_by_id == actor.id), None)
    if own is None and len(found) >= 2:
        raise PaperRefused(["two_counts_exist"])
    before = _described(own.participants, own.votes_by_theme()) if own else {}
    if own is None:
        own = PaperTally(stand_id=stand.id, entered_by_id=actor.id, participants=participants)
        db.session.add(own)
    own.participants = participants
    own.entered_at = utcnow()  # also when only the counts below change
    own.counts = [PaperCount(theme_id=theme, votes=count) for theme, count in votes.items()]
    audit.record(
        actor,
        "paper.enter",
        f"campaign:{stand.campaign.slug}/stand:{stand.id}",
        audit.describe_changes(before, _described(participants, votes)),
    )
    db.session.commit()


def _described(participants: int, votes: dict[int, int]) -> dict[str, int]:
    return {"participants": participants, **{f"theme {k}": v for k, v in votes.items()}}


def agreed_tallies(
    campaign_id: int, since: datetime | None = None, until: datetime | None = None
) -> list[tuple[int, PaperEntry]]:
    """(village id, count) for each stand of the campaign whose two counts agree.

    With `since`/`until`, only stands that started in that span (paper has no time of its own).
    """
    query = (
        select(Stand.id, Stand.area_id, PaperTally)
        .join(PaperTally, PaperTally.stand_id == Stand.id)
        .where(Stand.campaign_id == campaign_id)
        .order_by(Stand.id, PaperTally.id)
    )
    if since is not None:
        query = query.where(Stand.starts_at >= since)
    if until is not None:
        query = query.where(Stand.starts_at < until)
    rows = db.session.execute(query).all()
    by_stand: dict[int, tuple[int, list[PaperTally]]] = {}
    for stand_id, area_id, tally in rows:
        by_stand.setdefault(stand_id, (area_id, []))[1].append(tally)
    return [
        (area_id, _as_entry(tallies[0]))
        for area_id, tallies in by_stand.values()
        if len(tallies) == 2 and compare_tallies(tallies).agreed
    ]
