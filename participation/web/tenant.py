"""Which municipality a request works for: chosen from its host before anything else runs."""

from __future__ import annotations

import time
from contextvars import Token

from flask import Flask, abort, appcontext_pushed, current_app, g

from participation import caches, tenancy
from participation.services import municipalities

# How long a worker trusts its list of municipalities and host names: a new municipality or
# host name reaches the other workers within this time.
HOSTS_TTL = 5.0
# Pages that serve no municipality's data and must answer on any host (a load balancer's
# health check asks by IP address).
ANY_HOST_ENDPOINTS = frozenset({"api.healthz", "static"})


def register(app: Flask) -> None:
    appcontext_pushed.connect(_choose_the_only_one, app)
    # Run while the context and its `g` still stand (appcontext_popped comes after).
    app.teardown_appcontext(_forget_the_only_one)
    # First of all before-request hooks: every later one may read the database.
    app.before_request_funcs.setdefault(None, []).insert(0, _choose_from_host)
    app.teardown_request(_forget_host_choice)


def known() -> municipalities.HostMap:
    """This worker's copy of the municipalities and their host names (HOSTS_TTL seconds)."""
    kept = caches.cache("municipality_hosts")
    now = time.monotonic()
    entry = kept.get("map")
    if entry is None or entry[0] < now:
        entry = (now + HOSTS_TTL, municipalities.host_map())
        kept["map"] = entry
    found: municipalities.HostMap = entry[1]
    return found


def forget() -> None:
    """After adding, renaming or removing a municipality: this worker reads them again."""
    caches.clear("municipality_hosts")


def _choose_the_only_one(app: Flask, **_: object) -> None:
    """A CLI chore, a worker job or a test in a one-municipality install works for it, as
    before there were several; with more, each names its municipality (`--gemeente`)."""
    if tenancy.chosen_id() is not None:
        return
    try:
        only = known().only
    except Exception:  # no tables yet (before `flask db upgrade`): nothing to choose
        return
    if only is not None:
        g._municipality_token = tenancy.choose(only)


def _forget_the_only_one(_error: BaseException | None) -> None:
    token: Token[int | None] | None = g.pop("_municipality_token", None)
    if token is not None:
        tenancy.restore(token)


def _choose_from_host() -> None:
    from flask import request

    if request.endpoint in ANY_HOST_ENDPOINTS:
        return
    chosen = known().for_host(request.host)
    if chosen is None:
        current_app.logger.info("request for an unknown host refused")
        # The 404 page then shows no municipality's name or look.
        g._host_municipality_token = tenancy.choose(None)
        abort(404)
    g._host_municipality_token = tenancy.choose(chosen)


def _forget_host_choice(_error: BaseException | None) -> None:
    token: Token[int | None] | None = g.pop("_host_municipality_token", None)
    if token is not None:
        tenancy.restore(token)
