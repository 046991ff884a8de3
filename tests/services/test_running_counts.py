"""Counts that stay fast while ballots arrive: only the new ballots are counted and added to
the settled ones, and the sum always equals a full recount; exclusions start over."""

from __future__ import annotations

import time
from datetime import timedelta

from participation import caches
from participation.domain.result_data import ANY_TIME
from participation.extensions import db
from participation.models import StaffUser
from participation.services.accounts import create_user
from participation.services.results import counting
from participation.services.results.exclusions import exclude_burst
from participation.timeutil import utcnow
from tests.conftest import send_ballot


def as_plain(counts) -> dict:  # type: ignore[no-untyped-def]
    return {
        (area, key): (c.ballots, {t: n for t, n in c.votes.items() if n})
        for area, groups in counts.items()
        for key, c in groups.items()
        if c.ballots
    }


def test_each_new_ballot_is_added_and_the_sum_matches_a_full_count(app, demo) -> None:
    app.config["COUNTS_SETTLE_SECONDS"] = 0.0  # settle at once: the increments do all the work
    seen = []
    for index in range(6):
        village = ["leek", "marum", "elders"][index % 3]
        picks = [t.id for t in demo.themes[index % 5 : index % 5 + 6]]
        assert (
            send_ballot(app.test_client(), demo, village=village, themes=picks).status_code == 303
        )
        running = counting._cached_counts(demo, ANY_TIME)
        assert as_plain(running) == as_plain(counting._counts(demo, ANY_TIME))
        seen.append(sum(c.ballots for g in running.values() for c in g.values()))
    assert seen == [1, 2, 3, 4, 5, 6]
    entry = next(iter(caches.cache("running_counts").values()))
    assert entry.settled_id > 0  # the older ballots are counted once and kept


def test_unsettled_ballots_are_recounted_until_they_settle(app, demo) -> None:
    app.config["COUNTS_SETTLE_SECONDS"] = 0.3
    for _ in range(3):
        assert send_ballot(app.test_client(), demo).status_code == 303
    first = counting._cached_counts(demo, ANY_TIME)
    entry = next(iter(caches.cache("running_counts").values()))
    assert entry.settled_id == 0  # too new to settle: counted as the tail
    time.sleep(0.35)
    assert send_ballot(app.test_client(), demo).status_code == 303
    second = counting._cached_counts(demo, ANY_TIME)
    assert entry.settled_id > 0
    assert as_plain(second) == as_plain(counting._counts(demo, ANY_TIME))
    assert sum(c.ballots for g in second.values() for c in g.values()) == 4
    assert as_plain(first) != as_plain(second)


def test_an_exclusion_starts_the_counts_over(app, demo) -> None:
    app.config["COUNTS_SETTLE_SECONDS"] = 0.0
    for _ in range(3):
        assert send_ballot(app.test_client(), demo, query="?bron=flyer-x").status_code == 303
    assert send_ballot(app.test_client(), demo).status_code == 303
    counting._cached_counts(demo, ANY_TIME)
    actor = db.session.scalar(db.select(StaffUser)) or create_user(
        "s@example.org", "een-lang-wachtwoord", "staff"
    )
    start, end = utcnow().replace(second=0) - timedelta(hours=1), utcnow() + timedelta(hours=1)
    exclude_burst(demo, "qr", "flyer-x", start, end, "Proef met een flyer", actor)
    after = counting._cached_counts(demo, ANY_TIME)
    assert sum(c.ballots for g in after.values() for c in g.values()) == 1
    assert as_plain(after) == as_plain(counting._counts(demo, ANY_TIME))


def test_a_village_merge_starts_the_counts_over(app, demo) -> None:
    """A merge moves ballots to another village: settled counts by the old village go."""
    from sqlalchemy import select

    from participation.models import Area
    from participation.services.campaigns import area_removal

    app.config["COUNTS_SETTLE_SECONDS"] = 0.0
    for village in ("marum", "marum", "leek"):
        assert send_ballot(app.test_client(), demo, village=village).status_code == 303
    before = counting._cached_counts(demo, ANY_TIME)
    marum = db.session.scalar(select(Area).where(Area.slug == "marum"))
    leek = db.session.scalar(select(Area).where(Area.slug == "leek"))
    assert sum(c.ballots for c in before[marum.id].values()) == 2
    actor = create_user("samen@example.org", "een-lang-wachtwoord", "staff")
    leek_id, marum_id = leek.id, marum.id
    area_removal.merge(marum, leek_id, actor)
    after = counting._cached_counts(demo, ANY_TIME)
    assert as_plain(after) == as_plain(counting._counts(demo, ANY_TIME))
    assert sum(c.ballots for c in after[leek_id].values()) == 3
    assert not any(c.ballots for c in after.get(marum_id, {}).values())
