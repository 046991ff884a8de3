"""The pace of a stand's tablet: as fast as people vote, a few at once, offline hours honoured."""

from __future__ import annotations

from datetime import datetime, timedelta

from participation.domain.kiosk_pace import Pace, cast_moment, open_seconds, pace_batch

OPENS = datetime(2026, 5, 2, 9, 0)
CLOSES = datetime(2026, 5, 2, 13, 0)


def pace(tokens: float = 5, at: datetime = OPENS) -> Pace:
    return Pace(tokens, at, OPENS, CLOSES, seconds=15, burst=5)


def test_a_flood_at_one_moment_gets_the_burst_and_no_more() -> None:
    now = OPENS + timedelta(hours=1)
    bucket = pace(at=now)
    accepted = pace_batch(bucket, [now] * 1000, now)
    assert accepted.count(True) == 5 and accepted[:5] == [True] * 5


def test_people_voting_once_a_minute_are_never_held() -> None:
    bucket = pace(0)
    moments = [OPENS + timedelta(minutes=m) for m in range(1, 120)]
    assert all(pace_batch(bucket, moments, moments[-1]))


def test_an_offline_batch_spends_what_its_own_times_earned() -> None:
    synced = OPENS + timedelta(hours=2)
    spread = [OPENS + timedelta(seconds=20 * i) for i in range(300)]  # one per 20 s, offline
    assert all(pace_batch(pace(5), spread, synced))
    crowded = [synced - timedelta(seconds=i) for i in range(300)]  # 'cast' in the last 5 minutes
    allowed = pace_batch(pace(5), crowded, synced).count(True)
    assert 5 + 19 <= allowed <= 5 + 21  # the burst plus one per 15 s over 300 s


def test_the_bucket_never_holds_more_than_the_burst_and_earns_only_while_open() -> None:
    bucket = pace(0, OPENS - timedelta(hours=12))  # paired the evening before
    bucket.advance(OPENS)
    assert bucket.tokens == 0  # nobody votes before the stand opens
    bucket.advance(OPENS + timedelta(hours=1))
    assert bucket.tokens == 5
    late = pace(0, CLOSES - timedelta(seconds=30))
    late.advance(CLOSES + timedelta(hours=2))
    assert late.tokens == 2  # the last 30 seconds of the window, nothing after it
    assert open_seconds(OPENS - timedelta(hours=1), OPENS, OPENS, CLOSES) == 0


def test_the_cast_moment_comes_from_the_age_not_the_tablets_clock() -> None:
    now, since = OPENS + timedelta(hours=1), OPENS + timedelta(minutes=30)
    assert cast_moment(60, now, since) == now - timedelta(minutes=1)
    assert cast_moment(None, now, since) == now
    assert cast_moment(-5, now, since) == now  # a cast time after sending
    assert cast_moment(float("nan"), now, since) == now
    assert cast_moment(10**12, now, since) == since  # never before the last contact
