"""Which municipality a request works for: chosen from its host before anything else runs."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextvars import Token
from typing import Any, AnyStr

from flask import (
    Flask,
    abort,
    appcontext_pushed,
    current_app,
    g,
    redirect,
    stream_with_context,
)

from participation import caches, tenancy
from participation.services import municipalities

# How long a worker trusts its list of municipalities and host names: a new municipality or
# host name reaches the other workers within this time.
HOSTS_TTL = 5.0
# Pages that serve no municipality's data and must answer on any host (a load balancer's
# health check asks by IP address).
ANY_HOST_ENDPOINTS = frozenset({"api.healthz", "static"})
# Where a region host's own pages live (blueprint "region"); its other paths are either a
# municipality's (/<slug>/…) or unknown.
REGION_BLUEPRINTS = frozenset({"region"})
# Pages a municipality serves only on its own host: staff work, stand tablets, the links of
# associations and session participants (a region host's /<slug>/ paths are for residents).
OWN_HOST_BLUEPRINTS = frozenset({"staff", "stand", "associations", "sessions", "api"})
# The WSGI environ key that carries the municipality a region host's /<slug>/ path named.
PATH_MUNICIPALITY = "participation.path_municipality"


def register(app: Flask) -> None:
    appcontext_pushed.connect(_choose_the_only_one, app)
    # Run while the context and its `g` still stand (appcontext_popped comes after).
    app.teardown_appcontext(_forget_the_only_one)
    # First of all before-request hooks: every later one may read the database.
    app.before_request_funcs.setdefault(None, []).insert(0, _choose_from_host)
    app.teardown_request(_forget_host_choice)
    # Flask's documented way to add WSGI middleware; mypy sees wsgi_app only as a method.
    app.wsgi_app = RegionPaths(app, app.wsgi_app)  # type: ignore[method-assign]


class RegionPaths:
    """On a region's host, /<municipality slug>/… serves that municipality's resident pages as
    if on its own host (moved into SCRIPT_NAME, so every link it makes keeps the prefix). The
    phones of a regional campaign vote there, with one cookie for the whole region: one phone
    votes once, whichever municipality's poster it came from."""

    def __init__(self, app: Flask, wsgi_app: Callable[..., Iterable[bytes]]) -> None:
        self.app = app
        self.wsgi_app = wsgi_app

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        hosts = self._hosts()
        if hosts is not None and hosts.regions_by_host:
            region = hosts.region_for_host(environ.get("HTTP_HOST", ""))
            first, slash, rest = environ.get("PATH_INFO", "").lstrip("/").partition("/")
            municipality = hosts.in_region.get((region, first)) if region is not None else None
            if municipality is not None:
                environ["SCRIPT_NAME"] = environ.get("SCRIPT_NAME", "") + "/" + first
                environ["PATH_INFO"] = "/" + rest if slash else "/"
                environ[PATH_MUNICIPALITY] = municipality
        return self.wsgi_app(environ, start_response)

    def _hosts(self) -> municipalities.HostMap | None:
        """This worker's host map, read without an app context while it is fresh."""
        found = caches.peek(self.app, "municipality_hosts", "map")
        if found is not None and found[0] >= time.monotonic():
            kept: municipalities.HostMap = found[1]
            return kept
        try:
            with self.app.app_context():
                return known()
        except Exception:  # no tables yet (before `flask db upgrade`)
            return None


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


def _choose_from_host() -> Any:
    from flask import request

    if request.endpoint in ANY_HOST_ENDPOINTS:
        return None
    hosts = known()
    from_path: int | None = request.environ.get(PATH_MUNICIPALITY)
    region = hosts.region_for_host(request.host) if from_path is None else None
    if region is not None:
        # The region's own pages: no municipality, reading across the region's.
        g._host_municipality_token = tenancy.choose(None)
        g._host_region_tokens = tenancy.choose_region(
            region, hosts.members.get(region, frozenset())
        )
        if request.blueprint in REGION_BLUEPRINTS:
            return None
        if request.path == "/":
            return redirect("/regio/")
        current_app.logger.info("request for no page of the region refused")
        abort(404)
    if request.blueprint in REGION_BLUEPRINTS:
        # A region's pages live on its own host only; elsewhere they would read as the host's.
        g._host_municipality_token = tenancy.choose(None)
        current_app.logger.info("request for a region's page off the region's host refused")
        abort(404)
    if from_path is not None and request.blueprint in OWN_HOST_BLUEPRINTS:
        g._host_municipality_token = tenancy.choose(None)
        abort(404)
    chosen = from_path if from_path is not None else hosts.for_host(request.host)
    if chosen is None:
        current_app.logger.info("request for an unknown host refused")
        # The 404 page then shows no municipality's name or look.
        g._host_municipality_token = tenancy.choose(None)
        abort(404)
    g._host_municipality_token = tenancy.choose(chosen)
    if chosen in hosts.region_of:
        g._host_region_tokens = tenancy.choose_region(hosts.region_of[chosen])
    return None


def _forget_host_choice(_error: BaseException | None) -> None:
    tokens = g.pop("_host_region_tokens", None)
    if tokens is not None:
        tenancy.restore_region(tokens)
    token: Token[int | None] | None = g.pop("_host_municipality_token", None)
    if token is not None:
        tenancy.restore(token)


def streamed(chunks: Iterator[AnyStr]) -> Iterator[AnyStr]:
    """stream_with_context that keeps this request's municipality and region: the chunks
    are made after the view returned, when the request's teardown has undone the host's
    choice (a streamed export would otherwise read as no municipality)."""
    kept = tenancy.kept_for_later()

    def inside() -> Iterator[AnyStr]:
        with kept():
            yield from chunks

    return stream_with_context(inside())
