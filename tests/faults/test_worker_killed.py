"""A gunicorn worker killed with SIGKILL in the middle of the load loses no acknowledged ballot."""

from __future__ import annotations

import http.client
import threading
import time

from tests.load.driver import CLEAN_REFUSALS, check, run_load, theme_ids


def test_kill_9_a_worker_during_the_load(running) -> None:
    themes = theme_ids(running.database_url)
    outcome = {}

    def load() -> None:
        outcome["load"] = run_load(
            running.server.port, themes, seconds=8, clients=12, max_ballots=1500
        )

    driver = threading.Thread(target=load)
    driver.start()
    time.sleep(1.5)
    killed = running.server.kill_a_worker()
    driver.join(timeout=120)
    found, _elapsed = outcome["load"]
    result = check(running.database_url, found)
    assert result.acknowledged > 100
    assert result.lost == 0, f"worker {killed} killed: {result}"
    assert set(found.statuses) <= {303} | CLEAN_REFUSALS, found.statuses
    assert found.gave_up == 0  # every lost connection was resent and answered
    # gunicorn started a new worker: the app still answers.
    connection = http.client.HTTPConnection("127.0.0.1", running.server.port, timeout=5)
    connection.request("GET", "/healthz")
    assert connection.getresponse().status == 200
