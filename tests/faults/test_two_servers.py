"""Two gunicorn servers behind HAProxy on one PostgreSQL and one Redis: no state of their own.

Each phone is a cookie jar with its own loopback source address (127.x.y.z), so HAProxy's
X-Forwarded-For carries a real, distinct client address and the app trusts one proxy
(FLASK_PROXY_COUNT=1), as in production. HAProxy retries only connections that failed to
open; a phone resends its ballot with the same ballot_key after a lost connection or a 502,
503 or 504, as a resident pressing "send" again would, and the key makes that idempotent.
"""

from __future__ import annotations

import csv
import http.client
import io
import json
import os
import random
import re
import threading
import time
import urllib.parse
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.conftest import REQUIRE_POSTGRES
from tests.faults.conftest import emptied_redis
from tests.faults.databases import Templates
from tests.load.driver import Server, app_env, reading_engine, theme_ids
from tests.load.haproxy import Balancer, find_haproxy

pytestmark = [pytest.mark.faults, pytest.mark.postgres]

REDIS_URL = os.environ.get("TEST_REDIS_URL_TWO_SERVERS", "redis://127.0.0.1:6379/13")
# CI installs HAProxy with PostgreSQL: there, a missing one fails the run instead of skipping.
REQUIRE_HAPROXY = os.environ.get("REQUIRE_HAPROXY") == "1" or REQUIRE_POSTGRES
DATABASE = "two_servers"
CSRF = re.compile(r'name="csrf_token"[^>]*?value="([^"]+)"')
RESENT = {502, 503, 504}  # the balancer's answers when a server went away mid-request
BALLOTS, THREADS, STOP_AFTER = 300, 4, 100
BALLOT_LIMIT = 8  # per minute and address, counted in the shared Redis


@dataclass
class Answer:
    status: int
    text: str
    server: str  # the balancer's X-Server header; "" when asked directly


@dataclass
class Phone:
    """One resident's phone: its own cookies and its own address on the loopback net."""

    address: str
    cookies: dict[str, str] = field(default_factory=dict)

    def ask(
        self, port: int, method: str, path: str, form: dict | None = None, **headers: str
    ) -> Answer:
        sent = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), **headers}
        body = None
        if form is not None:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            body = urllib.parse.urlencode(form, doseq=True)
        connection = http.client.HTTPConnection(
            "127.0.0.1", port, timeout=30, source_address=(self.address, 0)
        )
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            text = response.read().decode()
        finally:
            connection.close()
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, value = cookie.split(";")[0].partition("=")
            self.cookies[name] = value
        return Answer(response.status, text, response.headers.get("X-Server", ""))

    def ballot_page(self, port: int, stylesheet: bool = False) -> str:
        """The CSRF token of the ballot page, loaded again while the balancer answers 50x;
        `stylesheet`: a phone without it in its cache fetches it too."""
        for _ in range(5):
            try:
                page = self.ask(port, "GET", "/v/demo")
                if stylesheet:
                    self.ask(port, "GET", "/static/css/app.css")
            except (OSError, http.client.HTTPException):
                page = None
            if page is not None and page.status == 200:
                return CSRF.search(page.text).group(1)  # type: ignore[union-attr]
            time.sleep(0.2)
        raise AssertionError(f"{self.address}: the ballot page did not load")


def ballot(token: str, themes: list[int]) -> dict:
    """A ballot for the first six of `themes` in Leek, with a new key."""
    return {
        "csrf_token": token,
        "ballot_key": str(uuid.uuid4()),
        "village": "leek",
        "theme": [str(t) for t in themes[:6]],
    }


@dataclass
class Load:
    sent: list[str] = field(default_factory=list)  # every ballot key a phone sent
    acknowledged: list[str] = field(default_factory=list)  # answered 303
    statuses: Counter = field(default_factory=Counter)  # every answer, resends included
    servers: Counter = field(default_factory=Counter)  # who answered the 303s
    resends: int = 0
    gave_up: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def summary(self) -> str:
        return (
            f"{len(self.acknowledged)} of {len(self.sent)} acknowledged, answers "
            f"{dict(self.statuses)}, {self.resends} resent, {len(self.gave_up)} given up, "
            f"303s from {dict(self.servers)}"
        )


def drive(port: int, themes: list[int], load: Load, numbers: Iterator[int]) -> None:
    """Ballots from fresh phones, each its own address, until `numbers` runs out."""
    for n in numbers:
        phone = Phone(f"127.1.{n // 200}.{n % 200 + 1}")
        # Some phones fetch the stylesheet too (the others have it cached), so that pages and
        # ballots do not fall in step with the round robin (every ballot on one server).
        token = phone.ballot_page(port, stylesheet=random.Random(n).random() < 0.5)
        form = ballot(token, themes[n % 6 :] + themes[: n % 6])
        with load.lock:
            load.sent.append(form["ballot_key"])
        for _attempt in range(5):  # the same key each time: stored once at most
            try:
                answer = phone.ask(port, "POST", "/v/demo", form)
            except (OSError, http.client.HTTPException):
                answer = None
            with load.lock:
                if answer is not None:
                    load.statuses[answer.status] += 1
                if answer is None or answer.status in RESENT:
                    load.resends += 1
                    continue
                if answer.status == 303:
                    load.acknowledged.append(form["ballot_key"])
                    load.servers[answer.server] += 1
                break
            time.sleep(0.2)
        else:
            with load.lock:
                load.gave_up.append(form["ballot_key"])


