"""A fresh worker (gunicorn recycles them) or a second server starts from the settled counts
in the database and counts only the ballots since; the numbers stay exact."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from participation import caches
from participation.extensions import db
from participation.models import SettledCount
from participation.services.results import counting
from participation.services.results import sources as sources_module
from tests.conftest import login_as, send_ballot
from tests.results.test_report import COMMON, OWN, store_ballots


def fresh_worker(app) -> None:  # type: ignore[no-untyped-def]
    """What a new gunicorn worker has: nothing counted in memory."""
    for name in ("results_counts", "running_counts"):
        caches.clear(name)


@pytest.fixture
def counted_ranges(monkeypatch):  # type: ignore[no-untyped-def]
    """Every id range the ballots are counted over: (after, upto) for areas and sources."""
    ranges: list[tuple[str, int | None, int | None]] = []
    areas, by_source = counting.ballot_counts, sources_module._count

    def count_areas(campaign, period, after=None, upto=None):  # type: ignore[no-untyped-def]
        ranges.append(("areas", after, upto))
        return areas(campaign, period, after, upto)

    def count_sources(campaign, after, upto):  # type: ignore[no-untyped-def]
        ranges.append(("sources", after, upto))
        return by_source(campaign, after, upto)

    monkeypatch.setattr(counting, "ballot_counts", count_areas)
    monkeypatch.setattr(sources_module, "_count", count_sources)
    return ranges


def test_a_fresh_worker_counts_only_the_ballots_after_the_settled_ones(
    app, demo, counted_ranges
) -> None:
    app.config["COUNTS_SETTLE_SECONDS"] = 0  # every id seen is settled at once
    store_ballots(demo, "leek", 40, COMMON)
    store_ballots(demo, "marum", 25, OWN, channel="qr")
    staff = login_as(app.test_client(), "viewer")
    first = staff.get("/api/v1/campaigns/demo/results").get_json()
    staff.get("/results/demo")  # the sources too
    stored = {row.kind: row.settled_id for row in db.session.scalars(select(SettledCount))}
    assert set(stored) == {"areas", "sources"} and len(set(stored.values())) == 1
    settled = stored["areas"]

    for _ in range(3):
        assert send_ballot(app.test_client(), demo, village="marum").status_code == 303
    fresh_worker(app)
    counted_ranges.clear()
    app.config["COUNTS_SETTLE_SECONDS"] = 3600  # nothing new settles: the tail is counted
    again = staff.get("/api/v1/campaigns/demo/results").get_json()
    page = staff.get("/results/demo").get_data(as_text=True)
    # Only the ballots after the settled id were counted, for the counts and the sources.
    assert {(kind, after) for kind, after, _ in counted_ranges} == {
        ("areas", settled),
        ("sources", settled),
    }
    assert again["ballots"] == first["ballots"] + 3 == 68
    votes = {t["id"]: t["votes"] for t in again["themes"]}
    for theme in demo.themes:
        before = next(t["votes"] for t in first["themes"] if t["id"] == theme.id)
        assert votes[theme.id] == before + (3 if theme in demo.themes[:6] else 0)
    assert "In totaal 68 deelnemers" in page


def test_stored_counts_of_another_fingerprint_are_not_used(app, demo, counted_ranges) -> None:
    """An exclusion changes the counts of ballots already settled: a fresh worker counts all."""
    from participation.models import Ballot, BallotExclusion, StaffUser
    from participation.services.accounts import create_user

    app.config["COUNTS_SETTLE_SECONDS"] = 0
    store_ballots(demo, "leek", 40, COMMON)
    staff = login_as(app.test_client(), "viewer")
    assert staff.get("/api/v1/campaigns/demo/results").get_json()["ballots"] == 40
    actor = create_user("uitsluiter@example.org", "een-lang-wachtwoord", "staff")
    assert isinstance(actor, StaffUser)
    exclusion = BallotExclusion(
        campaign_id=demo.id, kind="burst", reason="test", ballots=10, created_by_id=actor.id
    )
    db.session.add(exclusion)
    db.session.flush()
    for ballot in db.session.scalars(select(Ballot).limit(10)):
        ballot.exclusion_id = exclusion.id
    db.session.commit()
    fresh_worker(app)
    counted_ranges.clear()
    assert staff.get("/api/v1/campaigns/demo/results").get_json()["ballots"] == 30
    assert counted_ranges[0][:2] == ("areas", 0)  # from the first ballot again
