"""Ballots from a stand's kiosk: channel and trust 'stand', tied to the stand, synced once."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from participation.domain.ballots import BallotProblem
from participation.domain.text_input import parse_number
from participation.extensions import db
from participation.models import Stand
from participation.models.ballots import Channel, TrustLevel
from participation.services.ballots import voting
from participation.timeutil import utcnow

log = logging.getLogger(__name__)
MAX_BATCH = 200


def stand_for_token(token: str) -> Stand | None:
    return db.session.scalar(select(Stand).where(Stand.token == token))


@dataclass
class SyncReport:
    """Per ballot_key: stored now, stored before, or refused with reasons."""

    stored: list[str]
    duplicates: list[str]
    rejected: dict[str, list[str]]


def submission(
    stand: Stand,
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
    )


def cast(stand: Stand, rules: voting.BallotRules, item: voting.Submission) -> voting.CastOutcome:
    if not stand.accepts_sync():
        log.info("kiosk ballot refused: stand %s is %s", stand.id, stand.kiosk_state())
        raise voting.CampaignNotOpen
    return voting.cast_ballot(rules, item)


def sync(stand: Stand, rules: voting.BallotRules, items: list[Any]) -> SyncReport:
    """Store a batch of queued ballots, each in its own transaction; repeats are no-ops."""
    report = SyncReport([], [], {})
    for item in items[:MAX_BATCH]:
        key, parsed = _parse(stand, item)
        if parsed is None:
            report.rejected[key] = [BallotProblem.UNKNOWN_THEME.value]
            continue
        try:
            outcome = cast(stand, rules, parsed)
        except voting.BallotRejected as rejected:
            report.rejected[key] = [p.value for p in rejected.problems]
        except voting.CampaignNotOpen:
            report.rejected[key] = ["not_open"]
        except voting.BallotKeyReused:
            report.rejected[key] = ["ballot_key_reused"]
        else:
            target = report.stored if outcome is voting.CastOutcome.STORED else report.duplicates
            target.append(key)
    log.info(
        "kiosk sync for stand %s: %d stored, %d repeats, %d refused",
        stand.id,
        len(report.stored),
        len(report.duplicates),
        len(report.rejected),
    )
    return report


def _parse(stand: Stand, item: Any) -> tuple[str, voting.Submission | None]:
    """A queued ballot from JSON; None when it is garbled."""
    if not isinstance(item, dict):
        return "?", None
    key = str(item.get("ballot_key", "?"))[:64]
    themes, village = item.get("themes"), item.get("village")
    # Documented types only: a list of whole numbers, and a village slug as text (or null).
    if not isinstance(themes, list) or not isinstance(village, str | None):
        return key, None
    theme_ids = [parse_number(theme) for theme in themes]
    if None in theme_ids or not isinstance(item.get("ballot_key"), str):
        return key, None
    try:
        return key, submission(stand, uuid.UUID(key), village or None, theme_ids)  # type: ignore[arg-type]
    except ValueError:
        return key, None


def record_contact(stand: Stand, queued: object, sent: int) -> None:
    """The tablet reached us: remember when, and how many votes it still holds after this
    batch (`queued` is its whole queue as it reported it; anything else counts as none)."""
    waiting = queued if isinstance(queued, int) and not isinstance(queued, bool) else sent
    stand.last_contact_at = utcnow()
    stand.queued_reported = max(min(waiting, 100_000) - sent, 0)
    db.session.commit()
