"""Per-worker caches kept on the app, each with a name and documented key and value types."""

from __future__ import annotations

from typing import Any

from flask import current_app

# Where the caches live on the app: one dict of named caches, so nothing else in
# app.extensions is ever touched by this app's own code.
EXTENSION = "participation.caches"

# The caches there are, and what their keys and values are. A name that is not here is a
# KeyError, so a typo cannot start a cache nobody clears.
CACHES: dict[str, str] = {
    "ballot_rules": (
        "(municipality id, campaign slug) -> (expires at, time.monotonic() seconds (float), "
        "BallotRules | None); services.ballots.voting, cleared by forget_rules"
    ),
    "results_counts": (
        "(municipality id, campaign id, Period) -> (fingerprint tuple, AreaCounts with paper "
        "and archive); services.results.counting, reused while the fingerprint holds"
    ),
    "running_counts": (
        "('sources', municipality id, campaign id) or (municipality id, campaign id, Period) "
        "-> running_counts.Running (settled "
        "counts up to an id, and the ids seen); services.results.running_counts"
    ),
    "municipality_hosts": (
        "'map' -> (expires at, time.monotonic() seconds (float), services.municipalities."
        "HostMap); web.tenant, read again after web.tenant.HOSTS_TTL or forget()"
    ),
    "small_logo": (
        "(municipality id, SHA-256 hex digest of the uploaded logo) -> the page-sized logo "
        "(bytes); info.routes, holds each municipality's current logo"
    ),
}


def cache(name: str) -> dict[Any, Any]:
    """The named cache of this app (one per worker process), made empty on first use."""
    if name not in CACHES:
        raise KeyError(f"no cache named {name!r}: add it to participation.caches.CACHES")
    kept: dict[str, dict[Any, Any]] = current_app.extensions.setdefault(EXTENSION, {})
    return kept.setdefault(name, {})


def peek(app: Any, name: str, key: Any) -> Any:
    """The named cache's entry for `key` in this app, without an app context (WSGI
    middleware, web.tenant.RegionPaths); None when absent."""
    return app.extensions.get(EXTENSION, {}).get(name, {}).get(key)


def clear(name: str) -> None:
    """Forget everything in the named cache (in this worker)."""
    cache(name).clear()


def mail_state() -> Any:
    """Flask-Mail's settings for this app (its server and port). Not a cache: Flask-Mail keeps
    them in app.extensions["mail"]; read here so every app.extensions key is in this module."""
    return current_app.extensions["mail"]
