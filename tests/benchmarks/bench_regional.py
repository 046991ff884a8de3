"""The region at scale: three municipalities with N ballots each in one regional campaign, live.

Run with `make bench-results` (after bench_results) or `python -m tests.benchmarks.bench_regional
[ballots]`; BENCH_BALLOTS or the argument sets N (default 1,000,000, so 3,000,000 in all).
SQLite in a temporary folder, or DATABASE_URL set to a PostgreSQL database, which is emptied
first. The region is the demo's (`flask seed-demo --region`: Zuidwest-Drenthe with Meppel,
Midden-Drenthe with a local theme, and Westerveld, each adopting the regional campaign
ivp-2027); `flask seed-load` then adds N ballots to each municipality's campaign.

Measured as bench_results measures a live campaign: the Flask test client in this process,
timed to the full body (DEBUG off, as a production worker); the older ballots settle first
(COUNTS_SETTLE_SECONDS), then each request follows a new ballot in each of the three
municipalities. Cold = a fresh worker each time (the per-worker counts emptied; the settled
counts stay in the database), warm = one worker. Goals (issue 30, "Done when"): regional
results JSON < 0.1 s, a municipality's results page < 1 s, the regional workbook < 2 s.
"""

from __future__ import annotations

import datetime
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass

from flask import Flask
from flask.testing import FlaskClient

from participation.demo_region import CAMPAIGN_SLUG, COORDINATOR_EMAIL, REGION_HOST
from tests.benchmarks.bench_results import cpu_model
from tests.factories import client_on

MEMBERS = ("meppel", "midden-drenthe", "westerveld")
STAFF_HOST = "midden-drenthe.localhost"  # the one with a local theme: 13 themes, 4 villages
STAFF_LOGIN = {"email": "staf@example.org", "password": "demo-wachtwoord"}
COORDINATOR_LOGIN = {"email": COORDINATOR_EMAIL, "password": "demo-wachtwoord"}
RUNS = 5  # requests per way (cold, warm), a new ballot before each


@dataclass(frozen=True)
class Request:
    label: str
    host: str  # the client's host: the region's, or the municipality's
    url: str
    goal: float  # seconds


REQUESTS = (
    Request("regional results JSON", REGION_HOST, f"/regio/results/{CAMPAIGN_SLUG}.json", 0.1),
    Request("municipality's results page", STAFF_HOST, f"/results/{CAMPAIGN_SLUG}", 1.0),
    Request("regional workbook", REGION_HOST, f"/regio/results/{CAMPAIGN_SLUG}/workbook.xlsx", 2.0),
)


@dataclass(frozen=True)
class Timing:
    label: str
    way: str  # cold or warm
    times: tuple[float, ...]
    goal: float

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def passed(self) -> bool:
        return self.median < self.goal


def database_url(folder: str) -> str:
    """DATABASE_URL, or a SQLite file in `folder`."""
    return os.environ.get("DATABASE_URL") or f"sqlite:///{folder}/bench.sqlite"


def prepare(url: str) -> Flask:
    """A new app on an empty, migrated database (PostgreSQL's schema dropped first)."""
    from flask_migrate import upgrade

    from participation import create_app
    from participation.extensions import db

    app = create_app(SQLALCHEMY_DATABASE_URI=url, WTF_CSRF_ENABLED=False)
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            db.session.remove()  # a read the app made (its hosts) would hold the tables
            with db.engine.begin() as connection:
                connection.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
        upgrade(directory=os.path.join(os.path.dirname(__file__), "../../migrations"))
    return app


def seed(app: Flask, ballots: int) -> None:
    """The demo region, then `ballots` synthetic ballots in each member's campaign."""
    from participation import tenancy
    from participation.extensions import db
    from participation.web import tenant

    runner = app.test_cli_runner()
    with app.app_context(), tenancy.acting_for(None):
        made = runner.invoke(args=["seed-demo", "--region"])
        assert made.exit_code == 0, made.output
        for number, slug in enumerate(MEMBERS):
            started = time.perf_counter()
            args = ["seed-load", "--gemeente", slug, "--campaign", CAMPAIGN_SLUG]
            result = runner.invoke(
                args=[*args, "--ballots", str(ballots), "--seed", str(1000 + number)]
            )
            assert result.exit_code == 0, result.output
            seconds = time.perf_counter() - started
            print(f"seed-load {ballots:,} ballots into {slug}: {seconds:.1f} s", flush=True)
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as connection:
                connection.exec_driver_sql("ANALYZE")
        tenant.forget()  # the new hosts now, not after HOSTS_TTL


def as_in_production(app: Flask) -> None:
    """Serve as a production worker does: DEBUG off. (seed-load needs a development app; in
    debug Flask indents its JSON, which takes Python's own encoder instead of the C one: about
    25 ms more for the regional JSON, and templates are checked for changes on every use.)"""
    app.debug = False


