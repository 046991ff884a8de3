"""A bounded load over loopback against gunicorn: many clients, each ballot with its own key.

Used by `make loadtest` and by the fault tests. A client that loses its connection resends
the same ballot (same key) as a phone would; the server must never count it twice.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
VILLAGES = ["zuidhorn", "leek", "marum", "tolbert", "grootegast", "grijpskerk", "elders"]
CSRF = re.compile(r'name="csrf_token"[^>]*?value="([^"]+)"')
CLEAN_REFUSALS = {429, 503}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def app_env(instance: Path, database_url: str | None = None) -> dict[str, str]:
    env = {
        **os.environ,
        "INSTANCE_PATH": str(instance),
        "APP_ENV": "production",
        "PUBLIC_BASE_URL": "https://stem.example.org",
        "SECRET_KEY": "load-test-only-" + "x" * 40,
        "FLASK_SESSION_COOKIE_SECURE": "false",
        "RATELIMIT_STORAGE_URI": "memory://",
        # Every client shares 127.0.0.1: the limiter stays on the path but out of the way.
        "FLASK_BALLOT_RATE_LIMIT": "100000000 per minute",
    }
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def flask_cli(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [str(BIN / "flask"), "--app", "wsgi", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


class Server:
    """gunicorn with sync workers on a free loopback port."""

    def __init__(
        self,
        env: dict[str, str],
        workers: int = 2,
        log: Path | None = None,
        port: int | None = None,
        own_group: bool = False,
    ) -> None:
        """`log`: a file for gunicorn's own error log (stderr), else it is discarded; `port`:
        this one (a server started again where a balancer expects it), else a free one;
        `own_group`: in a process group of its own, so `kill_group` ends master and workers."""
        self.port = port or free_port()
        self.expected_workers = workers
        self._log = log.open("wb") if log else None
        self.process = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "--config",
                "python:participation.gunicorn_conf",
                "--workers",
                str(workers),
                "--bind",
                f"127.0.0.1:{self.port}",
                "wsgi:app",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=self._log or subprocess.DEVNULL,
            start_new_session=own_group,
        )
        self.wait_until_up()

    def wait_until_up(self, seconds: float = 30) -> None:
        """Until /healthz answers and every worker handles its own signals."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                connection.request("GET", "/healthz")
                if connection.getresponse().status == 200 and self._all_workers_ready():
                    return
            except OSError:
                pass
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("gunicorn did not start")

    def _all_workers_ready(self) -> bool:
        """The app is loaded before the fork (preload_app), so the first worker answers at
        once while the last may still be a bare fork: one that still has the master's signal
        handlers (SIGHUP among them) would lose a SIGTERM, and stopping then waits 30 s."""
        workers = self.workers()
        return len(workers) == self.expected_workers and not any(
            _catches_sighup(pid) for pid in workers
        )

    def workers(self) -> list[int]:
        """The worker processes: children of the gunicorn master, read from /proc."""
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # the process ended while we looked
            if int(fields[1]) == self.process.pid:
                children.append(int(stat.parent.name))
        return children

    def kill_a_worker(self) -> int:
        pid = self.workers()[0]
        os.kill(pid, signal.SIGKILL)
        return pid

    def kill_group(self) -> None:
        """SIGKILL whatever is left of a server started with `own_group` (a test's cleanup)."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        if self._log:
            self._log.close()


def _catches_sighup(pid: int) -> bool:
    """Whether the process has a handler for SIGHUP (/proc/<pid>/status, SigCgt bit 0)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False  # it ended meanwhile
    caught = next(line for line in status.splitlines() if line.startswith("SigCgt:"))
    return bool(int(caught.split()[1], 16) & (1 << (signal.SIGHUP - 1)))


@dataclass
class Load:
    acknowledged: list[str] = field(default_factory=list)  # ballot keys answered with 303
    statuses: Counter = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)
    resends: int = 0
    gave_up: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def percentiles(self) -> tuple[float, float, float]:
        if len(self.latencies) < 2:
            return (0.0, 0.0, 0.0)
        cuts = statistics.quantiles(self.latencies, n=100)
        return cuts[49] * 1000, cuts[94] * 1000, cuts[98] * 1000


