"""Pairing a stand's tablet: it shows a short code, staff type it, then it keeps a secret.

The kiosk link alone no longer sends votes. A tablet that opens it gets a six-digit code
(valid PAIRING_MINUTES) and a random nonce in a cookie; a logged-in staff member types the
code on the stand's page; the tablet then collects a random device secret with its nonce. The
secret lives in an HttpOnly cookie scoped to the stand's kiosk path (so the form without
JavaScript sends it too, and page scripts cannot read it); only its SHA-256 is stored.
Wrong codes are limited per stand; pairing and revoking are audited.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app, url_for
from limits import RateLimitItemPerMinute
from sqlalchemy import delete, func, select
from werkzeug.wrappers import Response

from participation.domain.kiosk_pace import BURST, PACE_SECONDS, Pace
from participation.extensions import db, limiter
from participation.models import Ballot, Campaign, KioskDevice, KioskPairing, StaffUser, Stand
from participation.services import audit, ownership
from participation.timeutil import utcnow

log = logging.getLogger(__name__)

COOKIE = "kiosk_tablet"
PAIRING_COOKIE = "kiosk_koppeling"
# About as long as browsers keep a cookie; revoking, or closing the stand, ends it sooner.
COOKIE_MAX_AGE = 400 * 24 * 3600
PAIRING_MINUTES = 10
# After staff typed the code, the tablet has this long to collect its secret.
CLAIM_MINUTES = 10
# Codes waiting at one stand; a new one pushes out the oldest (a link passed around cannot
# fill the table, and cannot stop staff from pairing for long).
MAX_PENDING = 50
# Wrong codes per stand: ten per ten minutes, then staff wait. Only logged-in staff type codes.
WRONG_CODES = RateLimitItemPerMinute(10, 10)
# What a tablet says it still holds is shown as reported up to here, beyond as 'more than'.
QUEUE_SHOWN_MAX = 500
NAME_MAX = 40


class UnknownCode(Exception):
    """No code of this stand matches, or it expired; nothing was paired."""


class TooManyWrongCodes(Exception):
    """Too many wrong codes for this stand lately; nothing was paired."""


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def pace_settings() -> tuple[float, float]:
    """Seconds per ballot and the burst (KIOSK_PACE_SECONDS, KIOSK_BURST; see domain.kiosk_pace)."""
    config = current_app.config
    return float(config.get("KIOSK_PACE_SECONDS", PACE_SECONDS)), float(
        config.get("KIOSK_BURST", BURST)
    )


def pace_of(stand: Stand, tokens: float, at: datetime) -> Pace:
    """The tablet's pace as it stood at `at`, inside its stand's window."""
    seconds, burst = pace_settings()
    return Pace(tokens, at, stand.starts_at, stand.ends_at, seconds, burst)


def device_for_secret(stand: Stand, secret: str | None) -> KioskDevice | None:
    """The active tablet of this stand holding this secret, or None."""
    if not secret or len(secret) > 200:
        return None
    device = db.session.scalar(select(KioskDevice).where(KioskDevice.secret_hash == _hash(secret)))
    if device is None or device.stand_id != stand.id or device.revoked_at is not None:
        return None
    return device


def start_pairing(stand: Stand) -> tuple[KioskPairing, str]:
    """A new code for a tablet at this stand, and the nonce the tablet keeps to collect it."""
    now = utcnow()
    grace = timedelta(minutes=CLAIM_MINUTES)
    db.session.execute(
        delete(KioskPairing).where(
            KioskPairing.stand_id == stand.id, KioskPairing.expires_at < now - grace
        )
    )
    waiting = list(
        db.session.scalars(
            select(KioskPairing)
            .where(KioskPairing.stand_id == stand.id, KioskPairing.device_id.is_(None))
            .order_by(KioskPairing.id)
        )
    )
    for old in waiting[: max(len(waiting) - MAX_PENDING + 1, 0)]:
        db.session.delete(old)
    taken = {pairing.code for pairing in waiting}
    code = f"{secrets.randbelow(10**6):06d}"
    while code in taken:
        code = f"{secrets.randbelow(10**6):06d}"
    nonce = secrets.token_urlsafe(32)
    pairing = KioskPairing(
        stand_id=stand.id,
        code=code,
        nonce_hash=_hash(nonce),
        created_at=now,
        expires_at=now + timedelta(minutes=PAIRING_MINUTES),
    )
    db.session.add(pairing)
    db.session.commit()
    log.info("kiosk pairing code issued for stand %s", stand.id)
    return pairing, nonce


def pairing_for_nonce(stand: Stand, nonce: str | None) -> KioskPairing | None:
    if not nonce or len(nonce) > 200:
        return None
    pairing = db.session.scalar(select(KioskPairing).where(KioskPairing.nonce_hash == _hash(nonce)))
    return pairing if pairing is not None and pairing.stand_id == stand.id else None


def pairing_state(pairing: KioskPairing | None, now: datetime | None = None) -> str:
    """'none', 'waiting' (for staff), 'approved' (the tablet may collect) or 'expired'."""
    now = now or utcnow()
    if pairing is None:
        return "none"
    if pairing.device_id is not None:
        device = db.session.get(KioskDevice, pairing.device_id)
        usable = device is not None and device.revoked_at is None and device.secret_hash is None
        fresh = now < pairing.expires_at + timedelta(minutes=CLAIM_MINUTES)
        return "approved" if usable and fresh else "expired"
    return "waiting" if now < pairing.expires_at else "expired"


def _default_name(stand: Stand) -> str:
    count = db.session.scalar(
        select(func.count()).select_from(KioskDevice).where(KioskDevice.stand_id == stand.id)
    )
    return f"Tablet {(count or 0) + 1}"


def confirm_code(stand: Stand, typed: str, name: str, actor: StaffUser) -> KioskDevice:
    """Staff typed the tablet's code: a new paired device, its secret still to be collected."""
    failures = limiter.limiter
    key = ("kiosk-pairing-failures", str(stand.id))
    if not failures.test(WRONG_CODES, *key):
        log.warning("kiosk pairing refused: too many wrong codes for stand %s", stand.id)
        raise TooManyWrongCodes
    code = "".join(ch for ch in typed if ch in "0123456789")
    now = utcnow()
    pairing = (
        db.session.scalar(
            select(KioskPairing).where(
                KioskPairing.stand_id == stand.id,
                KioskPairing.code == code,
                KioskPairing.device_id.is_(None),
                KioskPairing.expires_at > now,
            )
        )
        if len(code) == 6
        else None
    )
    if pairing is None:
        failures.hit(WRONG_CODES, *key)
        log.info("kiosk pairing: wrong code for stand %s", stand.id)
        raise UnknownCode
    _, burst = pace_settings()
    device = KioskDevice(
        stand_id=stand.id,
        name=" ".join(name.split())[:NAME_MAX] or _default_name(stand),
        paired_at=now,
        paired_by_id=actor.id,
        pace_tokens=burst,
        pace_at=now,
    )
    db.session.add(device)
    db.session.flush()
    pairing.device_id = device.id
    audit.record(
        actor,
        "kiosk.pair",
        f"campaign:{stand.campaign.slug}/stand:{stand.id}",
        f"{device.name} (tablet {device.id})",
    )
    db.session.commit()
    return device


