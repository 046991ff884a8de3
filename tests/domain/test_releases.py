"""Releases: the blocks a public release shows, checked by attackers that hold every release."""

from __future__ import annotations

import itertools
import random
from fractions import Fraction

import pytest

from participation.domain.releases import Released, classes, pinned, plan


def blocks_of(history, sizes):
    return plan(history, sizes).blocks


def as_sets(blocks):
    return sorted(sorted(b) for b in blocks)


def test_a_first_release_shows_every_group_of_five_or_more_alone():
    blocks = blocks_of([], {"a": 20, "b": 5, "c": 9})
    assert as_sets(blocks) == [["a"], ["b"], ["c"]]


def test_small_groups_are_shown_together_and_made_up_to_five():
    assert as_sets(blocks_of([], {"a": 3, "b": 2, "c": 10, "d": 20})) == [["a", "b"], ["c"], ["d"]]
    # One small group alone takes the smallest other one with it.
    assert as_sets(blocks_of([], {"a": 3, "c": 10, "d": 20})) == [["a", "c"], ["d"]]


def test_a_block_of_two_fours_is_not_shown_on_its_own():
    # 8 from two groups that each hold at most 4 gives both away.
    assert pinned(frozenset({"a", "b"}), {"a": 4, "b": 4})
    blocks = blocks_of([], {"a": 4, "b": 4, "c": 10, "d": 30})
    assert as_sets(blocks) == [["a", "b", "c"], ["d"]]


def test_empty_groups_are_shown_with_the_small_ones_so_both_look_alike():
    blocks = blocks_of([], {"a": 0, "b": 3, "c": 2, "d": 10, "e": 0})
    assert as_sets(blocks) == [["a", "b", "c", "e"], ["d"]]
    # Without a block of several, an empty group shows its 0: nothing to give away.
    assert as_sets(blocks_of([], {"a": 0, "d": 10})) == [["a"], ["d"]]


def test_no_release_with_fewer_than_five_in_all():
    result = plan([], {"a": 1, "b": 2})
    assert result.blocks is None and result.new_ballots == 3


def test_no_second_release_after_one_to_four_new_ballots_in_all():
    first = Released({"a": 20, "b": 10}, [frozenset({"a"}), frozenset({"b"})])
    for extra in range(1, 5):
        assert plan([first], {"a": 20 + extra, "b": 10}).blocks is None
    assert as_sets(blocks_of([first], {"a": 25, "b": 10})) == [["a"], ["b"]]
    assert as_sets(blocks_of([first], {"a": 20, "b": 10})) == [["a"], ["b"]]  # nothing new


def test_a_group_with_few_new_ballots_is_shown_together_with_one_that_has_enough():
    first = Released(
        {"a": 20, "b": 10, "c": 7}, [frozenset({"a"}), frozenset({"b"}), frozenset({"c"})]
    )
    result = plan([first], {"a": 23, "b": 20, "c": 7})
    assert as_sets(result.blocks) == [["a", "b"], ["c"]]
    assert result.held_back == ["a", "b"]


def test_a_group_once_hidden_is_not_shown_apart_from_its_companion_later():
    # Release 1 hides b (3) with c; in release 2 b has 6 more and c none. Showing them apart
    # would give b's 3 away: c then is what b and c were together, minus b's first 3.
    first = Released({"a": 20, "b": 3, "c": 10}, [frozenset({"a"}), frozenset({"b", "c"})])
    assert as_sets(blocks_of([first], {"a": 20, "b": 9, "c": 10})) == [["a"], ["b", "c"]]


def test_an_empty_group_that_gets_ballots_is_shown_on_its_own():
    first_blocks = blocks_of([], {"a": 0, "b": 3, "c": 2, "d": 10})
    first = Released({"a": 0, "b": 3, "c": 2, "d": 10}, first_blocks)
    second = blocks_of([first], {"a": 12, "b": 3, "c": 2, "d": 10})
    assert ["a"] in as_sets(second)


# --- attackers -------------------------------------------------------------------------


