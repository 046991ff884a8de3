"""Ballot throughput under gunicorn (2 workers, SQLite), against a bare Flask + sqlite3 view.

Run with `make bench`. The load comes from wrk, a native load generator (one thread, keep-alive
connections, tests/benchmarks/ballot.lua), so the client is not what limits the server: its CPU
share is printed beside each run. The bare view and the app run in turn, twice each, with the
same request mix; it prints ballots/s, p50/p95/p99 latency and the workers' CPU time per
ballot per run, checks that the ballots stored equal the ballots acknowledged, and prints the
ratio of the medians of both (CPU per ballot moves far less than the rate when other programs
share the cores). Without wrk it falls back to a Python client and says so: that client
shares the two cores and flatters the app. Loopback only, bounded in time (BENCH_SECONDS,
default 10) and connections (BENCH_CLIENTS, default 16).
"""

from __future__ import annotations

import http.client
import multiprocessing
import os
import platform
import random
import resource
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

from tests.load.driver import DEMO_THEMES, VILLAGES, flask_cli, free_port, open_session

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SECONDS = float(os.environ.get("BENCH_SECONDS", "10"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "16"))
PROCESSES = 4  # client processes of the Python fallback; each runs CLIENTS / PROCESSES threads
WRK = shutil.which("wrk")


def start_gunicorn(app: str, port: int, env: dict[str, str]) -> subprocess.Popen:
    # Sync workers, as in production: gunicorn closes each connection after its answer, so wrk
    # reconnects. BENCH_WORKER_CLASS=gthread keeps connections alive, but then each worker
    # keeps the connections it got first, and an uneven share halves a run (0.36-0.64).
    process = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "--workers",
            "2",
            "--worker-class",
            os.environ.get("BENCH_WORKER_CLASS", "sync"),
            "--threads",
            "1",
            "--keep-alive",
            "5",
            "--bind",
            f"127.0.0.1:{port}",
            app,
        ],
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


@dataclass
class Run:
    acknowledged: int
    others: int  # answers other than 303, and socket errors
    seconds: float
    p50: float
    p95: float
    p99: float
    client_cpu: float  # share of one core the load generator used
    server_cpu: float = -1.0  # CPU seconds the gunicorn workers used during the run

    @property
    def rate(self) -> float:
        return self.acknowledged / self.seconds

    @property
    def cpu_per_ballot(self) -> float:
        """Milliseconds of worker CPU per acknowledged ballot: what a ballot costs, which
        other programs on the same cores change far less than they change the rate."""
        return self.server_cpu / self.acknowledged * 1000 if self.server_cpu >= 0 else -1.0


