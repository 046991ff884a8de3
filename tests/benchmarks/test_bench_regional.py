"""The regional benchmark at a small scale, once: it seeds, measures and counts what it stored."""

from __future__ import annotations

import io

from flask import Flask
from openpyxl import load_workbook
from sqlalchemy import func, select

from participation import tenancy
from participation.demo_region import CAMPAIGN_SLUG, REGION_HOST
from participation.extensions import db
from participation.models import Ballot, Campaign
from participation.services.municipalities import by_slug
from tests.benchmarks import bench_regional

BALLOTS = 40


def stored_ballots() -> dict[str, int]:
    """The ballots each member's campaign holds, counted as plainly as can be."""
    counted = {}
    for slug in bench_regional.MEMBERS:
        with tenancy.acting_for(None):
            found = by_slug(slug)
        assert found is not None
        with tenancy.acting_for(found.id):
            in_campaign = (
                select(func.count(Ballot.id)).join(Campaign).where(Campaign.slug == CAMPAIGN_SLUG)
            )
            counted[slug] = db.session.scalar(in_campaign) or 0
    return counted


def test_the_regional_benchmark_runs_at_a_small_scale(app: Flask) -> None:
    app.config.update(COUNTS_SETTLE_SECONDS=0.0, WTF_CSRF_ENABLED=False)
    bench_regional.seed(app, BALLOTS)
    before = stored_ballots()
    # The demo's made-up votes (a few hundred each) and the benchmark's own.
    assert all(count >= 300 + BALLOTS for count in before.values()), before

    timings = bench_regional.measure(app, runs=1)

    requests = len(bench_regional.REQUESTS)
    assert [(t.label, t.way) for t in timings] == [
        (request.label, way) for request in bench_regional.REQUESTS for way in ("cold", "warm")
    ]
    assert all(len(t.times) == 1 and t.times[0] > 0 for t in timings)
    assert bench_regional.report(timings) == sum(not t.passed for t in timings)
    after = stored_ballots()
    # One new ballot in each municipality while settling, and before each request (cold, warm).
    assert {slug: after[slug] - before[slug] for slug in after} == {
        slug: 1 + 2 * requests for slug in after
    }

    # What the coordinator then reads counts every stored ballot, in every municipality.
    clients = bench_regional.signed_in(app)
    region = clients[REGION_HOST]
    found = region.get(bench_regional.REQUESTS[0].url).get_json()
    assert found["ballots"] == sum(after.values())
    assert {m["slug"]: m["ballots"] for m in found["municipalities"]} == after
    _, body = bench_regional.fetch(region, bench_regional.REQUESTS[2].url)
    sheets = load_workbook(io.BytesIO(body), read_only=True).sheetnames
    assert "Per gemeente" in sheets
    _, page = bench_regional.fetch(
        clients[bench_regional.STAFF_HOST], bench_regional.REQUESTS[1].url
    )
    assert "Drugsafval in het buitengebied" in page.decode()  # Midden-Drenthe's local theme
