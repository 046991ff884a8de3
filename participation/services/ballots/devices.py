"""The phone's device cookie: a random, signed token that counts ballots but names nobody."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from flask import current_app
from itsdangerous import BadSignature, Signer
from sqlalchemy import select
from werkzeug.wrappers import Response

from participation.extensions import db
from participation.models import DeviceTally, RegionalDeviceTally

COOKIE = "stemapparaat"
# About as long as browsers keep a cookie (Chrome caps at 400 days); a campaign is shorter.
MAX_AGE = 400 * 24 * 3600


def _signer() -> Signer:
    return Signer(_secret_key(), salt="device-cookie")


def _secret_key() -> bytes:
    """The app's SECRET_KEY as bytes; a production start refuses to run without one."""
    secret = current_app.secret_key
    if not secret:
        raise RuntimeError("SECRET_KEY is not set")
    return secret.encode() if isinstance(secret, str) else bytes(secret)


def read_token(cookie: str | None) -> str | None:
    """The token in a genuine device cookie, or None for a missing or tampered one."""
    if not cookie:
        return None
    try:
        return _signer().unsign(cookie).decode()
    except BadSignature:
        return None


def new_token() -> str:
    return secrets.token_urlsafe(16)


def remember(response: Response, token: str) -> None:
    """Set the cookie: long-lived, HttpOnly, and Secure wherever the session cookie is."""
    response.set_cookie(
        COOKIE,
        _signer().sign(token).decode(),
        max_age=MAX_AGE,
        httponly=True,
        secure=current_app.config["SESSION_COOKIE_SECURE"],
        samesite="Lax",
    )


def device_hash(token: str, campaign_id: int) -> str:
    """A keyed hash per campaign, so a stored key cannot be followed into another campaign."""
    message = f"{campaign_id}:{token}".encode()
    return hmac.new(_secret_key(), message, hashlib.sha256).hexdigest()[:32]


def ballots_cast(token: str, campaign_id: int) -> int:
    """How many ballots this phone has cast in the campaign."""
    tally = db.session.scalar(
        select(DeviceTally.ballots).where(
            DeviceTally.campaign_id == campaign_id,
            DeviceTally.device_hash == device_hash(token, campaign_id),
        )
    )
    return tally or 0


def regional_device_hash(token: str, regional_campaign_id: int) -> str:
    """The phone's key in a regional campaign (issue 30): another key than in any one
    municipality's campaign, so the two cannot be matched."""
    message = f"region:{regional_campaign_id}:{token}".encode()
    return hmac.new(_secret_key(), message, hashlib.sha256).hexdigest()[:32]


def regional_ballots_cast(token: str, regional_campaign_id: int) -> int:
    """How many ballots this phone has cast in the regional campaign, in any municipality."""
    tally = db.session.scalar(
        select(RegionalDeviceTally.ballots).where(
            RegionalDeviceTally.regional_campaign_id == regional_campaign_id,
            RegionalDeviceTally.device_hash == regional_device_hash(token, regional_campaign_id),
        )
    )
    return tally or 0
