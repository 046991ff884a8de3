"""The weighted total merges villages under 30 ballots with the nearest one in population."""

from __future__ import annotations

from fractions import Fraction

import pytest

from participation.domain.stats import SMALL_GROUP, Stratum, weighted_total


def village(label: str, population: int, ballots: int, picked: int) -> Stratum:
    """A village where `picked` of its voters chose theme 1."""
    return Stratum(population, ballots, {1: picked} if ballots else {}, label)


# (what it shows, villages, theme 1's weighted share worked out by hand, merged, ballots);
# a share of None: weighting changes nothing, so there is no weighted total.
CASES = [
    (
        "no village under 30: nothing merged",
        [village("A", 1000, 30, 24), village("B", 3000, 90, 18)],
        # ¼ × 24/30 + ¾ × 18/90 = 0.2 + 0.15
        Fraction(35, 100),
        (),
        120,
    ),
    (
        "a village of 10 goes with the village closest in population",
        [village("A", 1000, 10, 8), village("B", 1200, 40, 10), village("C", 3000, 60, 30)],
        # A is 200 from B, 2,000 from C: AB has 2,200 people, 50 ballots, 18 picks.
        # 2200/5200 × 18/50 + 3000/5200 × 30/60 = (792 + 1500) / 5200 = 573/1300
        Fraction(573, 1300),
        (("A", "B"),),
        110,
    ),
    (
        "equally close: the first given",
        [village("A", 2000, 5, 5), village("B", 1000, 50, 10), village("C", 3000, 50, 40)],
        # A is 1,000 from both B and C: B comes first. AB: 3,000 people, 55 ballots, 15 picks.
        # ½ × 15/55 + ½ × 40/50 = 3/22 + 2/5 = 59/110
        Fraction(59, 110),
        (("A", "B"),),
        105,
    ),
    (
        "two small villages together reach 30",
        [village("A", 500, 15, 15), village("B", 700, 20, 0), village("C", 5000, 100, 50)],
        # A (fewest ballots) is 200 from B: AB has 1,200 people and 35 ballots, enough.
        # 1200/6200 × 15/35 + 5000/6200 × 50/100 = (3600/7 + 2500) / 6200 = 211/434
        Fraction(211, 434),
        (("A", "B"),),
        135,
    ),
    (
        "a merged village is measured by its summed population",
        [
            village("A", 1000, 20, 20),
            village("B", 1100, 8, 0),
            village("C", 1150, 200, 100),
            village("D", 2300, 100, 50),
        ],
        # B (8, the fewest) is 50 from C: BC has 2,250 people and 208 ballots. A (20) is
        # then 1,250 from BC and 1,300 from D: ABC has 3,250 people, 228 ballots, 120 picks.
        # 3250/5550 × 120/228 + 2300/5550 × 50/100 = (32500/19 + 1150) / 5550 = 1087/2109
        Fraction(1087, 2109),
        (("A", "B", "C"),),
        328,
    ),
    (
        "two separate merges, listed in the order given",
        [
            village("A", 100, 3, 3),
            village("B", 150, 40, 0),
            village("C", 5000, 12, 6),
            village("D", 4800, 60, 30),
        ],
        # A (3) goes with B (50 away): 250 people, 43 ballots, 3 picks. C (12) goes with
        # D (200 away, AB is 4,750): 9,800 people, 72 ballots, 36 picks.
        # 250/10050 × 3/43 + 9800/10050 × 36/72 = (750/43 + 4900) / 10050 = 4229/8643
        Fraction(4229, 8643),
        (("A", "B"), ("C", "D")),
        115,
    ),
    (
        "villages without ballots or population take no part and merge with nothing",
        [
            village("A", 1000, 0, 0),
            village("B", 0, 10, 10),
            village("C", 2000, 40, 20),
            village("D", 3000, 60, 15),
        ],
        # C and D only: 0.4 × 20/40 + 0.6 × 15/60 = 0.2 + 0.15
        Fraction(35, 100),
        (),
        100,
    ),
    (
        "everything merges into one: no weighted total",
        [village("A", 500, 10, 5), village("B", 600, 12, 6), village("C", 5000, 100, 50)],
        # A goes with B (22 ballots, still small), AB then with C: one stratum is left.
        None,
        (),
        0,
    ),
    (
        "two villages under 30 that merge: no weighted total",
        [village("A", 1000, 10, 1), village("B", 3000, 15, 15)],
        None,
        (),
        0,
    ),
]


@pytest.mark.parametrize(
    ("strata", "share", "merged", "ballots"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_small_villages_are_merged_with_their_nearest_neighbour(
    strata: list[Stratum],
    share: Fraction | None,
    merged: tuple[tuple[str, ...], ...],
    ballots: int,
) -> None:
    total = weighted_total([1], strata)
    if share is None:
        assert total is None
        return
    assert total is not None
    assert total.shares[1] == pytest.approx(float(share), abs=1e-12)
    assert total.merged == merged
    assert total.ballots == ballots


def test_the_effective_size_is_worked_out_on_the_merged_strata() -> None:
    strata = [village("A", 1000, 10, 8), village("B", 1200, 40, 10), village("C", 3000, 60, 30)]
    total = weighted_total([1], strata)
    assert total is not None
    # AB: 50 ballots weighing (2200/5200) / (50/110) = 121/130 each; C: 60 weighing
    # (3000/5200) / (60/110) = 55/52. Kish: n² / Σ n·w² = 12100 / 110.44 = 109.56.
    kish = 110**2 / (50 * Fraction(121, 130) ** 2 + 60 * Fraction(55, 52) ** 2)
    assert total.effective_n == pytest.approx(float(kish))
    assert round(total.effective_n, 2) == 109.56


def test_four_voters_can_no_longer_move_a_theme_by_ten_points() -> None:
    """The issue's case: 4 voters in a village of 2,000 people, all for one theme."""
    big = [village("Leek", 9000, 300, 60), village("Marum", 8000, 250, 50)]
    tiny = village("Doezum", 2000, 4, 4)
    plain = weighted_total([1], big)
    with_tiny = weighted_total([1], [*big, tiny])
    assert plain is not None and with_tiny is not None
    # Unmerged, Doezum's 4 voters would stand for 2000/19000 of the weight at 100 %:
    # 17/19 × 0.2 + 2/19 × 1 = 28 % instead of 20 %. Merged with Marum (closest), 20.7 %.
    assert with_tiny.merged == (("Marum", "Doezum"),)
    assert abs(with_tiny.shares[1] - plain.shares[1]) < 0.01
    assert all(len(group) > 1 for group in with_tiny.merged)
    assert SMALL_GROUP == 30
