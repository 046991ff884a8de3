"""The regional results' numbers (domain.regional_results).

Common themes only across municipalities, the weighted total, Newcombe's differences, and
small groups folded at two levels so that no subtraction between them gives back fewer than 5.
"""

from __future__ import annotations

import itertools
import random

import pytest

from participation.domain.regional_data import MunicipalityCounts, VillageCounts, per_thousand
from participation.domain.regional_results import (
    OTHER_MUNICIPALITIES,
    OTHER_VILLAGES,
    fold_municipalities,
    fold_villages,
    regional_results,
)
from participation.domain.tally import ThemeRef

COMMON = [ThemeRef(101, "Woninginbraak", 1), ThemeRef(102, "Ondermijning", 2)]


def municipality(
    slug: str,
    ballots: int,
    votes: tuple[int, int],
    population: int | None = 1000,
    local: int | None = None,
    villages: tuple[VillageCounts, ...] = (),
) -> MunicipalityCounts:
    """Its own themes are ids 1 and 2 (common: 101, 102), and 3 when it has a local theme."""
    themes = [ThemeRef(1, "Woninginbraak", 1), ThemeRef(2, "Ondermijning", 2)]
    counted = {1: votes[0], 2: votes[1]}
    if local is not None:
        themes.append(ThemeRef(3, "Drugsoverlast", 3))
        counted[3] = local
    return MunicipalityCounts(
        slug, slug.title(), population, f"ivp-{slug}", tuple(themes), {1: 101, 2: 102},
        ballots, counted, villages,
    )  # fmt: skip


def test_the_region_compares_only_the_common_themes_and_says_whose_menu_differed() -> None:
    results = regional_results(
        "Zuidwest-Drenthe",
        ("ivp", "IVP"),
        COMMON,
        [municipality("meppel", 10, (6, 4)), municipality("beilen", 10, (2, 3), local=9)],
    )
    assert results.total.ballots == 20
    assert {r.theme.id: r.votes for r in results.total.themes} == {101: 8, 102: 7}
    beilen = results.municipality("beilen")
    assert beilen is not None and beilen.own_menu and not results.municipalities[0].own_menu
    # Its own level keeps its local theme (first, 9 of 10); the comparison has only two.
    assert [(r.theme.id, r.votes, r.rank) for r in beilen.tally.themes] == [
        (3, 9, 1),
        (2, 3, 2),
        (1, 2, 3),
    ]
    assert [r.theme.id for r in beilen.common.themes] == [102, 101]
    assert [row.theme.title for row in beilen.local_themes] == ["Drugsoverlast"]
    assert [m.slug for m in results.own_menus] == ["beilen"]


def test_turnout_per_thousand_needs_every_population() -> None:
    assert per_thousand(27, 4000) == 6.75 and per_thousand(3, None) is None
    known = regional_results(
        "R",
        ("c", "C"),
        COMMON,
        [municipality("a", 10, (1, 1), 4000), municipality("b", 5, (1, 1), 1000)],
    )
    assert (known.population, known.per_1000) == (5000, 3.0)
    unknown = regional_results(
        "R",
        ("c", "C"),
        COMMON,
        [municipality("a", 10, (1, 1), 4000), municipality("b", 5, (1, 1), None)],
    )
    assert (unknown.population, unknown.per_1000) == (None, None)


def test_the_weighted_total_weighs_each_municipality_by_its_inhabitants() -> None:
    # A: 40 voters of 3,000 inhabitants, W 30; B: 60 of 1,000, W 15.
    # Weighted W = 0.75 × 30/40 + 0.25 × 15/60 = 0.5625 + 0.0625 = 0.625 (plain: 45/100).
    # w_A = 0.75 / 0.4 = 1.875, w_B = 0.25 / 0.6 = 0.41667;
    # n_eff = 100² / (40 × 3.515625 + 60 × 0.173611) = 10,000 / 151.0417 = 66.2.
    results = regional_results(
        "R",
        ("c", "C"),
        COMMON,
        [municipality("a", 40, (30, 10), 3000), municipality("b", 60, (15, 30), 1000)],
    )
    weighted = results.weighted
    assert weighted is not None and weighted.merged == ()
    assert round(weighted.shares[101], 4) == 0.625 and round(weighted.effective_n, 1) == 66.2
    assert results.total.by_theme(101).share == 0.45
    # Under 30 voters a municipality is weighted with the one nearest in inhabitants; with
    # only two left, weighting changes nothing and there is none.
    small = regional_results(
        "R",
        ("c", "C"),
        COMMON,
        [municipality("a", 40, (30, 10), 3000), municipality("b", 12, (1, 1), 1000)],
    )
    assert small.weighted is None


def test_a_difference_is_marked_only_when_newcombes_interval_leaves_out_zero() -> None:
    # C: 10 of 30 picked O, the rest 42 of 70: −0.2667, interval −0.4435 to −0.0529 (clear).
    # C: 24 of 30 picked W, the rest 45 of 70: 0.1571, interval −0.0438 to 0.3143 (not).
    results = regional_results(
        "R",
        ("c", "C"),
        COMMON,
        [municipality("c", 30, (24, 10)), municipality("rest", 70, (45, 42))],
    )
    c = results.municipality("c")
    assert c is not None
    o, w = c.difference(102), c.difference(101)
    assert o is not None and w is not None
    assert (round(o.difference, 4), round(o.low, 4), round(o.high, 4), o.marked) == (
        -0.2667,
        -0.4435,
        -0.0529,
        True,
    )
    assert (round(w.difference, 4), round(w.low, 4), round(w.high, 4), w.marked) == (
        0.1571,
        -0.0438,
        0.3143,
        False,
    )
    alone = regional_results("R", ("c", "C"), COMMON, [municipality("c", 30, (24, 10))])
    assert alone.municipalities[0].differences == ()  # no rest of the region to compare with


