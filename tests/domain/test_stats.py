"""Wilson intervals, weighting and stand-outs against numbers worked out by hand."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from participation.domain.stats import (
    Stratum,
    half_up,
    is_small,
    stand_outs,
    weighted_total,
    whole_points,
    wilson_interval,
)


def test_wilson_matches_the_textbook_values() -> None:
    # 8 of 10: the Wilson 95 % interval is 0.490 to 0.943 (Newcombe 1998, method 3).
    low, high = wilson_interval(8, 10)
    assert (round(low, 3), round(high, 3)) == (0.490, 0.943)
    low, high = wilson_interval(0, 20)
    assert low == 0.0 and round(high, 3) == 0.161
    assert wilson_interval(0, 0) == (0.0, 0.0)


@given(st.integers(min_value=1, max_value=5000), st.data())
def test_the_interval_holds_the_share_and_stays_within_0_and_1(n, data) -> None:
    k = data.draw(st.integers(min_value=0, max_value=n))
    low, high = wilson_interval(k, n)
    assert 0.0 <= low <= k / n <= high <= 1.0


def test_small_groups_and_hidden_counts() -> None:
    assert is_small(29) and not is_small(30)


def test_weighting_gives_each_village_its_population_share() -> None:
    # Village A: 1,000 people, 30 ballots, 24 picked theme 1. Village B: 3,000 people,
    # 90 ballots, 18 picked it. Weighted: 0.25 × 0.8 + 0.75 × 0.2 = 0.35.
    a = Stratum(population=1000, ballots=30, votes={1: 24})
    b = Stratum(population=3000, ballots=90, votes={1: 18})
    total = weighted_total([1], [a, b])
    assert total is not None
    assert total.shares[1] == pytest.approx(0.35)
    # Ballots already in proportion to population: every weight is 1, n_eff = n.
    assert total.effective_n == pytest.approx(120)
    skewed = weighted_total([1], [Stratum(1000, 90, {1: 9}), Stratum(3000, 30, {1: 15})])
    assert skewed is not None and skewed.effective_n < 120


def test_weighting_needs_two_villages_with_ballots_and_population() -> None:
    assert weighted_total([1], [Stratum(1000, 10, {1: 1}), Stratum(0, 10, {1: 1})]) is None


def test_a_theme_stands_out_only_when_the_difference_is_large_and_clear() -> None:
    total = {1: 0.30, 2: 0.50, 3: 0.50}
    # Theme 1: 60 of 100 against 30 % overall: stands out. Theme 2: 45 % vs 50 %: too close.
    # Theme 3: 10 of 100 against 50 %: stands out the other way.
    found = stand_outs({1: 60, 2: 45, 3: 10}, 100, total)
    assert [(s.theme_id, round(s.difference, 2)) for s in found] == [(3, -0.4), (1, 0.3)]
    # The same difference in a village of 5 is not clear enough.
    assert stand_outs({1: 3}, 5, {1: 0.30}) == []


@pytest.mark.parametrize(
    ("value", "places", "shown"),
    [
        (8.5, 0, "9"),
        (-8.5, 0, "-9"),
        (7.25, 1, "7.3"),
        (52.5, 0, "53"),
        (52.45, 1, "52.5"),
        (0.435 - 0.35, 2, "0.09"),  # a float's 0.08499999999999996 means 0.085
        (Fraction(29, 4), 1, "7.3"),  # 7.25 exactly
        (Fraction(1, 3), 1, "0.3"),
        (Decimal("2.675"), 2, "2.68"),  # Python's round(2.675, 2) gives 2.67
    ],
)
def test_one_rounding_rule_rounds_halves_up_on_decimals(value, places, shown) -> None:
    assert str(half_up(value, places)) == shown


@pytest.mark.parametrize(
    ("share", "points"),
    [(0.525, 53), (-0.525, -53), (0.435 - 0.35, 9), (0.35 - 0.435, -9), (0.085, 9), (0.5, 50)],
)
def test_whole_points_use_the_rule(share, points) -> None:
    assert whole_points(share) == points
