"""Bursts: a sliding window over arrival times, merged so no ballot is counted twice."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from participation.domain.bursts import find_bursts

START = datetime(2027, 3, 1, 9, 0)
WINDOW = timedelta(minutes=10)


def at(*minutes: float) -> list[datetime]:
    return [START + timedelta(minutes=m) for m in minutes]


def test_a_steady_trickle_is_no_burst() -> None:
    assert find_bursts(at(*range(0, 600, 20)), WINDOW, threshold=5) == []


def test_many_ballots_in_a_few_minutes_are_one_burst() -> None:
    times = at(0, 60, *[120 + i * 0.5 for i in range(12)], 300)
    (burst,) = find_bursts(times, WINDOW, threshold=10)
    assert burst.ballots == 12
    assert (burst.starts_at, burst.ends_at) == (times[2], times[13])


def test_two_separate_bursts_stay_separate() -> None:
    times = at(*[i * 0.2 for i in range(6)], *[100 + i * 0.2 for i in range(7)])
    assert [b.ballots for b in find_bursts(times, WINDOW, threshold=5)] == [6, 7]


@given(
    st.lists(st.integers(min_value=0, max_value=24 * 60), max_size=200),
    st.integers(min_value=2, max_value=15),
)
def test_bursts_never_overlap_and_each_holds_enough_ballots(minutes, threshold) -> None:
    times = sorted(at(*minutes))
    bursts = find_bursts(times, WINDOW, threshold)
    assert sum(b.ballots for b in bursts) <= len(times)
    for burst in bursts:
        assert burst.ballots >= threshold
        assert burst.ballots == sum(burst.starts_at <= t <= burst.ends_at for t in times)
    for earlier, later in itertools.pairwise(bursts):
        assert earlier.ends_at < later.starts_at
