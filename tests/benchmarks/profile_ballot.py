"""Where a ballot's time goes: ballot POSTs in-process, timed, then under pyinstrument.

Run with `make profile-ballot`. The same production settings as `make bench` (SQLite, CSRF,
limiter on), each ballot a new phone. It first times PROFILE_ROUNDS rounds (default 3) of
PROFILE_BALLOTS ballots (default 2,000) without the profiler and prints, per round and as the
median, the wall time per ballot, the app's own share of it (the rest is the test client) and
the process's CPU time; then it profiles one more round and prints the call tree
(PROFILE_TREE=0 skips it). PROFILE_TARGET=bare times the bare view of `make bench` instead.

On a machine others use too, wall times move by a third from run to run. PROFILE_STEADY=1
makes the work per ballot repeatable for tests.benchmarks.count_instructions: the limiter's
in-memory counts stop starting a timer thread whenever 10 ms have passed (how many depends on
the speed), and the objects made at start-up are frozen out of the garbage collector's passes.
"""

from __future__ import annotations

import gc
import os
import random
import re
import statistics
import tempfile
import time
import uuid

BALLOTS = int(os.environ.get("PROFILE_BALLOTS", "2000"))
ROUNDS = int(os.environ.get("PROFILE_ROUNDS", "3"))
WARM_UP = int(os.environ.get("PROFILE_WARM_UP", "200"))
TARGET = os.environ.get("PROFILE_TARGET", "app")
STEADY = os.environ.get("PROFILE_STEADY") == "1"
VILLAGES = ["zuidhorn", "leek", "marum", "tolbert", "grootegast", "grijpskerk", "elders"]


def main() -> None:
    os.environ.update(
        {
            "INSTANCE_PATH": tempfile.mkdtemp(prefix="profile-"),
            "APP_ENV": "production",
            "PUBLIC_BASE_URL": "https://stem.example.org",
            "SECRET_KEY": "profile-only-" + "x" * 32,
            "FLASK_SESSION_COOKIE_SECURE": "false",
            "FLASK_BALLOT_RATE_LIMIT": "100000000 per minute",
        }
    )
    os.environ.pop("DATABASE_URL", None)
    from pyinstrument import Profiler

    from tests.load.driver import flask_cli

    flask_cli(dict(os.environ), "db", "upgrade")
    flask_cli(dict(os.environ), "seed-demo")
    from participation import create_app
    from participation.extensions import db
    from participation.models import Campaign, Theme

    if STEADY:
        from limits.storage.memory import MemoryStorage

        # Expired counts are still dropped when read; only the sweeping thread stops.
        MemoryStorage._MemoryStorage__schedule_expiry = lambda self: None  # type: ignore[attr-defined]
    app = create_app()
    with app.app_context():
        themes = list(
            db.session.scalars(
                db.select(Theme.id).join(Theme.campaign).where(Campaign.slug == "demo")
            )
        )
    if TARGET == "bare":  # the reference view of `make bench`, on the same database file
        os.environ["BARE_DB"] = os.path.join(os.environ["INSTANCE_PATH"], "participation.sqlite")
        from tests.benchmarks.bare_app import app
    in_app = [0.0]  # seconds inside the app itself, without the test client's share
    wsgi_app = app.wsgi_app

    def timed_app(environ, start_response):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        try:
            return list(wsgi_app(environ, start_response))
        finally:
            in_app[0] += time.perf_counter() - started

    app.wsgi_app = timed_app  # type: ignore[method-assign]
    client = app.test_client()
    page = client.get("/v/demo").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*?value="([^"]+)"', page).group(1)  # type: ignore[union-attr]

    def ballot() -> None:
        client.delete_cookie("stemapparaat")  # a new phone
        data = {
            "csrf_token": token,
            "ballot_key": str(uuid.uuid4()),
            "village": random.choice(VILLAGES),
            "theme": random.sample(themes, 6),
        }
        assert client.post("/v/demo", data=data).status_code == 303

    for _ in range(WARM_UP):
        ballot()
    if STEADY:
        gc.collect()
        gc.freeze()
    rounds: list[tuple[float, float, float]] = []
    for _ in range(ROUNDS):
        in_app[0] = 0.0
        started, cpu = time.perf_counter(), time.process_time()
        for _ in range(BALLOTS):
            ballot()
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        rounds.append((wall / BALLOTS * 1000, in_app[0] / BALLOTS * 1000, cpu / BALLOTS * 1000))
    if rounds:
        each = "; ".join("{:.3f} / {:.3f} / {:.3f}".format(*run) for run in rounds)
        total, own, cpu = (statistics.median(run[i] for run in rounds) for i in range(3))
        print(f"{BALLOTS} ballots x {ROUNDS} rounds ({TARGET}), profiler off, ms per ballot")
        print(f"  (wall / in the app / CPU of the process): {each}")
        print(f"  median: {total:.3f} ms wall, {own:.3f} ms in the app, {cpu:.3f} ms CPU")
    if os.environ.get("PROFILE_TREE", "1") == "0":
        return
    profiler = Profiler(interval=0.0005)
    started = time.perf_counter()
    profiler.start()
    for _ in range(BALLOTS):
        ballot()
    profiler.stop()
    per_ballot = (time.perf_counter() - started) / BALLOTS * 1000
    print(f"{BALLOTS} ballots in-process, {per_ballot:.2f} ms each (profiler on)")
    every_frame = os.environ.get("PROFILE_ALL") == "1"
    print(profiler.output_text(unicode=False, color=False, show_all=every_frame))


if __name__ == "__main__":
    main()