@pytest.fixture
def haproxy() -> str:
    binary = find_haproxy()
    if binary is None:
        if REQUIRE_HAPROXY:
            pytest.fail("HAProxy is required (REQUIRE_HAPROXY or REQUIRE_POSTGRES) but missing")
        pytest.skip("HAProxy not installed (apt-get install haproxy)")
    return binary


@pytest.fixture
def redis_url() -> str:
    return emptied_redis(REDIS_URL)


@pytest.fixture
def postgres_url(templates: Templates) -> str:
    """A copy of the demo database of this test's own, migrated and seeded as an operator
    would (tests/faults/databases.py)."""
    return templates.postgres(DATABASE)


def stored(database_url: str, sql: str, **params: object) -> list[tuple]:
    engine = reading_engine(database_url)
    with engine.connect() as connection:
        rows = [tuple(row) for row in connection.execute(sa.text(sql), params)]
    engine.dispose()
    return rows


DEMO = "ballot.campaign_id = (SELECT id FROM campaign WHERE slug = 'demo')"


def staff_cookie(port: int) -> dict[str, str]:
    """Log in on this server, directly; the cookies of the staff session."""
    staff = Phone("127.0.0.1")
    page = staff.ask(port, "GET", "/staff/login")
    login = {
        "csrf_token": CSRF.search(page.text).group(1),  # type: ignore[union-attr]
        "email": "staf@example.org",
        "password": "demo-wachtwoord",
    }
    assert staff.ask(port, "POST", "/staff/login", login).status == 302
    return staff.cookies