def claim(stand: Stand, nonce: str | None) -> tuple[KioskDevice, str] | None:
    """The approved tablet collects its secret, once; None if there is nothing to collect."""
    pairing = pairing_for_nonce(stand, nonce)
    if pairing is None or pairing_state(pairing) != "approved":
        return None
    device = db.session.get(KioskDevice, pairing.device_id)
    assert device is not None  # 'approved' means the pairing names a usable tablet
    secret = secrets.token_urlsafe(32)
    device.secret_hash = _hash(secret)
    db.session.delete(pairing)
    db.session.commit()
    log.info("kiosk tablet %s collected its secret", device.id)
    return device, secret


def revoke(device: KioskDevice, actor: StaffUser) -> None:
    """The tablet's later posts are refused; its ballots so far stay counted."""
    if device.revoked_at is not None:
        return
    device.revoked_at = utcnow()
    device.revoked_by_id = actor.id
    stand = db.session.get(Stand, device.stand_id)
    assert stand is not None  # a tablet's stand_id is a foreign key that cannot be empty
    audit.record(
        actor,
        "kiosk.revoke",
        f"campaign:{stand.campaign.slug}/stand:{stand.id}",
        f"{device.name} (tablet {device.id})",
    )
    db.session.commit()


def device_of_stand(stand: Stand, device_id: int | None) -> KioskDevice | None:
    """The stand's tablet with this id (from a URL or form), or None."""
    return ownership.owned(KioskDevice, device_id, stand_id=stand.id)


