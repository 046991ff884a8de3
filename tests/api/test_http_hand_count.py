"""200 ballots over real HTTP give exactly the tallies a hand count gives."""

from __future__ import annotations

import csv
import io
import json
import random
import re
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import Counter
from http.cookiejar import CookieJar

from tests.conftest import CSRF_INPUT


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


def browser() -> urllib.request.OpenerDirector:
    jar = CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)


def fetch(opener, url: str, data: dict | None = None) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
    try:
        with opener.open(url, data=body, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_200_ballots_over_http_match_a_hand_count(live_server, demo) -> None:
    rng = random.Random(2026)
    ids = [theme.id for theme in demo.themes]
    villages = ["zuidhorn", "leek", "marum", "tolbert", "grootegast", "grijpskerk", "elders"]
    hand = {village: Counter() for village in villages}
    ballots = Counter()
    for _ in range(200):
        resident = browser()  # each ballot from its own phone, as the device cookie allows one
        _, page = fetch(resident, f"{live_server}/v/demo")
        token = CSRF_INPUT.search(page).group(1)
        village = rng.choice(villages)
        picks = rng.sample(ids, 6)
        key = str(uuid.uuid4())
        form = {"csrf_token": token, "ballot_key": key, "village": village, "theme": picks}
        status, _ = fetch(resident, f"{live_server}/v/demo", form)
        assert status == 303
        if rng.random() < 0.1:  # a double tap: sent again, must not count twice
            assert fetch(resident, f"{live_server}/v/demo", form)[0] == 303
        hand[village].update(picks)
        ballots[village] += 1
    total = sum(hand.values(), Counter())

    staff = browser()
    from participation.services.accounts import create_user

    create_user("teller@example.org", "tellen-met-de-hand", "viewer")
    _, login_page = fetch(staff, f"{live_server}/staff/login")
    status, _ = fetch(
        staff,
        f"{live_server}/staff/login",
        {
            "csrf_token": CSRF_INPUT.search(login_page).group(1),
            "email": "teller@example.org",
            "password": "tellen-met-de-hand",
        },
    )
    assert status == 302

    status, body = fetch(staff, f"{live_server}/api/v1/campaigns/demo/results")
    assert status == 200
    data = json.loads(body)
    assert data["ballots"] == 200
    assert {t["id"]: t["votes"] for t in data["themes"]} == {i: total[i] for i in ids}
    for village in data["villages"]:
        assert village["ballots"] == ballots[village["slug"]]
        assert {t["id"]: t["votes"] for t in village["themes"]} == {
            i: hand[village["slug"]][i] for i in ids
        }

    status, body = fetch(staff, f"{live_server}/results/demo/tallies.csv")
    assert status == 200
    rows = list(csv.DictReader(io.StringIO(body)))
    assert len(rows) == 12 * (len([v for v in villages if v != "elders" or ballots[v]]) + 1)
    for row in rows:
        label = row["village"]
        counts = total if label == "TOTAL" else hand[label]
        assert int(row["votes"]) == counts[int(row["theme_id"])]
        assert int(row["ballots"]) == (200 if label == "TOTAL" else ballots[label])
        assert re.fullmatch(r"\d\.\d{4}", row["share"])
