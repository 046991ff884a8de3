"""The regional isolation walk's tools: every page A's admin can fetch on A's host and on the
region's host, read as text with what differs between two fetches left out; whether one
shows B's texts or drafts; and whether it answers A's admin as it answers the public."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.routing import AnyConverter, Rule
from werkzeug.wrappers import Response

from tests.factories import client_on
from tests.isolation.conftest import A_HOST
from tests.isolation.regional_world import REGION_HOST, RegionalWorld
from tests.isolation.walk import ANY_ROUTE, EXCLUDED, FIXED, ask, body_text, markers_in, rules, urls
from tests.isolation.world import Side

# Pages on a municipality's own host only: under /<slug>/ on the region's host a 404.
OWN_HOST = ("staff.", "stand.", "associations.", "sessions.", "api.")
# Renderings of A's own campaign that show neither another's drafts nor counts (posters,
# flyers, QR codes) or only as pixels (PNG): one of each kind is enough, as in test_walk.
SKIPPED_KINDS = (".png", "/poster-a3.pdf", "/flyers-a6.pdf")
RANDOM = re.compile(
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"  # a new ballot key
    r'|name="order_seed" value="[0-9a-f]+"'  # the ballot's own theme order
    r"|\b\d\d?:\d\d(:\d\d(\.\d+)?)?\b"  # "counted at 17:23:05"
)
# What differs from one fetch to the next and tells nothing: a message the last page left
# (a login page's "log in to see this page"), a form's CSRF token, matplotlib's ids of an
# SVG's markers, the audit log's lines of the walk's own downloads.
NOISE = re.compile(
    r'<p class="notice notice-\w+" role="status">.*</p>'
    r'|(csrf_token"[^>]*value=|data-csrf=)"[^"]*"'
    r"|\b(image|[mp])[0-9a-f]{10}\b"
)
DOWNLOAD_ROW = "<td>print.download</td>"

Pages = dict[str, str]


def normal(kind: str, body: str) -> str:
    """A body as compared before and after B's residents vote: its noise, fresh keys and
    clock times left out, its distinct lines sorted (a ballot lists the themes in random
    order; the audit log's rows of the walk's own downloads differ only in their number)."""
    # The audit log's download rows are dropped line by line: a pattern with a leading `.*`
    # is tried at every position of a long line, seconds per walk.
    kept = "\n".join(line for line in body.splitlines() if DOWNLOAD_ROW not in line)
    lines = RANDOM.sub("<new>", NOISE.sub("", kept)).splitlines()
    return "\n".join(sorted({line for line in lines if line.strip()}))


def region_urls(rule: Rule, values: dict[str, object]) -> list[str]:
    """A region rule's URLs with the region's rows, and each fixed word it takes."""
    names = sorted(rule.arguments)
    options: list[tuple[object, ...]] = []
    for name in names:
        converter = rule._converters[name]
        if isinstance(converter, AnyConverter):
            options.append(tuple(sorted(converter.items)))
        elif (rule.endpoint, name) in FIXED:
            options.append(FIXED[(rule.endpoint, name)])
        elif name in ANY_ROUTE:
            options.append(ANY_ROUTE[name])
        else:
            options.append((values[name],))
    built = (
        rule.build(dict(zip(names, chosen, strict=True)), append_unknown=False)
        for chosen in itertools.product(*options)
    )
    return sorted({url for _, url in (b for b in built if b is not None)})


def carried(app: Flask, client: FlaskClient, host: str, to: str) -> FlaskClient:
    """A browser on `to` holding the session cookie `client` got on `host`: the most a login
    of one host can bring to another (a real browser sends it to its own host only)."""
    name = app.config["SESSION_COOKIE_NAME"]
    client.get("/privacy")  # shows (and so ends) any message the login left
    cookie = client.get_cookie(name, domain=host)
    assert cookie is not None
    found = client_on(app, to)
    found.set_cookie(name, cookie.value, domain=to)
    return found


def without_identity(body: str, b: Side) -> str:
    """The body without B's name, short name and address: the region's public pages list
    its municipalities (and name one that released nothing yet), and, while it is open, the
    link B's residents vote with (on B's posters): its campaign's short name."""
    for known in (b.text("name"), b.slugs["municipality"], b.host, f"{b.low}-regio"):
        body = body.replace(known, "")
    return body


def secrets_in(body: str, world: RegionalWorld) -> list[str]:
    found = []
    for secret in world.secrets_of_b():
        at = body.find(secret)
        if at >= 0:
            found.append(body[max(0, at - 60) : at + 40])
    return found


def get(client: FlaskClient, rule: Rule, url: str) -> Response:
    """The walk's GET; a crash that is no Exception (WeasyPrint's fatal fetch) is a 500 too."""
    try:
        return ask(client, rule, "GET", url, {})
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as crash:
        return Response(repr(crash), 500)


