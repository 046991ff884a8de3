"""`make loadtest`: thousands of ballots from many clients against gunicorn, SQLite and PostgreSQL.

Prints throughput, latency percentiles and "acknowledged N, stored N, lost 0" per backend, and
fails if an acknowledged ballot is missing or any response is other than 303, 429 or 503.
Bounded: LOAD_BALLOTS (default 3000) ballots or LOAD_SECONDS (default 60) per backend,
LOAD_CLIENTS (default 32) concurrent clients, loopback only.
"""

from __future__ import annotations

import os
import platform
import shutil
import sqlite3
import tempfile
from pathlib import Path

from tests.conftest import POSTGRES_URL, postgres_reachable, reset_postgres_schema
from tests.load.driver import (
    CLEAN_REFUSALS,
    Server,
    app_env,
    check,
    flask_cli,
    run_load,
    sqlite_url,
    theme_ids,
)

BALLOTS = int(os.environ.get("LOAD_BALLOTS", "3000"))
SECONDS = float(os.environ.get("LOAD_SECONDS", "60"))
CLIENTS = int(os.environ.get("LOAD_CLIENTS", "32"))
WORKERS = int(os.environ.get("LOAD_WORKERS", "4"))
LOAD_POSTGRES_URL = os.environ.get("LOAD_POSTGRES_URL", POSTGRES_URL)


def run(name: str, env: dict[str, str], database_url: str) -> bool:
    flask_cli(env, "db", "upgrade")
    flask_cli(env, "seed-demo")
    server = Server(env, workers=WORKERS)
    try:
        load, elapsed = run_load(server.port, theme_ids(database_url), SECONDS, CLIENTS, BALLOTS)
    finally:
        server.stop()
    result = check(database_url, load)
    p50, p95, p99 = load.percentiles()
    unclean = {
        status: n
        for status, n in load.statuses.items()
        if status != 303 and status not in CLEAN_REFUSALS
    }
    print(
        f"{name:<11} {len(load.acknowledged) / elapsed:7.1f} ballots/s  "
        f"p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  p99 {p99:6.1f} ms  "
        f"acknowledged {result.acknowledged}, stored {result.stored}, lost {result.lost}  "
        f"refused {sum(load.statuses[s] for s in CLEAN_REFUSALS)}  other {unclean or 0}"
    )
    return result.lost == 0 and not unclean and result.stored == result.acknowledged


def main() -> None:
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}; {CLIENTS} clients, up to {BALLOTS} ballots or "
        f"{SECONDS:.0f} s per backend, gunicorn {WORKERS} sync workers"
    )
    work = Path(tempfile.mkdtemp(prefix="load-"))
    ok = run("SQLite", app_env(work / "sqlite"), sqlite_url(work / "sqlite"))
    if postgres_reachable(LOAD_POSTGRES_URL):
        reset_postgres_schema(LOAD_POSTGRES_URL)
        ok = run("PostgreSQL", app_env(work / "pg", LOAD_POSTGRES_URL), LOAD_POSTGRES_URL) and ok
    else:
        print(f"PostgreSQL   skipped: not reachable at {LOAD_POSTGRES_URL} (.ci/start-postgres)")
    shutil.rmtree(work, ignore_errors=True)
    if not ok:
        raise SystemExit("load test failed: see the lines above")


if __name__ == "__main__":
    main()
