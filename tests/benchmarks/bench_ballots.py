"""Ballot throughput under gunicorn (2 workers, SQLite), against a bare Flask + sqlite3 view.

Run with `make bench`. It prints ballots/s and p50/p95/p99 latency for both, checks that the
ballots stored equal the ballots acknowledged, and prints the ratio. Loopback only, bounded
in time (BENCH_SECONDS, default 10) and clients (BENCH_CLIENTS, default 16).
"""

from __future__ import annotations

import http.client
import multiprocessing
import os
import platform
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid
from dataclasses import dataclass
from pathlib import Path

from tests.load.driver import VILLAGES, flask_cli, free_port, open_session

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SECONDS = float(os.environ.get("BENCH_SECONDS", "10"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "16"))
PROCESSES = 4  # client processes; each runs CLIENTS / PROCESSES threads


def start_gunicorn(app: str, port: int, env: dict[str, str]) -> subprocess.Popen:
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "--workers", "2", "--bind", f"127.0.0.1:{port}", app],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/v/demo")
            if connection.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"{app} did not start on port {port}")


@dataclass
class ClientResult:
    acknowledged: int
    errors: int
    latencies: list[float]


def run_client(port: int, theme_ids: list[int], stop_at: float, seed: int) -> ClientResult:
    rng = random.Random(seed)
    cookie, token = open_session(port)
    result = ClientResult(0, 0, [])
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}
    while time.monotonic() < stop_at:
        body = urllib.parse.urlencode(
            {
                "csrf_token": token,
                "ballot_key": str(uuid.uuid4()),
                "village": rng.choice(VILLAGES),
                "theme": rng.sample(theme_ids, 6),
            },
            doseq=True,
        )
        started = time.perf_counter()
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            connection.request("POST", "/v/demo", body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            if response.status == 303:
                result.acknowledged += 1
                result.latencies.append(time.perf_counter() - started)
            else:
                result.errors += 1
        except OSError:
            result.errors += 1
        finally:
            connection.close()
    return result


def client_process(
    port: int,
    theme_ids: list[int],
    stop_at: float,
    threads: int,
    seed: int,
    queue: multiprocessing.Queue,
) -> None:
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(threads) as pool:
        futures = [
            pool.submit(run_client, port, theme_ids, stop_at, seed * 100 + i)
            for i in range(threads)
        ]
        results = [f.result() for f in futures]
    queue.put(
        ClientResult(
            sum(r.acknowledged for r in results),
            sum(r.errors for r in results),
            [lat for r in results for lat in r.latencies],
        )
    )


def drive(port: int, theme_ids: list[int]) -> tuple[ClientResult, float]:
    queue: multiprocessing.Queue = multiprocessing.Queue()
    started = time.monotonic()
    stop_at = started + SECONDS
    processes = [
        multiprocessing.Process(
            target=client_process, args=(port, theme_ids, stop_at, CLIENTS // PROCESSES, n, queue)
        )
        for n in range(PROCESSES)
    ]
    for process in processes:
        process.start()
    parts = [queue.get(timeout=SECONDS + 120) for _ in processes]
    for process in processes:
        process.join()
    elapsed = time.monotonic() - started
    return ClientResult(
        sum(p.acknowledged for p in parts),
        sum(p.errors for p in parts),
        [lat for p in parts for lat in p.latencies],
    ), elapsed


def stored_ballots(db_file: Path) -> int:
    with sqlite3.connect(db_file) as connection:
        return connection.execute("SELECT count(*) FROM ballot").fetchone()[0]


def report(name: str, result: ClientResult, elapsed: float, stored: int) -> float:
    rate = result.acknowledged / elapsed
    cuts = statistics.quantiles(result.latencies, n=100) if len(result.latencies) > 1 else [0] * 99
    print(
        f"{name:<12} {rate:8.1f} ballots/s   p50 {cuts[49] * 1000:6.1f} ms   "
        f"p95 {cuts[94] * 1000:6.1f} ms   p99 {cuts[98] * 1000:6.1f} ms   "
        f"acknowledged {result.acknowledged}   stored {stored}   errors {result.errors}"
    )
    if stored != result.acknowledged:
        raise SystemExit(f"{name}: stored {stored} != acknowledged {result.acknowledged}")
    return rate


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    env = {
        **os.environ,
        "INSTANCE_PATH": str(work / "app"),
        "APP_ENV": "production",
        "PUBLIC_BASE_URL": "https://stem.example.org",
        "SECRET_KEY": "benchmark-only-" + "x" * 32,
        "FLASK_SESSION_COOKIE_SECURE": "false",
        # Every client shares 127.0.0.1: the limiter stays on the path but out of the way.
        "FLASK_BALLOT_RATE_LIMIT": "100000000 per minute",
    }
    env.pop("DATABASE_URL", None)
    flask_cli(env, "db", "upgrade")
    flask_cli(env, "seed-demo")
    app_db = work / "app" / "participation.sqlite"
    bare_db = work / "bare.sqlite"
    with sqlite3.connect(app_db) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        theme_ids = [row[0] for row in connection.execute("SELECT id FROM theme ORDER BY position")]
    shutil.copy(app_db, bare_db)

    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, SQLite {sqlite3.sqlite_version}; "
        f"{CLIENTS} clients for {SECONDS:.0f} s each, gunicorn 2 sync workers"
    )
    rates = {}
    for name, app, db_file, extra in (
        ("bare view", "tests.benchmarks.bare_app:app", bare_db, {"BARE_DB": str(bare_db)}),
        ("participation", "wsgi:app", app_db, {}),
    ):
        port = free_port()
        server = start_gunicorn(app, port, {**env, **extra})
        try:
            result, elapsed = drive(port, theme_ids)
        finally:
            server.terminate()
            server.wait(timeout=30)
        rates[name] = report(name, result, elapsed, stored_ballots(db_file) - 0)
    print(
        f"ratio participation / bare view: {rates['participation'] / rates['bare view']:.2f}"
        " (goal: at least 0.50)"
    )
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