def test_two_servers_behind_haproxy_share_everything(
    tmp_path: Path, haproxy: str, redis_url: str, postgres_url: str
) -> None:
    started = time.monotonic()
    env = app_env(tmp_path / "instance", postgres_url)
    env.update(
        {
            "RATELIMIT_STORAGE_URI": redis_url,
            "FLASK_PROXY_COUNT": "1",
            "FLASK_BALLOT_RATE_LIMIT": f"{BALLOT_LIMIT} per minute",
        }
    )
    themes = theme_ids(postgres_url)
    a = Server(env, workers=2, own_group=True)
    b = Server(env, workers=2, own_group=True)
    balancer = Balancer(haproxy, tmp_path, a.port, b.port)
    try:
        balancer.wait_for({"a": "UP", "b": "UP"})

        # 1. 300 ballots from fresh phones through the balancer; server b stopped in the middle.
        load, numbers = Load(), iter(range(BALLOTS))
        threads = [
            threading.Thread(target=drive, args=(balancer.port, themes, load, numbers))
            for _ in range(THREADS)
        ]
        for thread in threads:
            thread.start()
        while len(load.acknowledged) < STOP_AFTER and any(t.is_alive() for t in threads):
            time.sleep(0.02)
        before_stop = Counter(load.servers)
        b.stop()  # SIGTERM to its gunicorn master, then wait for it to end
        assert b.process.returncode == 0, b.process.returncode
        for thread in threads:
            thread.join(timeout=40)
        assert not any(t.is_alive() for t in threads), "the load did not finish in time"
        assert set(load.statuses) <= {303} | RESENT, load.summary()
        assert not load.gave_up and len(load.acknowledged) == BALLOTS, load.summary()
        # Both took ballots before the stop (from pages the other one may have served); a
        # alone after it.
        assert before_stop["a"] > 20 and before_stop["b"] > 20, (before_stop, load.summary())
        assert load.servers["a"] - before_stop["a"] > 100, (before_stop, load.summary())
        balancer.wait_for({"a": "UP", "b": "DOWN"})

        # 2. Acknowledged = stored: every 303 stored once, whole; nothing else of the load.
        rows = stored(
            postgres_url,
            "SELECT CAST(ballot.ballot_key AS VARCHAR), COUNT(ballot_choice.ballot_id)"
            " FROM ballot LEFT JOIN ballot_choice ON ballot_choice.ballot_id = ballot.id"
            f" WHERE {DEMO} GROUP BY ballot.id",
        )
        keys = Counter(key for key, _ in rows)
        assert all(n == 1 for n in keys.values())
        sent = set(load.sent)
        assert sent & set(keys) == set(load.acknowledged)
        assert {choices for key, choices in rows if key in sent} == {6}

        # Server b again on its port: a fresh process with cold caches, back in the balancer.
        b = Server(env, workers=2, port=b.port, own_group=True)
        balancer.wait_for({"a": "UP", "b": "UP"})

        # 3a. The ballot limit holds in total: twelve phones behind one address open the page,
        # then send, alternately to a and b; a forged X-Forwarded-For does not get around it.
        hall = [Phone("127.0.3.1") for _ in range(12)]
        tokens = [phone.ballot_page(balancer.port) for phone in hall]
        answers = [
            phone.ask(balancer.port, "POST", "/v/demo", ballot(token, themes))
            for phone, token in zip(hall, tokens, strict=True)
        ]
        statuses = [answer.status for answer in answers]
        assert statuses == [303] * BALLOT_LIMIT + [429] * (12 - BALLOT_LIMIT), statuses
        assert {x.server for x in answers[:BALLOT_LIMIT]} == {"a", "b"}
        assert {x.server for x in answers[BALLOT_LIMIT:]} == {"a", "b"}
        forger = Phone("127.0.3.1")
        token = forger.ballot_page(balancer.port)
        forged = [
            forger.ask(
                balancer.port,
                "POST",
                "/v/demo",
                ballot(token, themes),
                **{"X-Forwarded-For": f"198.51.100.{n}"},
            )
            for n in (1, 2)
        ]
        assert [x.status for x in forged] == [429, 429]
        assert {x.server for x in forged} == {"a", "b"}

        # 3b. One vote per phone: the same device cookie is refused by either server.
        phone = Phone("127.0.4.1")
        token = phone.ballot_page(balancer.port)
        first = phone.ask(balancer.port, "POST", "/v/demo", ballot(token, themes))
        assert first.status == 303
        again = [phone.ask(balancer.port, "POST", "/v/demo", ballot(token, themes)) for _ in (1, 2)]
        again += [
            phone.ask(port, "POST", "/v/demo", ballot(token, themes)) for port in (a.port, b.port)
        ]
        assert [x.status for x in again] == [409] * 4
        assert {x.server for x in again[:2]} == {"a", "b"}
        assert all("U heeft al gestemd" in x.text for x in again)
        # Every phone so far, resends included, counted once: one ballot each.
        phones = stored(
            postgres_url,
            "SELECT MAX(ballots), SUM(ballots) FROM device_tally"
            " WHERE campaign_id = (SELECT id FROM campaign WHERE slug = 'demo')",
        )
        assert phones == [(1, BALLOTS + BALLOT_LIMIT + 1)], phones

        # 4. The same counts from either server, equal to the database's.
        counts = {}
        for login, other in ((a, b), (b, a)):
            cookies = staff_cookie(login.port)
            for server in (login, other):  # the session made on one works on the other
                staff = Phone("127.0.0.1", dict(cookies))
                found = staff.ask(server.port, "GET", "/api/v1/campaigns/demo/results")
                table = staff.ask(server.port, "GET", "/results/demo/tallies.csv")
                assert found.status == 200 and table.status == 200, (found.status, table.status)
                counts[login.port, server.port] = (json.loads(found.text), table.text)
        assert len({json.dumps(c, sort_keys=True) for c in counts.values()}) == 1
        results, tallies = next(iter(counts.values()))
        in_db = dict(
            stored(
                postgres_url,
                "SELECT channel, COUNT(*) FROM ballot"
                f" WHERE {DEMO} AND exclusion_id IS NULL GROUP BY channel",
            )
        )
        online = {k: v["ballots"] for k, v in results["channels"].items() if k != "paper"}
        assert {k: v for k, v in online.items() if v} == {k.lower(): v for k, v in in_db.items()}
        assert results["ballots"] == sum(in_db.values()) == BALLOTS + BALLOT_LIMIT + 1
        votes = dict(
            stored(
                postgres_url,
                "SELECT ballot_choice.theme_id, COUNT(*) FROM ballot_choice"
                " JOIN ballot ON ballot.id = ballot_choice.ballot_id"
                f" WHERE {DEMO} AND exclusion_id IS NULL GROUP BY ballot_choice.theme_id",
            )
        )
        assert {t["id"]: t["votes"] for t in results["themes"] if t["votes"]} == votes
        total = [row for row in csv.reader(io.StringIO(tallies)) if row[0] == "TOTAL"]
        assert {int(row[1]): int(row[3]) for row in total if int(row[3])} == votes
        assert {int(row[4]) for row in total} == {results["ballots"]}

        # A logout on one server ends the session on the other too (its id is in the database).
        staff = Phone("127.0.0.1", staff_cookie(a.port))
        cookies = dict(staff.cookies)
        assert Phone("127.0.0.1", dict(cookies)).ask(b.port, "GET", "/staff/").status == 200
        token = CSRF.search(staff.ask(a.port, "GET", "/staff/").text).group(1)  # type: ignore[union-attr]
        assert staff.ask(a.port, "POST", "/staff/logout", {"csrf_token": token}).status == 302
        assert Phone("127.0.0.1", dict(cookies)).ask(b.port, "GET", "/staff/").status == 302
    finally:
        balancer.stop()
        for server in (a, b):
            if server.process.poll() is None:
                server.stop()
            server.kill_group()
    assert time.monotonic() - started < 60
