"""Ballots from a stand's paired tablet: trust 'stand', paced as people vote, synced once.

Only a paired tablet (services.stands.kiosk_devices) sends ballots. Each new ballot spends
from the tablet's pace (domain.kiosk_pace): more than a person could have cast in the time
is *held*, not stored: the tablet keeps it in its queue and offers it again on a later sync,
and the tablet is flagged for staff (held_at, held_peak; the signals page). Holding instead
of refusing loses no resident's vote to a misjudged pace; storing and only flagging would
let a copied secret fill the count. Resent ballots (a key stored before) cost nothing.
"""

from __future__ import annotations

import logging
import math
import uuid
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import CursorResult, func, select, update

from participation.domain.ballots import BallotProblem, check_choices, check_village
from participation.domain.kiosk_pace import cast_moment, pace_batch
from participation.domain.text_input import parse_number
from participation.domain.vocabulary import Channel, TrustLevel
from participation.extensions import db
from participation.models import Ballot, KioskDevice, Stand
from participation.services.ballots import voting
from participation.services.stands import kiosk_devices
from participation.timeutil import utcnow

log = logging.getLogger(__name__)
MAX_BATCH = 200


def stand_for_token(token: str) -> Stand | None:
    return db.session.scalar(select(Stand).where(Stand.token == token))


class Held(Exception):
    """More than a person at the tablet could have cast by now: not stored, sent again later."""


@dataclass
class SyncReport:
    """Per ballot_key: stored now, stored before, refused with reasons, or held for later."""

    stored: list[str]
    duplicates: list[str]
    rejected: dict[str, list[str]]
    held: list[str]


@dataclass(frozen=True)
class Queued:
    """A ballot from the tablet's queue; `age` in seconds on the tablet's clock, if it said."""

    key: str
    submission: voting.Submission | None
    age: float | None = None


def submission(
    stand: Stand,
    device: KioskDevice,
    ballot_key: uuid.UUID,
    village: str | None,
    theme_ids: list[int],
    garbled_theme: bool = False,
) -> voting.Submission:
    return voting.Submission(
        ballot_key=ballot_key,
        village=village,
        theme_ids=theme_ids,
        garbled_theme=garbled_theme,
        stand_id=stand.id,
        channel=Channel.STAND,
        trust_level=TrustLevel.STAND,
        kiosk_device_id=device.id,
    )


def _problems(rules: voting.BallotRules, item: voting.Submission) -> list[BallotProblem]:
    """The ballot rules, checked before the ballot spends from the pace (cast_ballot checks
    them again when it stores)."""
    village = rules.current_village(item.village)
    problems = check_village(village, rules.village_slugs) + check_choices(
        item.theme_ids, rules.theme_ids, rules.rule
    )
    if item.garbled_theme and BallotProblem.UNKNOWN_THEME not in problems:
        problems.append(BallotProblem.UNKNOWN_THEME)
    return problems


def _known(keys: set[uuid.UUID]) -> set[uuid.UUID]:
    """Which of these ballot keys are stored already (a resend costs no pace)."""
    if not keys:
        return set()
    return set(db.session.scalars(select(Ballot.ballot_key).where(Ballot.ballot_key.in_(keys))))


def _reserve(stand: Stand, device: KioskDevice, ages: list[float | None]) -> list[datetime | None]:
    """Spend the tablet's pace on new ballots: per ballot the minute it was cast, or None when
    it is held. One conditional UPDATE, so two syncs at once cannot both spend the same."""
    if not ages:
        return []
    now = utcnow()
    for _ in range(5):
        tokens, at, peak = db.session.execute(
            select(KioskDevice.pace_tokens, KioskDevice.pace_at, KioskDevice.held_peak).where(
                KioskDevice.id == device.id
            )
        ).one()
        pace = kiosk_devices.pace_of(stand, tokens, at)
        moments = [cast_moment(age, now, at) for age in ages]
        accepted = pace_batch(pace, moments, now)
        held = accepted.count(False)
        values: dict[str, object] = {"pace_tokens": pace.tokens, "pace_at": pace.at}
        if held:
            values.update(held_at=now, held_peak=max(peak, min(held, MAX_BATCH)))
        result = db.session.execute(
            update(KioskDevice)
            .where(KioskDevice.id == device.id, KioskDevice.pace_at == at)
            .values(**values)
        )
        assert isinstance(result, CursorResult)  # an UPDATE's result, which counts its rows
        changed = result.rowcount
        if changed:
            db.session.commit()
            if held:
                log.warning(
                    "kiosk tablet %s: %d ballots held, faster than people vote", device.id, held
                )
            return [
                moment.replace(second=0, microsecond=0) if ok else None
                for moment, ok in zip(moments, accepted, strict=True)
            ]
        db.session.rollback()  # another sync of this tablet spent first: read again
    return [None] * len(ages)