def test_a_small_municipality_is_shown_together_with_the_smallest_other() -> None:
    groups = [
        municipality("a", 20, (10, 10)),
        municipality("b", 3, (3, 0), local=2),
        municipality("c", 6, (1, 5)),
        municipality("d", 0, (0, 0)),
    ]
    folded = fold_municipalities(COMMON, groups, "Overige gemeenten samen")
    assert [g.slug for g in folded] == ["a", "d", OTHER_MUNICIPALITIES]
    merged = folded[-1]
    assert (merged.ballots, dict(merged.votes), merged.members) == (9, {101: 4, 102: 5}, ("B", "C"))
    assert merged.own_menu  # b had a local theme
    public = regional_results("R", ("c", "C"), COMMON, groups, public=True)
    assert public.total.ballots == 29 and public.public
    together = public.municipality(OTHER_MUNICIPALITIES)
    assert (
        together is not None
        and together.villages == ()
        and together.name == "Overige gemeenten samen"
    )


def test_small_villages_fold_under_a_name_no_village_has() -> None:
    villages = (
        VillageCounts(OTHER_VILLAGES, "Overige dorpen samen", None, 15, {1: 4}, ("X", "Y")),
        VillageCounts("a", "A", 100, 6, {1: 6}),
        VillageCounts("b", "B", 100, 2, {1: 2}),
        VillageCounts("c", "C", 100, 1, {1: 1}),
    )
    folded = fold_villages(villages, "Overige dorpen samen")
    # b and c make 3, so the smallest shown (a, 6) joins them: 9 in a group of its own name.
    assert [(v.slug, v.ballots) for v in folded] == [
        (OTHER_VILLAGES, 15),
        (f"{OTHER_VILLAGES}-2", 9),
    ]
    assert folded[-1].members == ("A", "B", "C") and dict(folded[-1].votes) == {1: 9}
    assert fold_villages(villages[:2], "x") == list(villages[:2])


def test_a_region_of_fewer_than_five_shows_no_figure() -> None:
    results = regional_results(
        "R", ("c", "C"), COMMON, [municipality("a", 3, (2, 1))], public=True, not_released=("B",)
    )
    assert results.total.ballots == 0 and results.municipalities == ()
    assert results.not_released == ("B", "A")
    live = regional_results("R", ("c", "C"), COMMON, [municipality("a", 3, (2, 1))])
    assert live.total.ballots == 3


def _random_region(rng: random.Random) -> list[MunicipalityCounts]:
    groups = []
    for m in range(rng.randint(1, 5)):
        villages = []
        for v in range(rng.randint(1, 4)):
            ballots = rng.choice([0, 1, 2, 3, 4, 5, 6, 9, 14])
            w = rng.randint(0, ballots)
            villages.append(
                VillageCounts(f"v{v}", f"V{v}", 500, ballots, {1: w, 2: ballots - w, 3: w})
            )
        total = sum(v.ballots for v in villages)
        votes = (sum(v.votes[1] for v in villages), sum(v.votes[2] for v in villages))
        local = votes[0] if rng.random() < 0.3 else None
        groups.append(municipality(f"m{m}", total, votes, local=local, villages=tuple(villages)))
    return groups


def _subtractions(whole: tuple[int, dict[int, int]], parts: list[tuple[int, dict[int, int]]]):  # type: ignore[no-untyped-def]
    for size in range(len(parts) + 1):
        for chosen in itertools.combinations(parts, size):
            ballots = whole[0] - sum(p[0] for p in chosen)
            votes = {t: n - sum(p[1].get(t, 0) for p in chosen) for t, n in whole[1].items()}
            yield ballots, votes


@pytest.mark.parametrize("seed", range(200))
def test_no_subtraction_between_the_public_levels_recovers_fewer_than_five(seed: int) -> None:
    results = regional_results(
        "R", ("c", "C"), COMMON, _random_region(random.Random(seed)), public=True
    )

    def counted(tally):  # type: ignore[no-untyped-def]
        return tally.ballots, {r.theme.id: r.votes for r in tally.themes}

    region = counted(results.total)
    shown = [counted(m.common) for m in results.municipalities]
    for ballots, votes in _subtractions(region, shown):
        assert ballots == 0 or ballots >= 5, (seed, ballots)
        assert all(0 <= n <= ballots for n in votes.values())
    for m in results.municipalities:
        assert m.tally.ballots == 0 or m.tally.ballots >= 5
        villages = [counted(v.tally) for v in m.villages]
        for ballots, votes in _subtractions(counted(m.tally), villages):
            assert ballots == 0 or ballots >= 5, (seed, m.slug, ballots)
            assert all(0 <= n <= ballots for n in votes.values())
