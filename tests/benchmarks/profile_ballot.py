"""Where a ballot's time goes: 2,000 ballot POSTs in-process under pyinstrument.

Run with `make profile-ballot`. The same production settings as `make bench` (SQLite, CSRF,
limiter on), each ballot a new phone; prints the time per ballot and the call tree.
"""

from __future__ import annotations

import os
import random
import re
import tempfile
import time
import uuid

BALLOTS = int(os.environ.get("PROFILE_BALLOTS", "2000"))
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

    app = create_app()
    client = app.test_client()
    page = client.get("/v/demo").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*?value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    with app.app_context():
        themes = list(
            db.session.scalars(
                db.select(Theme.id).join(Theme.campaign).where(Campaign.slug == "demo")
            )
        )

    def ballot() -> None:
        client.delete_cookie("stemapparaat")  # a new phone
        data = {
            "csrf_token": token,
            "ballot_key": str(uuid.uuid4()),
            "village": random.choice(VILLAGES),
            "theme": random.sample(themes, 6),
        }
        assert client.post("/v/demo", data=data).status_code == 303

    for _ in range(200):  # warm up
        ballot()
    profiler = Profiler(interval=0.0005)
    started = time.perf_counter()
    profiler.start()
    for _ in range(BALLOTS):
        ballot()
    profiler.stop()
    per_ballot = (time.perf_counter() - started) / BALLOTS * 1000
    print(f"{BALLOTS} ballots in-process, {per_ballot:.2f} ms each (profiler on)")
    print(profiler.output_text(unicode=False, color=False))


if __name__ == "__main__":
    main()