def cast(
    stand: Stand, device: KioskDevice, rules: voting.BallotRules, item: voting.Submission
) -> voting.CastOutcome:
    """One ballot from the form without JavaScript; raises as voting.cast_ballot, or Held."""
    if not stand.accepts_sync() or rules.phase() != "open":
        log.info("kiosk ballot refused: stand %s is %s", stand.id, stand.kiosk_state())
        raise voting.CampaignNotOpen
    problems = _problems(rules, item)
    if problems:
        raise voting.BallotRejected(problems)
    if not _known({item.ballot_key}):
        (moment,) = _reserve(stand, device, [0.0])
        if moment is None:
            raise Held
        item = replace(item, created_at=moment)
    return voting.cast_ballot(rules, item)


def sync(
    stand: Stand,
    device: KioskDevice,
    rules: voting.BallotRules,
    items: list[Any],
    sent_at: object = None,
) -> SyncReport:
    """Store a batch of queued ballots, each in its own transaction; repeats are no-ops, and
    what goes beyond the tablet's pace is held."""
    report = SyncReport([], [], {}, [])
    queued = [_parse(stand, device, item, sent_at) for item in items[:MAX_BATCH]]
    open_now = stand.accepts_sync() and rules.phase() == "open"
    keys = {q.submission.ballot_key for q in queued if q.submission is not None}
    known = _known(keys) if open_now else set()
    fresh: dict[str, Queued] = {}
    for q in queued:
        if q.submission is None:
            report.rejected[q.key] = [BallotProblem.UNKNOWN_THEME.value]
        elif not open_now:
            report.rejected[q.key] = ["not_open"]
        elif q.submission.ballot_key not in known and q.key not in fresh:
            problems = _problems(rules, q.submission)
            if problems:
                report.rejected[q.key] = [p.value for p in problems]
            else:
                fresh[q.key] = q
    moments = dict(
        zip(fresh, _reserve(stand, device, [q.age for q in fresh.values()]), strict=True)
    )
    for q in queued:
        if q.submission is None or q.key in report.rejected:
            continue
        if q.key not in moments:  # stored before this batch
            item = q.submission
        elif (moment := moments[q.key]) is None:  # held, and a repeat of it in the batch too
            if q.key not in report.held:
                report.held.append(q.key)
            continue
        else:
            item = replace(q.submission, created_at=moment)
        _cast_into(report, rules, q.key, item)
    log.info(
        "kiosk sync for stand %s tablet %s: %d stored, %d repeats, %d refused, %d held",
        stand.id,
        device.id,
        len(report.stored),
        len(report.duplicates),
        len(report.rejected),
        len(report.held),
    )
    return report


def _cast_into(
    report: SyncReport, rules: voting.BallotRules, key: str, item: voting.Submission
) -> None:
    try:
        outcome = voting.cast_ballot(rules, item)
    except voting.BallotRejected as rejected:
        report.rejected[key] = [p.value for p in rejected.problems]
    except voting.CampaignNotOpen:
        report.rejected[key] = ["not_open"]
    except voting.BallotKeyReused:
        report.rejected[key] = ["ballot_key_reused"]
    else:
        target = report.stored if outcome is voting.CastOutcome.STORED else report.duplicates
        target.append(key)


def _milliseconds(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def _parse(stand: Stand, device: KioskDevice, item: Any, sent_at: object) -> Queued:
    """A queued ballot from JSON (submission None when it is garbled), with its age: the
    tablet's sent_at minus its cast_at, both on the tablet's own clock, in milliseconds."""
    if not isinstance(item, dict):
        return Queued("?", None)
    key = str(item.get("ballot_key", "?"))[:64]
    themes, village = item.get("themes"), item.get("village")
    # Documented types only: a list of whole numbers, and a village slug as text (or null).
    if not isinstance(themes, list) or not isinstance(village, str | None):
        return Queued(key, None)
    numbers = [parse_number(theme) for theme in themes]
    theme_ids = [number for number in numbers if number is not None]
    if len(theme_ids) != len(numbers) or not isinstance(item.get("ballot_key"), str):
        return Queued(key, None)
    cast_at, sent = _milliseconds(item.get("cast_at")), _milliseconds(sent_at)
    age = (sent - cast_at) / 1000 if cast_at is not None and sent is not None else None
    try:
        ballot_key = uuid.UUID(key)
    except ValueError:
        return Queued(key, None)
    made = submission(stand, device, ballot_key, village or None, theme_ids)
    return Queued(key, made, age)


def record_contact(stand: Stand, device: KioskDevice, queued: object, removed: int) -> None:
    """The tablet reached us: remember when, and how many votes it says it still holds after
    this batch (`queued` as it reported its whole queue; anything else counts as none). Shown
    to staff as reported, bounded; nothing counts or decides on it."""
    reported = queued if isinstance(queued, int) and not isinstance(queued, bool) else removed
    now = utcnow()
    device.last_contact_at = now
    device.queued_reported = min(max(reported - removed, 0), kiosk_devices.QUEUE_SHOWN_MAX + 1)
    db.session.flush()
    total = db.session.scalar(
        select(func.sum(KioskDevice.queued_reported)).where(
            KioskDevice.stand_id == stand.id, KioskDevice.revoked_at.is_(None)
        )
    )
    stand.last_contact_at = now
    stand.queued_reported = min(int(total or 0), kiosk_devices.QUEUE_SHOWN_MAX + 1)
    db.session.commit()
