"""Issue 29's isolation walk, built from the URL map: A's admin, staff and viewer (and a
stranger on A's host) ask every route for B's ids, slugs and tokens and get what a made-up
value gets (a 404; a login page or a 403 only where the role decides before any row is
read); B's rows stay byte for byte as they were; and nothing A can fetch shows B's texts."""

from __future__ import annotations

import time
from collections import Counter, defaultdict

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.routing import Rule
from werkzeug.wrappers import Response

from tests.conftest import csrf_token
from tests.isolation.conftest import Pair, log_in
from tests.isolation.probes import query_and_form_probes
from tests.isolation.walk import (
    EXCLUDED,
    FOLLOWED,
    NOT_POSTED,
    CannotFill,
    ask,
    body_text,
    cross_references,
    fingerprint,
    ghost_of,
    markers_in,
    page_text,
    rules,
    urls,
)
from tests.isolation.world import Side, shape

# Pages that answer the same for any value on purpose, so a link reveals nothing: there B's
# value must get the very page a made-up one gets.
SAME_FOR_ANY = {
    "vote.follow_up_unsubscribe": "'you are unsubscribed' for any link (RFC 8058 one-click)",
}
# Renderings that take a second or more each (PDF, PNG, charts): in the fetch of A's pages,
# A's admin fetches them (every rule still at least once); the other roles skip them.
HEAVY = {
    "results.chart",
    "results.excel",
    "results.report",
    "results.report_pdf",
    "results.progress_file",
    "surveys.question_chart",
    "staff.print_file",
    "staff.outcome_print",
    "staff.qr_image",
    "staff.session_report_file",
    "staff.stand_record_pdf",
    "staff.voting_code_slips",
    "staff.old_path",
}


def post_data(token: str, b: Side) -> dict[str, object]:
    """A form as full as a walker can make it with B's values: if a route found B's row
    behind the id, it would have what it needs to change it."""
    return {
        "csrf_token": token,
        "theme": str(b.values["theme_id"]),
        "village": b.slugs["village"],
        "group": "police",
        "email": "walker@example.org",
        "reason": "walk",
        "role": "admin",
        "name": "Walk",
        "title": "Walk",
        "confirm": "y",
    }


def _allowed(role: str, made_up: Response) -> set[int]:
    """What B's value may answer: what a made-up one answers, and only a 404, or a refusal
    by role (403) or by login (302 to the login page) that came before any row was read."""
    allowed = {404}
    if role != "admin":
        allowed.add(403)
    if role == "anonymous":
        allowed.add(302)
    return allowed if made_up.status_code in allowed else {404}


def test_every_rule_is_walked_or_excluded(shared_app: Flask) -> None:
    unfilled = {}
    for rule in rules(shared_app):
        if rule.endpoint in EXCLUDED:
            continue
        try:
            urls(rule, shape())
        except CannotFill as missing:
            unfilled[rule.rule] = str(missing)
    assert unfilled == {}, "fill these in tests/isolation/walk.py or list them in EXCLUDED"


def test_b_ids_slugs_and_tokens_answer_a_as_made_up_ones_and_change_nothing(
    app: Flask, pair: Pair, a_clients: dict[str, FlaskClient]
) -> None:
    started = time.monotonic()
    b, ghost = pair.b, ghost_of(pair.b)
    before = fingerprint(b)
    wrong: list[str] = []
    walked = Counter[str]()
    for role, client in a_clients.items():
        data = post_data(csrf_token(client, "/staff/login"), b)
        for rule in rules(app):
            if rule.endpoint in EXCLUDED or not rule.arguments:
                continue
            for method in ("GET", "POST"):
                if method not in (rule.methods or ()):
                    continue
                # What a made-up value gets, once per rule: the same for all of B's.
                nobody = ask(client, rule, method, urls(rule, ghost)[0], data)
                for url in urls(rule, b):
                    theirs = ask(client, rule, method, url, data)
                    walked[method] += 1
                    said = f"{role} {method} {url}: {theirs.status_code}"
                    if rule.endpoint in SAME_FOR_ANY:
                        same = (theirs.status_code, page_text(theirs)) == (
                            nobody.status_code,
                            page_text(nobody),
                        )
                        if not same:
                            wrong.append(f"{said}, not the page a made-up value gets")
                    elif theirs.status_code != nobody.status_code or (
                        theirs.status_code not in _allowed(role, nobody)
                    ):
                        crash = theirs.get_data(as_text=True)[:300]
                        wrong.append(
                            f"{said} (made up: {nobody.status_code})"
                            + (f" {crash}" if theirs.status_code == 500 else "")
                        )
                    leaked = markers_in(theirs.get_data(as_text=True), b, asked=url)
                    if leaked:
                        wrong.append(f"{said} shows {leaked}")
    # Posts to A's own pages (no value of B in them) must not reach B either.
    admin = a_clients["admin"]
    data = post_data(csrf_token(admin, "/staff/login"), b)
    for rule in rules(app):
        if rule.arguments or "POST" not in (rule.methods or ()) or rule.endpoint in NOT_POSTED:
            continue
        answer = ask(admin, rule, "POST", urls(rule, b)[0], data)
        assert answer.status_code != 500, (rule.rule, answer.get_data(as_text=True)[:300])
        walked["POST to A's own"] += 1
    # B's values where A's pages take them from a query or a form (tests/isolation/probes).
    wrong += query_and_form_probes(app, pair, a_clients)
    assert not wrong, "\n".join(wrong)
    assert fingerprint(b) == before, "a request on A's host changed B's rows"
    assert cross_references(pair.a.id, b.id) == [], "a row of A points at B's, or B's at A's"
    print(f"walked with B's values: {dict(walked)} in {time.monotonic() - started:.1f} s")