def open_session(port: int) -> tuple[str, str]:
    """A fresh visitor's session cookie and CSRF token, from the ballot page.

    Only the session: without the device cookie each ballot is a new phone, as in real use.
    """
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/v/demo")
    response = connection.getresponse()
    cookies = [c.split(";")[0] for c in response.headers.get_all("Set-Cookie") or []]
    cookie = next((c for c in cookies if c.startswith("session=")), "")
    token = CSRF.search(response.read().decode()).group(1)
    connection.close()
    return cookie, token


def _client(
    port: int, themes: list[int], load: Load, stop_at: float, budget: list[int], seed: int
) -> None:
    rng = random.Random(seed)
    cookie, token = open_session(port)
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}
    while time.monotonic() < stop_at:
        with load.lock:
            if budget[0] <= 0:
                return
            budget[0] -= 1
        key = str(uuid.uuid4())
        body = urllib.parse.urlencode(
            {
                "csrf_token": token,
                "ballot_key": key,
                "village": rng.choice(VILLAGES),
                "theme": rng.sample(themes, 6),
            },
            doseq=True,
        )
        for attempt in range(4):  # a lost connection is resent with the same key
            started = time.perf_counter()
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                connection.request("POST", "/v/demo", body=body, headers=headers)
                response = connection.getresponse()
                response.read()
                connection.close()
            except (OSError, http.client.HTTPException):  # reset, refused or cut off mid-answer
                with load.lock:
                    load.resends += 1
                time.sleep(0.2 * (attempt + 1))
                continue
            with load.lock:
                load.statuses[response.status] += 1
                if response.status == 303:
                    load.acknowledged.append(key)
                    load.latencies.append(time.perf_counter() - started)
            break
        else:
            with load.lock:
                load.gave_up += 1


def run_load(
    port: int,
    themes: list[int],
    seconds: float,
    clients: int,
    max_ballots: int,
    load: Load | None = None,
) -> tuple[Load, float]:
    """Drive `clients` threads for at most `seconds` and `max_ballots` ballots.

    Pass a `load` to watch it while it runs (read it under its lock).
    """
    load, budget = load or Load(), [max_ballots]
    started = time.monotonic()
    stop_at = started + seconds
    threads = [
        threading.Thread(target=_client, args=(port, themes, load, stop_at, budget, n))
        for n in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 120)
    return load, time.monotonic() - started


# The demo campaign's own: seed-demo also makes a made-up previous cycle with its own themes
# and 600 ballots, which the load does not touch.
DEMO_THEMES = sa.text(
    "SELECT theme.id FROM theme JOIN campaign ON campaign.id = theme.campaign_id"
    " WHERE campaign.slug = 'demo' ORDER BY theme.position"
)
DEMO_BALLOT_KEYS = sa.text(
    "SELECT ballot.ballot_key FROM ballot JOIN campaign ON campaign.id = ballot.campaign_id"
    " WHERE campaign.slug = 'demo'"
)


def reading_engine(database_url: str) -> sa.Engine:
    """An engine that reads every municipality's rows: on PostgreSQL through the install_read
    policy (migration 0032), as `flask backup` does; row-level security would show none."""
    engine = sa.create_engine(database_url)
    if engine.dialect.name == "postgresql":

        @sa.event.listens_for(engine, "connect")
        def read_everything(connection: Any, _record: object) -> None:
            with connection.cursor() as cursor:
                cursor.execute("SET app.install_read = on")
            connection.commit()

    return engine


def theme_ids(database_url: str) -> list[int]:
    engine = reading_engine(database_url)
    with engine.connect() as connection:
        ids = [row[0] for row in connection.execute(DEMO_THEMES)]
    engine.dispose()
    return ids


@dataclass(frozen=True)
class Check:
    acknowledged: int
    stored: int  # ballots in the database
    lost: int  # acknowledged keys not stored
    unacknowledged_stored: int  # stored, but the client never saw the 303 (a killed worker)


def check(database_url: str, load: Load) -> Check:
    engine = reading_engine(database_url)
    with engine.connect() as connection:
        keys = {str(row[0]) for row in connection.execute(DEMO_BALLOT_KEYS)}
    engine.dispose()
    normalised = {key.replace("-", "") for key in keys} | keys
    acked = set(load.acknowledged)
    lost = sum(
        1 for key in acked if key not in normalised and key.replace("-", "") not in normalised
    )
    return Check(len(acked), len(keys), lost, len(keys) - (len(acked) - lost))


def sqlite_url(instance: Path) -> str:
    return f"sqlite:///{instance / 'participation.sqlite'}"
