"""Response headers that keep pages safe, and the checks a production start must pass."""

import logging
from collections.abc import Mapping
from typing import Any

from flask import Flask, Response, g, request
from flask_limiter import Limiter

log = logging.getLogger(__name__)

# No inline script or style anywhere: every script is a file under /static.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)
HSTS = "max-age=31536000; includeSubDomains"
# Blueprints whose every page is private: staff, and the association and participant links.
PRIVATE_BLUEPRINTS = frozenset({"staff", "associations", "sessions"})
# Set on every answer unless the view set its own; lower-cased names, found in one pass.
CONSTANT_HEADERS = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "same-origin"),
    ("X-Frame-Options", "DENY"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
)
_CONSTANT_HEADERS = tuple((name.lower(), name, value) for name, value in CONSTANT_HEADERS)
DEFAULT_SECRET_KEYS = {"", "dev-only-change-me", "test-secret", "change-me", "secret"}
MIN_SECRET_KEY_LENGTH = 32


def register(app: Flask) -> None:
    @app.after_request
    def set_security_headers(response: Response) -> Response:
        headers = response.headers
        # One pass over the answer's headers instead of a case-blind search per header.
        present = {name.lower() for name, _ in headers}
        headers.extend(
            [(name, value) for low, name, value in _CONSTANT_HEADERS if low not in present]
        )
        if request.is_secure or app.config.get("SESSION_COOKIE_SECURE"):
            response.headers.setdefault("Strict-Transport-Security", HSTS)
        if request.blueprint in PRIVATE_BLUEPRINTS or _served_to_staff():
            # Staff pages and exports, and pages behind an association's or participant's
            # link: no browser or proxy keeps a copy for the next person at that computer.
            response.headers["Cache-Control"] = "no-store"
        return response


def skip_idle_limit_pass(app: Flask, limiter: Limiter) -> None:
    """Drop Flask-Limiter's before-request pass while it has nothing to check.

    That pass applies default, application-wide, blueprint and meta limits. This app sets none:
    every limit is a decorator on its view (ballots, voting codes, logins, mails) and is checked
    by that decorator before the view runs, with the same counts, keys and 429 answer. Without
    limits of its own the pass still cost a ballot about 6 % of its time. Call it once the
    blueprints are registered; any such limit, or a Flask-Limiter that no longer keeps them
    where this looks, keeps the pass.
    """
    manager = limiter.limit_manager
    kept = (
        getattr(manager, "_application_limits", True),
        getattr(manager, "_default_limits", True),
        getattr(manager, "_blueprint_limits", True),
        getattr(limiter, "_meta_limits", True),
    )
    if any(kept):
        return
    hooks = app.before_request_funcs.get(None, [])
    hooks[:] = [hook for hook in hooks if hook != limiter._check_request_limit]


def _served_to_staff() -> bool:
    """Whether this request's view looked up a logged-in user (results pages, exports, API).

    Read from what Flask-Login kept in `g`, so the session cookie is not decoded again for
    every other request (static files, the ballot).
    """
    user = g.get("_login_user")
    return bool(user is not None and user.is_authenticated)


class UnsafeConfig(RuntimeError):
    """The production start is refused; the message says what to set."""


def check_production(config: Mapping[str, Any]) -> None:
    """Refuse a default, missing or short SECRET_KEY and a missing PUBLIC_BASE_URL (a forged
    Host header must never reach print). gunicorn_conf warns about per-worker rate limits."""
    key = config.get("SECRET_KEY") or ""
    if key in DEFAULT_SECRET_KEYS or len(key) < MIN_SECRET_KEY_LENGTH:
        raise UnsafeConfig(
            "Set SECRET_KEY to a random value of at least 32 characters before running in "
            "production, e.g. python -c 'import secrets; print(secrets.token_urlsafe(48))'."
        )
    if not str(config.get("PUBLIC_BASE_URL") or "").startswith(("https://", "http://")):
        raise UnsafeConfig(
            "Set PUBLIC_BASE_URL to the address residents reach (e.g. https://stem.gemeente.nl)"
            " before running in production: QR codes, posters and links are built from it."
        )


def shared_limits_warning(storage_uri: str, workers: int) -> str | None:
    """The warning for a start whose workers would each count rate limits on their own."""
    if workers > 1 and storage_uri.startswith("memory://"):
        return (
            f"Rate limits are counted in memory, per gunicorn worker: with {workers} workers a "
            "client gets that many times each limit (logins, ballots, voting codes). Set "
            "RATELIMIT_STORAGE_URI=redis://... to share the counts."
        )
    return None