def _rank(rows: list[list[Fraction]]) -> int:
    rows = [list(r) for r in rows]
    rank, columns = 0, len(rows[0]) if rows else 0
    for col in range(columns):
        pivot = next((i for i in range(rank, len(rows)) if rows[i][col] != 0), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        for i in range(len(rows)):
            if i != rank and rows[i][col] != 0:
                factor = rows[i][col] / rows[rank][col]
                rows[i] = [x - factor * y for x, y in zip(rows[i], rows[rank], strict=True)]
        rank += 1
    return rank


def derivable_small_groups(releases: list[Released], minimum: int = 5) -> list[tuple]:
    """Every set of groups over every span of epochs with 1 to 4 ballots whose count follows
    from adding and subtracting released figures (any combination, not only pairs)."""
    groups = sorted({g for r in releases for g in r.sizes})
    atoms = [(g, e) for e in range(len(releases)) for g in groups]
    published = []
    for epoch, release in enumerate(releases):
        for block in release.blocks:
            published.append([Fraction(g in block and e <= epoch) for g, e in atoms])

    def count(members, first, last):
        upto = releases[last].sizes
        before = releases[first - 1].sizes if first else {}
        return sum(upto.get(g, 0) - before.get(g, 0) for g in members)

    base = _rank(published)
    found = []
    for size in range(1, len(groups) + 1):
        for members in itertools.combinations(groups, size):
            for first in range(len(releases)):
                for last in range(first, len(releases)):
                    n = count(members, first, last)
                    if not 0 < n < minimum:
                        continue
                    target = [Fraction(g in members and first <= e <= last) for g, e in atoms]
                    if _rank([*published, target]) == base:
                        found.append((members, first, last, n))
    return found


def release_all(steps: list[dict[str, int]]) -> list[Released]:
    done: list[Released] = []
    for sizes in steps:
        blocks = plan(done, sizes).blocks
        if blocks is not None:
            done.append(Released(sizes, blocks))
    return done


DESIGNED = [
    [{"a": 1, "b": 2, "c": 1}],  # three ballots in all
    [{"a": 4, "b": 4, "c": 1, "d": 0}],
    [{"a": 1, "b": 1, "c": 1, "d": 30}],  # one group above 5, the rest tiny
    [{"a": 0, "b": 0, "c": 3, "d": 12}, {"a": 0, "b": 2, "c": 3, "d": 12}],
    [{"a": 20, "b": 3, "c": 10}, {"a": 20, "b": 9, "c": 10}, {"a": 26, "b": 9, "c": 10}],
    [{"a": 5, "b": 5}, {"a": 8, "b": 5}, {"a": 8, "b": 12}, {"a": 9, "b": 16}],
    [{"a": 2, "b": 2, "c": 2, "d": 2}, {"a": 3, "b": 9, "c": 2, "d": 2}],
]


@pytest.mark.parametrize("steps", DESIGNED)
def test_no_small_group_follows_from_any_sum_or_difference_of_released_figures(steps):
    releases = release_all(steps)
    assert derivable_small_groups(releases) == []
    for atoms, n in classes(releases):
        assert n == 0 or n >= 5, atoms


def test_random_histories_never_give_a_small_group_away():
    rng = random.Random(2027)
    for _ in range(150):
        groups = "abcd"[: rng.randint(2, 4)]
        sizes = {g: 0 for g in groups}
        steps = []
        for _ in range(rng.randint(1, 4)):
            sizes = {g: n + rng.choice([0, 0, 1, 2, 3, 5, 7]) for g, n in sizes.items()}
            steps.append(dict(sizes))
        releases = release_all(steps)
        assert derivable_small_groups(releases) == [], steps


def worlds(blocks, block_sums, groups, cap):
    """Every way to fill the groups that gives the same block sums."""
    for sizes in itertools.product(range(cap + 1), repeat=len(groups)):
        world = dict(zip(groups, sizes, strict=True))
        if all(sum(world[g] for g in b) == s for b, s in zip(blocks, block_sums, strict=True)):
            yield world


@pytest.mark.parametrize(
    "sizes",
    [
        {"a": 4, "b": 4, "c": 10},
        {"a": 3, "b": 2, "c": 10},
        {"a": 1, "b": 0, "c": 9, "d": 6},
        {"a": 4, "b": 1, "c": 0},
        {"a": 5, "b": 5, "c": 3},  # the one taken in is no bigger than the smallest shown
        {"a": 5, "b": 6, "c": 3},
        {"a": 6, "b": 5, "c": 2, "d": 9},
        {"a": 7, "b": 7, "c": 1, "d": 2},
    ],
)
def test_a_reader_who_knows_the_rule_cannot_pin_a_small_group(sizes):
    """Every filling of the groups that the rule would release the same way: a small group's
    count must differ in at least two of them."""
    result = plan([], sizes)
    if result.blocks is None:
        return
    groups = list(sizes)
    sums = [sum(sizes[g] for g in b) for b in result.blocks]
    same = [
        world
        for world in worlds(result.blocks, sums, groups, cap=sum(sizes.values()))
        if plan([], world).blocks == result.blocks
    ]
    for group, n in sizes.items():
        if 0 < n < 5:
            assert len({world[group] for world in same}) > 1, (group, same)


# --- ballots that leave: exclusions between releases -----------------------------------


def simulate(steps, seed: int):  # type: ignore[no-untyped-def]
    """Play `steps` ('add', group, n) / ('drop', group, n: the n newest still counted of a
    random earlier cohort) / ('release',) with individual ballots; returns the releases and
    each counted ballot's (group, released in, left in) for an attacker to work with."""
    rng = random.Random(seed)
    ballots: list[dict] = []  # group, cohort (release index it first counted in), left
    done: list[Released] = []
    for step in steps:
        if step[0] == "add":
            ballots += [
                {"group": step[1], "cohort": len(done), "left": None} for _ in range(step[2])
            ]
        elif step[0] == "drop":
            pool = [b for b in ballots if b["group"] == step[1] and b["left"] is None]
            cohorts = sorted({b["cohort"] for b in pool})
            if cohorts:
                chosen = rng.choice(cohorts)
                for ballot in [b for b in pool if b["cohort"] == chosen][: step[2]]:
                    ballot["left"] = len(done)
        else:
            sizes = {}
            for group in sorted({b["group"] for b in ballots}):
                row = [0] * (len(done) + 1)
                for b in ballots:
                    if b["group"] == group and b["left"] is None:
                        row[min(b["cohort"], len(done))] += 1
                sizes[group] = row
            blocks = plan(done, sizes).blocks
            if blocks is not None:
                done.append(Released(sizes, blocks))
    return done, ballots


def derivable_ballot_sets(done: list[Released], ballots: list[dict]) -> list[int]:
    """Sizes from 1 to 4 of any set of ballots with one membership pattern (or two patterns
    together) that a combination of released figures gives exactly."""

    def present(ballot: dict, release: int) -> bool:
        arrived = ballot["cohort"] <= release
        gone = ballot["left"] is not None and ballot["left"] <= release
        return arrived and not gone

    patterns: dict[tuple, int] = {}
    for ballot in ballots:
        key = (ballot["group"], tuple(present(ballot, r) for r in range(len(done))))
        if any(key[1]):
            patterns[key] = patterns.get(key, 0) + 1
    atoms = list(patterns)
    published = [
        [Fraction(pattern[r] and group in block) for group, pattern in atoms]
        for r, release in enumerate(done)
        for block in release.blocks
    ]
    if not published:
        return []
    base = _rank(published)
    found = []
    for size in (1, 2):
        for chosen in itertools.combinations(range(len(atoms)), size):
            n = sum(patterns[atoms[i]] for i in chosen)
            if 0 < n < 5:
                target = [Fraction(i in chosen) for i in range(len(atoms))]
                if _rank([*published, target]) == base:
                    found.append(n)
    return found


def test_exclusions_between_releases_never_leave_a_small_group_to_work_out():
    # The outside check: 5 excluded after a release, then 6 new (5 of them the same voters
    # again) gave one ballot; here ballots only leave, in every pattern a random history makes.
    rng = random.Random(26)
    for seed in range(120):
        steps = []
        for _ in range(rng.randint(2, 5)):
            for group in "abc"[: rng.randint(1, 3)]:
                steps.append(("add", group, rng.choice([0, 1, 2, 3, 5, 6, 8])))
            if rng.random() < 0.5:
                steps.append(("drop", rng.choice("abc"), rng.choice([1, 2, 3, 5, 6])))
            steps.append(("release",))
        done, ballots = simulate(steps, seed)
        assert derivable_ballot_sets(done, ballots) == [], (seed, steps)


def test_five_leave_and_one_stays_no_release_shows_that_one():
    first = Released({"a": [7], "b": [10]}, [frozenset({"a"}), frozenset({"b"})])
    # Six of a's seven leave: whatever blocks, the one left could be worked out.
    assert plan([first], {"a": [1, 0], "b": [10, 6]}).blocks is None
    # Six of seven leave, and five new come: still the one old ballot stands out.
    assert plan([first], {"a": [1, 5], "b": [10, 0]}).blocks is None
    # Five of ten leave: two groups of five, fine.
    assert plan([first], {"a": [7, 0], "b": [5, 0]}).blocks is not None


def test_ballots_put_back_after_a_release_block_every_release():
    """A cohort that grows again (an exclusion undone after a release) cannot be told from
    new ballots, so nothing is released (the services refuse the undo itself)."""
    first = Released({"a": [15], "b": [10]}, [frozenset({"a"}), frozenset({"b"})])
    second = Released({"a": [10, 0], "b": [10, 0]}, [frozenset({"a"}), frozenset({"b"})])
    assert plan([first, second], {"a": [15, 0, 1], "b": [10, 0, 0]}).blocks is None