def signed_in(app: Flask) -> dict[str, FlaskClient]:
    """A client per host: the coordinator on the region's, the demo staff on Midden-Drenthe's."""
    region, staff = client_on(app, REGION_HOST), client_on(app, STAFF_HOST)
    assert region.post("/regio/login", data=COORDINATOR_LOGIN).status_code == 302
    assert staff.post("/staff/login", data=STAFF_LOGIN).status_code == 302
    return {REGION_HOST: region, STAFF_HOST: staff}


class Ballots:
    """One new synthetic ballot in each member's campaign at a time, as phones would add."""

    def __init__(self, app: Flask) -> None:
        from participation import tenancy
        from participation.services.ballots import voting
        from participation.services.municipalities import by_slug

        self.app, self.rng, self.rules = app, random.Random(5), []
        with app.app_context(), tenancy.acting_for(None):
            ids = [found.id for slug in MEMBERS if (found := by_slug(slug)) is not None]
        for municipality_id in ids:
            with app.app_context(), tenancy.acting_for(municipality_id):
                self.rules.append((municipality_id, voting.load_rules(CAMPAIGN_SLUG)))

    def add(self) -> None:
        from participation import tenancy
        from participation.chores.load import add_synthetic_ballots
        from participation.extensions import db

        for municipality_id, rules in self.rules:
            with self.app.app_context(), tenancy.acting_for(municipality_id):
                assert rules is not None
                add_synthetic_ballots(rules, 1, self.rng, days=1)
                db.session.remove()


def forget_everything(app: Flask) -> None:
    """A fresh worker: nothing counted in memory (the settled counts stay in the database)."""
    from participation import caches

    with app.app_context():
        caches.clear("results_counts")
        caches.clear("running_counts")


def fetch(client: FlaskClient, url: str) -> tuple[float, bytes]:
    started = time.perf_counter()
    response = client.get(url)
    body = response.get_data()
    seconds = time.perf_counter() - started
    assert response.status_code == 200, (url, response.status_code, body[:300])
    return seconds, body


def settle(app: Flask, clients: dict[str, FlaskClient], ballots: Ballots) -> None:
    """Every request once, then a new ballot and every request again after COUNTS_SETTLE_SECONDS:
    the seeded ballots now count as settled (and are saved as such), as in a campaign that has
    been running a while. (Without the new ballot the second pass would find the counts kept
    unchanged and settle nothing.)"""
    for request in REQUESTS:
        fetch(clients[request.host], request.url)
    time.sleep(app.config["COUNTS_SETTLE_SECONDS"] + 0.5)
    ballots.add()
    for request in REQUESTS:
        fetch(clients[request.host], request.url)


def measure(app: Flask, runs: int = RUNS) -> list[Timing]:
    """Each request cold and warm, `runs` times each, a new ballot in every member before each."""
    clients = signed_in(app)
    ballots = Ballots(app)
    settle(app, clients, ballots)
    timings = []
    for request in REQUESTS:
        for way in ("cold", "warm"):
            times = []
            for _ in range(runs):
                ballots.add()
                if way == "cold":
                    forget_everything(app)
                times.append(fetch(clients[request.host], request.url)[0])
            timings.append(Timing(request.label, way, tuple(times), request.goal))
    return timings


def machine(app: Flask) -> str:
    from participation.extensions import db

    with app.app_context():
        dialect = db.engine.dialect.name
        version = (
            db.session.connection()
            .exec_driver_sql(
                "SELECT sqlite_version()" if dialect == "sqlite" else "SHOW server_version"
            )
            .scalar()
        )
        db.session.remove()
    today = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    return (
        f"Machine: {platform.machine()}, nproc {os.cpu_count()} ({cpu_model()}),"
        f" Python {platform.python_version()}, {dialect} {version}; {today}; tool: Flask test"
        " client in this process, timed to the full body (as bench_results); DEBUG off"
    )


def report(timings: list[Timing]) -> int:
    """One line per request and way; returns how many missed their goal."""
    print(f"Live: a new ballot in each municipality before each request ({RUNS} runs);")
    print("cold = a fresh worker each time (settled counts from the database), warm = one worker:")
    for timing in timings:
        verdict = "ok" if timing.passed else "TOO SLOW"
        print(
            f"{timing.label:<28} {timing.way} median {timing.median:6.3f} s"
            f"  max {max(timing.times):6.3f} s  (goal < {timing.goal} s)  {verdict}"
        )
    return sum(not timing.passed for timing in timings)


def main() -> None:
    from participation.extensions import db

    given = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("BENCH_BALLOTS", "1000000")
    ballots = int(given)
    with tempfile.TemporaryDirectory(prefix="bench-regional-") as folder:  # 2 GB at 3 x 1M
        app = prepare(database_url(folder))
        print(machine(app))
        print(f"The region Zuidwest-Drenthe: {len(MEMBERS)} municipalities x {ballots:,} ballots")
        seed(app, ballots)
        as_in_production(app)
        failures = report(measure(app))
        with app.app_context():
            db.engine.dispose()
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