def _wanted(url: str) -> bool:
    return not url.endswith(SKIPPED_KINDS)


def _walked(app: Flask) -> Iterator[Rule]:
    for rule in rules(app):
        if rule.endpoint not in EXCLUDED and "GET" in (rule.methods or ()):
            yield rule


def read_a_host(app: Flask, world: RegionalWorld, admin: FlaskClient) -> tuple[Pages, list[str]]:
    """A's admin on A's host: every page with A's, B's and the region's values."""
    a, b = world.a, world.b
    pages: Pages = {}
    wrong: list[str] = []
    for rule in _walked(app):
        if rule.rule.startswith("/regio/"):
            found = region_urls(rule, world.values) + region_urls(
                rule, {**world.values, **world.b_values}
            )
        else:
            found = urls(rule, a, aliases=False) + urls(rule, b, aliases=False)
        for url in sorted(set(filter(_wanted, found))):
            answer = get(admin, rule, url)
            kind, body = body_text(answer) if answer.status_code == 200 else ("html", "")
            pages[url] = f"{answer.status_code}\n" + (normal(kind, body) if kind != "png" else "")
            said = f"A's admin GET {A_HOST}{url}: {answer.status_code}"
            if answer.status_code == 500:
                wrong.append(f"{said} {answer.get_data(as_text=True)[:300]}")
            if leaked := markers_in(body, b, asked=url) + secrets_in(body, world):
                wrong.append(f"{said} shows {leaked}")
    return pages, wrong


def read_region_host(
    app: Flask, world: RegionalWorld, mine: FlaskClient, public: FlaskClient, strict: bool
) -> tuple[Pages, list[str]]:
    """A's admin (its cookie of A's host) and a stranger on the region's host: the region's
    pages with its rows and B's, A's pages under /<A>/ with A's and B's values, B's under
    /<B>/ with B's. The region's pages and B's answer A's admin as the stranger, with none
    of B's drafts (`strict`: nothing of B but its name); A's pages show nothing of B."""
    a, b = world.a, world.b
    pages: Pages = {}
    wrong: list[str] = []
    for rule in _walked(app):
        asked: list[tuple[str, str]] = []  # (url, whose)
        if rule.rule.startswith("/regio/"):
            for values in (world.values, {**world.values, **world.b_values}):
                asked += [(url, "region") for url in region_urls(rule, values)]
        elif not rule.endpoint.startswith(OWN_HOST):
            for side, where in ((a, a), (b, a), (b, b)):
                prefix = f"/{where.slugs['municipality']}"
                found = urls(rule, side, aliases=False)
                asked += [(prefix + url, "B" if where is b else "A") for url in found]
        for url, whose in sorted(set(asked)):
            if not _wanted(url):
                continue
            answer = get(mine, rule, url)
            kind, body = body_text(answer) if answer.status_code == 200 else ("html", "")
            seen = normal(kind, body) if kind != "png" else ""
            pages[url] = f"{answer.status_code}\n{seen}"
            said = f"A's admin GET {REGION_HOST}{url}: {answer.status_code}"
            if answer.status_code == 500:
                wrong.append(f"{said} {answer.get_data(as_text=True)[:300]}")
            if whose == "A":
                leaked = markers_in(body, b, asked=url) + secrets_in(body, world)
            else:
                leaked = secrets_in(body, world)
                if strict and whose == "region":
                    leaked += markers_in(without_identity(body, b), b)
                theirs = get(public, rule, url)
                kind, text = body_text(theirs) if theirs.status_code == 200 else ("html", "")
                shown = normal(kind, text) if kind != "png" else ""
                if (theirs.status_code, shown) != (answer.status_code, seen):
                    differ = sorted(set(seen.splitlines()) ^ set(shown.splitlines()))[:6]
                    wrong.append(f"{said}, the public gets {theirs.status_code}: {differ}")
            if leaked:
                wrong.append(f"{said} shows {leaked}")
    return pages, wrong


def changed(before: Pages, after: Pages) -> list[str]:
    """The pages that read otherwise now, each with (some of) its lines that changed."""
    found = []
    for url, page in before.items():
        now = after.get(url, "")
        if page != now:
            differ = sorted(set(page.splitlines()) ^ set(now.splitlines()))
            found.append(f"{url}: {[line.strip()[:160] for line in differ[:4]]}")
    return found


def more_votes_for_b(world: RegionalWorld) -> None:
    """B's residents vote again: in its small village and in a large one."""
    world.vote(world.b, world.small_village, 1)
    world.vote(world.b, f"{world.b.low}-dorp-1", 6)
