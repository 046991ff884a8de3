"""Comparing cycles: Newcombe's interval worked by hand, and which changes are marked."""

import pytest

from participation.domain.cycles import (
    Count,
    ThemeChange,
    compare,
    match_themes,
    newcombe_interval,
)


def test_newcombe_reproduces_the_published_example():
    # Newcombe (1998), Statistics in Medicine 17:873-890, table II, example (a): 56/70 - 48/80,
    # method 10 (score interval, no continuity correction): 0.0524 to 0.3339.
    low, high = newcombe_interval(56, 70, 48, 80)
    assert (round(low, 4), round(high, 4)) == (0.0524, 0.3339)


def test_newcombe_by_hand_for_two_cycles():
    # Now 45 of 100 residents chose the theme, four years ago 30 of 120.
    # Wilson 45/100: 0.3561 to 0.5475; Wilson 30/120: 0.1811 to 0.3344.
    # d = 0.45 - 0.25 = 0.20; low = 0.20 - sqrt(0.0939² + 0.0844²) = 0.0738;
    # high = 0.20 + sqrt(0.0975² + 0.0689²) = 0.3194.
    low, high = newcombe_interval(45, 100, 30, 120)
    assert low == pytest.approx(0.0738, abs=0.0001)
    assert high == pytest.approx(0.3194, abs=0.0001)


def test_newcombe_at_the_edges_stays_within_minus_one_and_one():
    low, high = newcombe_interval(10, 10, 0, 10)
    assert -1 <= low < high <= 1
    assert low > 0


def test_only_changes_whose_interval_leaves_out_zero_are_marked():
    clear = ThemeChange(1, Count(1, 45, 100), Count(3, 30, 120))
    unclear = ThemeChange(2, Count(2, 30, 100), Count(2, 33, 120))
    new = ThemeChange(3, Count(3, 20, 100), None)
    assert clear.marked and clear.share_diff == pytest.approx(0.20)
    assert not unclear.marked
    assert not new.marked and new.share_diff is None and new.interval is None


def test_themes_match_by_their_copy_link_else_by_title():
    now = [(11, "Woninginbraken", 1), (12, "Verkeer", None), (13, "Nieuw thema", None)]
    previous = [(1, "Inbraak"), (2, " verkeer ")]
    assert match_themes(now, previous) == {11: 1, 12: 2}
    changes = compare({11: Count(1, 5, 10), 13: Count(2, 3, 10)}, {1: Count(2, 4, 10)}, {11: 1})
    assert [c.previous for c in changes] == [Count(2, 4, 10), None]
