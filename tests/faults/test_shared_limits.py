"""Rate limits hold across gunicorn workers when they share a real Redis server.

Four sync workers each take connections as they come; with counts in memory each worker
would let its own quota through. Every request below opens a new connection, so they spread
over the workers, and the limits must still hold in total.
"""

from __future__ import annotations

import http.client
import os
import re
import urllib.parse
import uuid
from pathlib import Path

import pytest

from tests.faults.conftest import emptied_redis
from tests.faults.databases import Templates
from tests.load.driver import Server, app_env

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
CSRF = re.compile(r'name="csrf_token"[^>]*?value="([^"]+)"')


@pytest.fixture
def redis_url() -> str:
    return emptied_redis(REDIS_URL)


def request(port: int, method: str, path: str, address: str, body=None, cookie=""):  # type: ignore[no-untyped-def]
    """One request on a new connection, from `address` (behind one trusted proxy)."""
    headers = {"X-Forwarded-For": address, "Cookie": cookie}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        body = urllib.parse.urlencode(body, doseq=True)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    text = response.read().decode()
    cookies = [c.split(";")[0] for c in response.headers.get_all("Set-Cookie") or []]
    connection.close()
    return response.status, text, "; ".join(cookies)


def form_session(port: int, path: str, address: str) -> tuple[str, str]:
    status, text, cookie = request(port, "GET", path, address)
    assert status == 200, (path, status)
    return cookie, CSRF.search(text).group(1)


def post_ballot(port: int, address: str, **extra: str) -> int:
    """A ballot from a new phone at `address`; the answer's status."""
    cookie, token = form_session(port, "/v/demo", address)
    ballot = {
        "csrf_token": token,
        "ballot_key": str(uuid.uuid4()),
        "village": "leek",
        "theme": [str(n) for n in range(1, 7)],
        **extra,
    }
    return request(port, "POST", "/v/demo", address, ballot, cookie)[0]


def test_login_ballot_and_voting_code_limits_hold_across_four_workers(
    tmp_path: Path, redis_url: str, templates: Templates
) -> None:
    templates.sqlite_into(tmp_path / "instance")
    env = app_env(tmp_path / "instance")
    env.update(
        {
            "RATELIMIT_STORAGE_URI": redis_url,
            "FLASK_PROXY_COUNT": "1",
            "FLASK_LOGIN_RATE_LIMIT": "6 per minute",
            "FLASK_BALLOT_RATE_LIMIT": "8 per minute",
            "FLASK_VOTING_CODE_RATE_LIMIT": "3 per hour",
        }
    )
    server = Server(env, workers=4)
    try:
        assert len(server.workers()) == 4
        port = server.port

        # Login, per address: 6 a minute whatever the e-mail addresses tried.
        cookie, token = form_session(port, "/staff/login", "192.0.2.1")
        statuses = [
            request(
                port,
                "POST",
                "/staff/login",
                "192.0.2.1",
                {"csrf_token": token, "email": f"x{n}@example.org", "password": "p" * 12},
                cookie,
            )[0]
            for n in range(14)
        ]
        assert statuses.count(401) == 6 and statuses.count(429) == 8, statuses

        # Wrong passwords for one account from one address: the 6th try is refused.
        cookie, token = form_session(port, "/staff/login", "192.0.2.2")
        login = {"csrf_token": token, "email": "admin@example.org", "password": "p" * 12}
        statuses = [
            request(port, "POST", "/staff/login", "192.0.2.2", login, cookie)[0] for _ in range(6)
        ]
        assert statuses == [401] * 5 + [429], statuses

        # Ballots, per address: 8 a minute; each from a new phone.
        statuses = [post_ballot(port, "192.0.2.3") for _ in range(12)]
        assert statuses.count(303) == 8 and statuses.count(429) == 4, statuses

        # Wrong voting codes, per address: 3 an hour, then refused before the code is read.
        statuses = [post_ballot(port, "192.0.2.4", code="ABCD-EFGH") for _ in range(6)]
        assert statuses.count(422) == 3 and statuses.count(429) == 3, statuses
    finally:
        server.stop()


def test_a_start_with_several_workers_and_limits_in_memory_warns_once(
    tmp_path: Path, templates: Templates
) -> None:
    templates.sqlite_into(tmp_path / "instance")
    env = app_env(tmp_path / "instance")  # RATELIMIT_STORAGE_URI=memory://
    log = tmp_path / "gunicorn.log"
    Server(env, workers=2, log=log).stop()
    started = log.read_text()
    assert started.count("Rate limits are counted in memory, per gunicorn worker") == 1
    assert "Control socket" not in started  # gunicorn_conf: no gunicornc socket