def _sampled(rule: Rule, url: str, a: Side) -> bool:
    """A's heavy renderings of its open campaign (the one with stands, sessions, survey and
    views, compared with the published one); charts as SVG (their text can be read) and one
    as PNG; print in every kind as PDF and one as PNG."""
    if rule.endpoint not in HEAVY or f"/{a.slugs['published']}/" not in url:
        return rule.endpoint != "results.chart" or url.endswith((".svg", "/totaal.png"))
    return False


def _sampled_print(rule: Rule, url: str) -> bool:
    if rule.endpoint in {"staff.print_file", "staff.outcome_print"}:
        return url.endswith(".pdf") or url.endswith("poster-a4.png")
    return True


def _audit_log_and_dashboard(app: Flask, pair: Pair, admin: FlaskClient) -> None:
    """A's audit log and dashboard show A's and nothing of B; and, so that none of these
    checks passes empty, on B's own host B's admin sees B's (and nothing of A's), and the
    fingerprint of B's rows moves when B changes something."""
    log = admin.get("/staff/audit").get_data(as_text=True)
    assert "AAA-audit-target" in log and "aaa-open" in log
    assert markers_in(log, pair.b) == []
    dashboard = admin.get("/staff/").get_data(as_text=True)
    assert "AAA-open-title" in dashboard and "AAA-closed-title" in dashboard
    assert markers_in(dashboard, pair.b) == []
    b_admin = log_in(app, pair.b.host, pair.b.email("admin"))
    dashboard = b_admin.get("/staff/").get_data(as_text=True)
    assert "ZZB-open-title" in dashboard and markers_in(dashboard, pair.a) == []
    log = b_admin.get("/staff/audit").get_data(as_text=True)
    assert "ZZB-audit-target" in log and markers_in(log, pair.a) == []
    before = fingerprint(pair.b)
    url = f"/staff/associations/{pair.b.values['association_id']}/revoke"
    answer = b_admin.post(url, data={"csrf_token": csrf_token(b_admin, "/staff/login")})
    assert answer.status_code == 303
    assert fingerprint(pair.b) != before


def test_nothing_a_can_fetch_shows_anything_of_b(
    app: Flask, pair: Pair, a_clients: dict[str, FlaskClient]
) -> None:
    started = time.monotonic()
    a, b = pair.a, pair.b
    leaks: list[str] = []
    fetched, own = Counter[str](), Counter[str]()
    spent: dict[str, float] = defaultdict(float)
    for role, client in a_clients.items():
        for rule in rules(app):
            if rule.endpoint in EXCLUDED or "GET" not in (rule.methods or ()):
                continue
            if rule.endpoint in HEAVY and role != "admin":
                continue
            for url in urls(rule, a, aliases=False):
                if not (_sampled(rule, url, a) and _sampled_print(rule, url)):
                    continue
                began = time.monotonic()
                # An old address is a 301 to today's, which the walk fetches itself.
                answer = (
                    client.get(url)
                    if rule.endpoint in FOLLOWED
                    else ask(client, rule, "GET", url, {})
                )
                spent[rule.endpoint] += time.monotonic() - began
                assert answer.status_code != 500, (role, url, answer.get_data(as_text=True))
                if answer.status_code != 200:
                    continue
                kind, body = body_text(answer)
                fetched[kind] += 1
                own[kind] += bool(markers_in(body, a))  # A's data was there to be read
                found = markers_in(body, b)
                if found:
                    leaks.append(f"{role} {url} ({kind}): {found}")
    assert leaks == [], "\n".join(leaks)
    _audit_log_and_dashboard(app, pair, a_clients["admin"])
    # The walk really read A's data in every kind of file it fetched.
    for kind in ("html", "json", "csv", "xlsx", "pdf", "svg"):
        assert own[kind] > 0, (kind, dict(fetched), dict(own))
    assert fetched["png"] > 0
    print(f"fetched of A: {dict(fetched)}, with A's texts: {dict(own)}")
    slowest = sorted(((round(s, 1), name) for name, s in spent.items()), reverse=True)[:8]
    print(f"in {time.monotonic() - started:.1f} s; slowest: {slowest}")
