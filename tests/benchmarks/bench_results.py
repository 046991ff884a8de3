"""Results at scale: a campaign with N ballots (default 1,000,000), timed export by export.

Run with `make bench-results` (SQLite in a temporary folder) or with DATABASE_URL set to a
PostgreSQL database, which is emptied first. It prints one line per figure with its goal, and
the council report three ways: cold (the first report of a fresh process), after a new ballot
(a warm process, new figures: charts and PDF made again) and warm (the same figures again).
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient

GOALS = {  # seconds
    "results JSON": 1.0,
    "tallies CSV": 1.0,
    "Excel, totals": 1.5,
    "chart totaal.png": 0.5,
    "chart dorpen.png": 0.5,
    "chart warmtekaart.png": 0.5,
    "chart kanalen.png": 0.5,
}


REPORT_GOAL = 3.0  # seconds, cold: the first report a fresh worker makes (issue 28)
REPORT = "/results/demo/rapport.pdf"


def prepare(ballots: int) -> tuple[Flask, str]:
    from flask_migrate import upgrade

    from participation import create_app
    from participation.extensions import db

    url = os.environ.get("DATABASE_URL") or (
        f"sqlite:///{tempfile.mkdtemp(prefix='bench-results-')}/bench.sqlite"
    )
    app = create_app(SQLALCHEMY_DATABASE_URI=url, WTF_CSRF_ENABLED=False)
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as connection:
                connection.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
        upgrade(directory=os.path.join(os.path.dirname(__file__), "../../migrations"))
        runner = app.test_cli_runner()
        runner.invoke(args=["seed-demo"])
        started = time.perf_counter()
        result = runner.invoke(args=["seed-load", "--campaign", "demo", "--ballots", str(ballots)])
        seconds = time.perf_counter() - started
        print(f"seed-load {ballots:,} ballots: {seconds:.1f} s ({result.output.strip()})")
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as connection:
                connection.exec_driver_sql("ANALYZE")
    return app, url


def timed(client: FlaskClient, url: str, cold: bool) -> tuple[float, int]:
    """Best of three: seconds to the full body, and its size.

    Cold: the counts cache, the kept charts and the kept PDFs are emptied first, so the
    database counts and everything is drawn every time.
    """
    best, size = float("inf"), 0
    for _ in range(3):
        if cold:
            forget_everything(client.application)
        started = time.perf_counter()
        response = client.get(url)
        body = response.get_data()
        best = min(best, time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
        size = len(body)
    return best, size


def forget_everything(app: Flask) -> None:
    from participation import caches
    from participation.renderers import pdf, report_charts

    with app.app_context():
        caches.clear("results_counts")
        caches.clear("running_counts")  # the settled counts stay in the database
    report_charts.forget()
    pdf.forget()


def cold_reports(url: str, runs: int = 3) -> list[tuple[float, int, int]]:
    """The report as the first one of a fresh process, `runs` times: seconds, bytes, pages."""
    found = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-m", "tests.benchmarks.report_cold"],
            env={**os.environ, "DATABASE_URL": url},
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        seconds, size, pages = done.stdout.split()[-3:]
        found.append((float(seconds), int(size), int(pages)))
    return found


def council_report(app: Flask, client: FlaskClient, url: str) -> int:
    """The council report three ways; judged cold. Returns 1 when cold misses its goal."""
    import random

    from participation.chores.load import add_synthetic_ballots
    from participation.extensions import db
    from participation.services.ballots import voting

    cold = cold_reports(url)
    seconds = [run[0] for run in cold]
    _, size, pages = cold[0]
    changed = []
    for number in range(3):  # a new ballot each time: new figures, so charts and PDF anew
        with app.app_context():
            add_synthetic_ballots(voting.load_rules("demo"), 1, random.Random(number), days=1)  # type: ignore[arg-type]
            db.session.remove()
        changed.append(timed_once(client, REPORT))
    warm, _ = timed(client, REPORT, cold=False)
    verdict = "ok" if min(seconds) < REPORT_GOAL else "TOO SLOW"
    print(
        f"council report PDF ({pages} pages, {size / 1e3:,.0f} kB; goal cold < {REPORT_GOAL} s):"
        f" {verdict}\n"
        f"  cold, the first report of a fresh process: best {min(seconds):.3f} s,"
        f" median {statistics.median(seconds):.3f} s (runs: "
        + ", ".join(f"{value:.3f}" for value in seconds)
        + ")\n"
        f"  after a new ballot (warm process, charts and PDF made again):"
        f" median {statistics.median(changed):.3f} s\n"
        f"  warm (the same figures again: charts and PDF kept): best {warm:.3f} s"
    )
    return int(min(seconds) >= REPORT_GOAL)


def timed_once(client: FlaskClient, url: str) -> float:
    started = time.perf_counter()
    response = client.get(url)
    response.get_data()
    assert response.status_code == 200, (url, response.status_code)
    return time.perf_counter() - started


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def streamed_peak(client: FlaskClient, url: str) -> tuple[float, int, float]:
    """Seconds, bytes out, and how far the process's resident memory rose (MB) meanwhile."""
    baseline = peak = rss_mb()
    started = time.perf_counter()
    response = client.get(url, buffered=False)
    size = 0
    for index, chunk in enumerate(response.response):
        size += len(chunk)
        if index % 50 == 0:
            peak = max(peak, rss_mb())
    elapsed = time.perf_counter() - started
    response.close()
    return elapsed, size, max(peak, rss_mb()) - baseline