def workers_cpu(master: int) -> float:
    """CPU seconds (user + system) used so far by the gunicorn master's worker processes."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone meanwhile
        if int(fields[1]) == master:  # the parent's pid
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def drive_wrk(port: int, theme_ids: list[int]) -> Run:
    """wrk with one thread and CLIENTS keep-alive connections for SECONDS."""
    cookie, token = open_session(port)
    env = {
        **os.environ,
        "BENCH_CSRF": token,
        "BENCH_COOKIE": cookie,
        "BENCH_THEMES": ",".join(map(str, theme_ids)),
    }
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    done = subprocess.run(
        [
            WRK or "wrk",
            "-t1",
            f"-c{CLIENTS}",
            f"-d{SECONDS:.0f}s",
            "--timeout",
            "30s",
            "-s",
            str(Path(__file__).with_name("ballot.lua")),
            f"http://127.0.0.1:{port}/v/demo",
        ],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    elapsed = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    line = next(row for row in done.stdout.splitlines() if row.startswith("RESULT"))
    fields = dict(part.split("=") for part in line.split()[1:])
    return Run(
        acknowledged=int(fields["acks"]),
        others=int(fields["others"]) + int(fields["socket_errors"]),
        seconds=SECONDS,
        p50=float(fields["p50"]) / 1000,
        p95=float(fields["p95"]) / 1000,
        p99=float(fields["p99"]) / 1000,
        client_cpu=cpu / elapsed,
    )


def drive_python(port: int, theme_ids: list[int]) -> Run:
    """The fallback without wrk: Python clients on the same two cores (they cap the rate)."""
    result, elapsed = drive(port, theme_ids)
    cuts = statistics.quantiles(result.latencies, n=100) if len(result.latencies) > 1 else [0] * 99
    return Run(result.acknowledged, result.errors, elapsed, cuts[49], cuts[94], cuts[98], -1.0)


def stored_ballots(db_file: Path) -> int:
    # Read once the server has let go: its last worker checkpoints and removes the WAL as it
    # exits, and a reader that opens the file in that instant can see it half-way ("database
    # disk image is malformed", though the file is sound). So: wait for the WAL to go.
    wal = db_file.with_name(db_file.name + "-wal")
    deadline = time.monotonic() + 10
    while wal.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    connection = sqlite3.connect(db_file)
    try:
        demo = "SELECT id FROM campaign WHERE slug = 'demo'"  # not the made-up previous cycle
        return connection.execute(
            f"SELECT count(*) FROM ballot WHERE campaign_id = ({demo})"
        ).fetchone()[0]
    finally:
        connection.close()  # a connection left open would hold the WAL back for the servers


def report(name: str, run: Run, stored: int) -> float:
    client = f"client {run.client_cpu:4.0%} of a core" if run.client_cpu >= 0 else "client ?"
    workers = (
        f"workers {run.server_cpu / run.seconds:4.2f} cores, {run.cpu_per_ballot:4.2f} ms CPU"
        " per ballot"
        if run.server_cpu >= 0
        else "workers ?"
    )
    print(
        f"{name:<14} {run.rate:8.1f} ballots/s   p50 {run.p50 * 1000:6.1f} ms   "
        f"p95 {run.p95 * 1000:6.1f} ms   p99 {run.p99 * 1000:6.1f} ms   "
        f"acknowledged {run.acknowledged}   stored {stored} ({stored - run.acknowledged} still"
        f" under way at the stop)   other {run.others}   {client}   {workers}"
    )
    # wrk stops at the deadline without reading the answers still under way: those ballots
    # are stored but not counted as acknowledged, at most one per connection. Anything else,
    # and any acknowledged ballot not stored, fails the benchmark.
    in_flight = stored - run.acknowledged
    if not 0 <= in_flight <= CLIENTS:
        raise SystemExit(f"{name}: stored {stored}, acknowledged {run.acknowledged}")
    return run.rate


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
    connection = sqlite3.connect(app_db)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    theme_ids = [row[0] for row in connection.execute(str(DEMO_THEMES))]
    connection.close()  # a connection kept open here confused later readers of the file
    shutil.copy(app_db, bare_db)

    tool = "wrk (1 thread, keep-alive)" if WRK else "Python clients (wrk not found: install it)"
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, SQLite {sqlite3.sqlite_version}; load: {tool}, "
        f"{CLIENTS} connections for {SECONDS:.0f} s per run; gunicorn 2 workers "
        f"({os.environ.get('BENCH_WORKER_CLASS', 'sync')}, 1 thread); runs alternate"
    )
    drive_run = drive_wrk if WRK else drive_python
    rates: dict[str, list[float]] = {"bare view": [], "participation": []}
    costs: dict[str, list[float]] = {"bare view": [], "participation": []}
    servers = {
        "bare view": ("tests.benchmarks.bare_app:app", bare_db, {"BARE_DB": str(bare_db)}),
        "participation": ("wsgi:app", app_db, {}),
    }
    for round_number in (1, 2):
        for name, (app, db_file, extra) in servers.items():
            port = free_port()
            server = start_gunicorn(app, port, {**env, **extra})
            before = stored_ballots(db_file)
            try:
                cpu = workers_cpu(server.pid)
                run = drive_run(port, theme_ids)
                run.server_cpu = workers_cpu(server.pid) - cpu
            finally:
                server.terminate()
                server.wait(timeout=30)
            label = f"{name} #{round_number}"
            rates[name].append(report(label, run, stored_ballots(db_file) - before))
            costs[name].append(run.cpu_per_ballot)
    bare, app_rate = (statistics.median(rates[n]) for n in ("bare view", "participation"))
    print(f"ratio participation / bare view (medians): {app_rate / bare:.2f} (goal: at least 0.50)")
    bare_cost, app_cost = (statistics.median(costs[n]) for n in ("bare view", "participation"))
    if bare_cost > 0 and app_cost > 0:
        print(
            f"worker CPU per ballot (medians): bare view {bare_cost:.2f} ms, participation"
            f" {app_cost:.2f} ms, ratio {bare_cost / app_cost:.2f}"
        )
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