@dataclass(frozen=True)
class DeviceRow:
    """A paired tablet as staff see it."""

    device: KioskDevice
    ballots: int  # stored from it, excluded or not

    @property
    def queued_shown(self) -> int | None:
        """What it last said it still held, None when above QUEUE_SHOWN_MAX ('more than')."""
        reported = self.device.queued_reported
        return None if reported > QUEUE_SHOWN_MAX else reported


def _ballots_per_device(device_ids: list[int]) -> dict[int, int]:
    if not device_ids:
        return {}
    rows = db.session.execute(
        select(Ballot.kiosk_device_id, func.count())
        .where(Ballot.kiosk_device_id.in_(device_ids))
        .group_by(Ballot.kiosk_device_id)
    )
    # Only these tablets' ballots were asked for, so none without a tablet comes back.
    return {device_id: n for device_id, n in rows if device_id is not None}


def devices(stand: Stand) -> list[DeviceRow]:
    """The stand's tablets, first paired first."""
    found = list(
        db.session.scalars(
            select(KioskDevice).where(KioskDevice.stand_id == stand.id).order_by(KioskDevice.id)
        )
    )
    counts = _ballots_per_device([d.id for d in found])
    return [DeviceRow(d, counts.get(d.id, 0)) for d in found]


def flagged(campaign: Campaign) -> list[tuple[Stand, DeviceRow]]:
    """Tablets of the campaign's stands that offered ballots faster than a person votes."""
    rows = db.session.execute(
        select(KioskDevice, Stand)
        .join(Stand, Stand.id == KioskDevice.stand_id)
        .where(Stand.campaign_id == campaign.id, KioskDevice.held_at.is_not(None))
        .order_by(KioskDevice.held_at.desc())
    ).all()
    counts = _ballots_per_device([device.id for device, _ in rows])
    return [(stand, DeviceRow(device, counts.get(device.id, 0))) for device, stand in rows]


def _cookie_path(stand: Stand) -> str:
    return url_for("stand.kiosk_page", token=stand.token)


def remember(response: Response, stand: Stand, secret: str) -> None:
    """The device secret on the tablet: HttpOnly, this stand's kiosk path only, SameSite."""
    response.set_cookie(
        COOKIE,
        secret,
        max_age=COOKIE_MAX_AGE,
        path=_cookie_path(stand),
        httponly=True,
        secure=current_app.config["SESSION_COOKIE_SECURE"],
        samesite="Lax",
    )
    response.delete_cookie(PAIRING_COOKIE, path=_cookie_path(stand))


def remember_pairing(response: Response, stand: Stand, nonce: str) -> None:
    response.set_cookie(
        PAIRING_COOKIE,
        nonce,
        max_age=(PAIRING_MINUTES + CLAIM_MINUTES) * 60,
        path=_cookie_path(stand),
        httponly=True,
        secure=current_app.config["SESSION_COOKIE_SECURE"],
        samesite="Lax",
    )