LIVE_GOALS = {  # seconds, with a new ballot before each request
    "results JSON": ("/api/v1/campaigns/demo/results", 0.1),
    "tallies CSV": ("/results/demo/tallies.csv", 0.1),
    "staff results page": ("/results/demo", 1.0),
    "chart totaal.png": ("/results/demo/grafiek/totaal.png", 0.5),
}


def live_campaign(app: Flask, client: FlaskClient) -> int:
    """A campaign that is still open: one new ballot before each request (median of 5).

    The counts of the older ballots settle first (COUNTS_SETTLE_SECONDS), as in a running
    campaign; after that each request counts only the ballots that came since."""
    import random
    import statistics

    from participation.chores.load import add_synthetic_ballots
    from participation.extensions import db
    from participation.services.ballots import voting

    rng = random.Random(5)
    with app.app_context():
        rules = voting.load_rules("demo")
    client.get("/api/v1/campaigns/demo/results")
    time.sleep(app.config["COUNTS_SETTLE_SECONDS"] + 0.5)
    client.get("/api/v1/campaigns/demo/results")  # the million now counts as settled
    print("Live: a new ballot before each request (median of 5); cold = a fresh worker each")
    print("time (nothing in memory; the settled counts are in the database), warm = one worker:")
    failures = 0
    for label, (url, goal) in LIVE_GOALS.items():
        for cold in (True, False):
            times = []
            for _ in range(5):
                with app.app_context():
                    add_synthetic_ballots(rules, 1, rng, days=1)  # type: ignore[arg-type]
                    db.session.remove()
                if cold:
                    forget_everything(app)
                started = time.perf_counter()
                response = client.get(url)
                response.get_data()
                times.append(time.perf_counter() - started)
                assert response.status_code == 200, (url, response.status_code)
            seconds = statistics.median(times)
            verdict = "ok" if seconds < goal else "TOO SLOW"
            failures += seconds >= goal
            way = "cold" if cold else "warm"
            print(f"{label:<24} {way} {seconds:6.3f} s  (goal < {goal} s)  {verdict}")
    return failures


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def main() -> None:
    ballots = int(os.environ.get("BENCH_BALLOTS", "1000000"))
    app, database_url = prepare(ballots)
    from participation.extensions import db
    from participation.services.accounts import create_user

    with app.app_context():
        create_user("bench@example.org", "een-lang-wachtwoord", "viewer")
        dialect = db.engine.dialect.name
        version = (
            db.session.connection()
            .exec_driver_sql(
                "SELECT sqlite_version()" if dialect == "sqlite" else "SHOW server_version"
            )
            .scalar()
        )
    client = app.test_client()
    client.post(
        "/staff/login", data={"email": "bench@example.org", "password": "een-lang-wachtwoord"}
    )
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores ({cpu_model()}),"
        f" Python {platform.python_version()}, {dialect} {version};"
        f" {ballots:,} ballots in the demo campaign"
    )
    urls: dict[str, str] = {
        "results JSON": "/api/v1/campaigns/demo/results",
        "tallies CSV": "/results/demo/tallies.csv",
        "Excel, totals": "/results/demo/totalen.xlsx",
    }
    for name in ("totaal", "dorpen", "warmtekaart", "kanalen"):
        urls[f"chart {name}.png"] = f"/results/demo/grafiek/{name}.png"
    failures = 0
    print("Cold: the database counts on every request. Warm: the counts are cached (charts).")
    for label, url in urls.items():
        cold, size = timed(client, url, cold=True)
        warm, _ = timed(client, url, cold=False)
        # A chart is drawn from counts the results page has just made: judge it warm.
        seconds = warm if label.startswith("chart") else cold
        goal = GOALS[label]
        verdict = "ok" if seconds < goal else "TOO SLOW"
        failures += seconds >= goal
        print(
            f"{label:<24} cold {cold:6.3f} s  warm {warm:6.3f} s"
            f"  (goal < {goal} s, {size / 1e3:,.0f} kB)  {verdict}"
        )
    failures += council_report(app, client, database_url)
    failures += live_campaign(app, client)
    streams: list[tuple[str, str, Callable[[float], bool]]] = [
        ("ballots CSV (streamed)", "/results/demo/stemmen.csv", lambda mb: mb < 50),
        ("Excel with ballots", "/results/demo/uitslag.xlsx", lambda mb: mb < 50),
    ]
    for label, url, flat in streams:
        seconds, size, peak = streamed_peak(client, url)
        verdict = "flat" if flat(peak) else "NOT FLAT"
        failures += not flat(peak)
        print(
            f"{label:<24} {seconds:7.1f} s  {size / 1e6:,.1f} MB out, memory rose"
            f" {peak:,.1f} MB  {verdict}"
        )
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
