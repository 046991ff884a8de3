"""Results JSON, tallies CSV and /healthz, against a hand count."""

from __future__ import annotations

import csv
import io
import random
from collections import Counter

from sqlalchemy import select

from participation.extensions import db
from tests.conftest import publish_results, send_ballot


def cast(client, village: str, picks: list[int]) -> None:  # type: ignore[no-untyped-def]
    from participation.models import Campaign

    demo = db.session.scalars(select(Campaign).where(Campaign.slug == "demo")).one()
    assert send_ballot(client, demo, village, picks).status_code == 303


def test_healthz_says_ok(client, app) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "ok"


def test_results_are_hidden_from_the_public_until_published(client, demo) -> None:
    assert client.get("/api/v1/campaigns/demo/results").status_code == 404
    assert client.get("/results/demo/tallies.csv").status_code == 404
    publish_results(demo)
    assert client.get("/api/v1/campaigns/demo/results").status_code == 200
    assert client.get("/results/demo/tallies.csv").status_code == 200


def test_json_and_csv_match_a_hand_count(staff_client, demo) -> None:
    rng = random.Random(7)
    ids = [theme.id for theme in demo.themes]
    villages = ["zuidhorn", "leek", "marum", "tolbert", "grootegast", "grijpskerk", "elders"]
    hand: dict[str, Counter] = {v: Counter() for v in villages}
    ballots: Counter = Counter()
    for _ in range(40):
        village = rng.choice(villages)
        picks = rng.sample(ids, 6)
        cast(staff_client, village, picks)
        hand[village].update(picks)
        ballots[village] += 1
    total = sum(hand.values(), Counter())

    data = staff_client.get("/api/v1/campaigns/demo/results").get_json()
    assert data["campaign"] == "demo"
    assert data["ballots"] == 40
    assert {t["id"]: t["votes"] for t in data["themes"]} == {i: total[i] for i in ids}
    for theme in data["themes"]:
        # The contract's fields, plus the 95 % Wilson interval of the share.
        assert set(theme) == {"id", "title", "votes", "share", "rank", "interval"}
        low, high = theme["interval"]
        assert low <= theme["share"] <= high
        assert theme["share"] == round(total[theme["id"]] / 40, 4)
    by_slug = {v["slug"]: v for v in data["villages"]}
    for village in villages:
        if not ballots[village]:
            continue
        assert by_slug[village]["ballots"] == ballots[village]
        got = {t["id"]: t["votes"] for t in by_slug[village]["themes"]}
        assert got == {i: hand[village][i] for i in ids}

    response = staff_client.get("/results/demo/tallies.csv")
    assert response.mimetype == "text/csv"
    assert "demo-tellingen-" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert list(rows[0]) == ["village", "theme_id", "theme", "votes", "ballots", "share"]
    for row in rows:
        counts = total if row["village"] == "TOTAL" else hand[row["village"]]
        n = 40 if row["village"] == "TOTAL" else ballots[row["village"]]
        assert int(row["votes"]) == counts[int(row["theme_id"])]
        assert int(row["ballots"]) == n
    assert sum(1 for row in rows if row["village"] == "TOTAL") == 12


def test_results_json_ranks_ties_equally(staff_client, demo) -> None:
    ids = [theme.id for theme in demo.themes]
    cast(staff_client, "leek", ids[:6])
    cast(staff_client, "leek", ids[:6])
    themes = staff_client.get("/api/v1/campaigns/demo/results").get_json()["themes"]
    assert [t["rank"] for t in themes] == [1] * 6 + [7] * 6
    assert [t["id"] for t in themes] == ids  # within a tie, in ballot order
