"""What documents for outsiders count together: villages, and channels within villages."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from participation.domain.disclosure import hidden_counts
from participation.domain.outsiders import columns_to_merge, groups_to_merge
from participation.domain.small_groups import groups_to_fold


@pytest.mark.parametrize(
    ("sizes", "merged"),
    [
        # Nothing small: nothing merged; an empty village shows no one's choice and stays.
        ({"leek": 40, "marum": 12, "tolbert": 0}, set()),
        # A village of 3 alone would follow from the total: the smallest other one joins it.
        ({"leek": 40, "marum": 12, "zuidhorn": 6, "grootegast": 3}, {"grootegast", "zuidhorn"}),
        # 3 + 4 = 7 is enough on its own.
        ({"leek": 40, "doezum": 3, "kornhorn": 4}, {"doezum", "kornhorn"}),
        # Two 4s merged as 8 would each be 4 (the public page's rule stops there): one more.
        ({"leek": 40, "marum": 12, "doezum": 4, "kornhorn": 4}, {"doezum", "kornhorn", "marum"}),
        # A campaign of 3 ballots: that one village is all there is.
        ({"leek": 0, "grootegast": 3}, {"grootegast"}),
    ],
)
def test_small_villages_are_counted_together(sizes: dict[str, int], merged: set[str]) -> None:
    assert groups_to_merge(sizes) == merged


@given(st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=7))
def test_a_report_never_shows_a_village_the_public_page_hides(sizes: list[int]) -> None:
    by_name = {f"v{i}": n for i, n in enumerate(sizes)}
    merged = groups_to_merge(by_name)
    assert groups_to_fold(by_name) <= merged
    hidden, _ = hidden_counts(sizes, total_published=True)
    assert {f"v{i}" for i in hidden} <= merged
    together = sum(by_name[name] for name in merged)
    shown = [n for name, n in by_name.items() if name not in merged]
    assert all(n == 0 or n >= 5 for n in shown)
    # The merged group is at least 5, unless it is everything there is (then it is the total).
    assert together == 0 or together >= 5 or not any(shown)


@pytest.mark.parametrize(
    ("rows", "merged"),
    [
        # Every cell 0 or at least 5: the channels stay apart.
        ([{"web": 40, "qr": 0}, {"web": 12, "qr": 5}], set()),
        # 2 QR ballots in one village: QR joins 'other'; there the 2 are still alone, so the
        # smallest shown column (paper, 20 in all) joins too: 2 + 10 and 0 + 10.
        ([{"web": 40, "qr": 2, "paper": 10}, {"web": 30, "paper": 10}], {"qr", "paper"}),
        # Two columns with small cells: the smaller in all goes first, then the other;
        # together they make 5 and 9, enough.
        ([{"web": 40, "qr": 3, "paper": 2}, {"web": 9, "qr": 9}], {"paper", "qr"}),
        # ... but 3 + 1 = 4 is not: then the web column joins as well.
        ([{"web": 40, "qr": 3, "paper": 1}, {"web": 9, "qr": 9}], {"paper", "qr", "web"}),
        # Nothing but small cells beside one big column: everything is merged.
        ([{"web": 40, "qr": 2}], {"qr", "web"}),
    ],
)
def test_channels_within_villages(rows: list[dict[str, int]], merged: set[str]) -> None:
    assert columns_to_merge(rows) == merged


cells = st.integers(min_value=0, max_value=12)


@given(st.lists(st.fixed_dictionaries({"web": cells, "qr": cells, "paper": cells}), max_size=5))
def test_no_cell_or_column_total_is_from_1_to_4(rows: list[dict[str, int]]) -> None:
    merged = columns_to_merge(rows)
    shown = [key for key in ("web", "qr", "paper") if key not in merged]
    table = [[row[key] for key in shown] + [sum(row[k] for k in merged)] for row in rows]
    for line in table:
        # A row's own total is the village's ballots: shown anyway, and never small here
        # unless the village itself is (documents fold those villages first).
        if sum(line) >= 5:
            assert all(n == 0 or n >= 5 for n in line)
    for index in range(len(shown)):
        column = sum(line[index] for line in table)
        assert column == 0 or column >= 5


def _compositions(total: int, parts: int):  # type: ignore[no-untyped-def]
    """Every way to write total as `parts` positive whole numbers, in order."""
    if parts == 1:
        yield (total,)
        return
    for first in range(1, total - parts + 2):
        for rest in _compositions(total - first, parts - 1):
            yield (first, *rest)


def _possible_sizes(sizes: dict[str, int]) -> dict[str, set[int]]:
    """What someone who reads the report and knows the rule can tell of each merged village:
    the shown villages' sizes, which villages were merged, and their sum (the total minus the
    shown ones). Every size that fits all of that is possible. When no village is shown at
    all, the report names none, not even the empty ones (services.results.outside): then any
    village may have been empty.

    Whether a guess fits depends only on its sizes, not on which village has which (the rule
    does not look at names or order: test_merging_does_not_depend_on_the_order_of_villages),
    so each set of sizes is tried once."""
    merged = groups_to_merge(sizes)
    if not merged:
        return {}
    shown = {name: n for name, n in sizes.items() if name not in merged}
    together = sum(sizes[name] for name in merged)
    unnamed = not any(shown.values())
    names = sorted(sizes) if unnamed else sorted(merged)
    possible: dict[str, set[int]] = {name: set() for name in names}
    guesses = (
        (tuple(n - 1 for n in guess) for guess in _compositions(together + len(names), len(names)))
        if unnamed
        else _compositions(together, len(names))
    )
    fitting: dict[tuple[int, ...], bool] = {}
    for guess in guesses:
        tried = tuple(sorted(guess))
        if tried not in fitting:
            trial = {**shown, **dict(zip(names, guess, strict=True))}
            trial = {name: trial[name] for name in sizes}  # the same order as the report
            found = groups_to_merge(trial)
            fitting[tried] = (
                not any(n for k, n in trial.items() if k not in found)
                if unnamed
                else found == merged
            )
        if fitting[tried]:
            for name, n in zip(names, guess, strict=True):
                possible[name].add(n)
    return possible


DESIGNED = [
    {"a": 1, "b": 2, "c": 3, "d": 4, "e": 0},  # villages of 1 to 4 and an empty one
    {"a": 40, "b": 1, "c": 0, "d": 0},  # one village above 5, the rest tiny or empty
    {"a": 6, "b": 4, "c": 4},
    {"a": 30, "b": 4, "c": 4},  # two 4s
    {"a": 30, "b": 1, "c": 1},  # two 1s
    {"a": 30, "b": 4, "c": 4, "d": 4},
    {"a": 12, "b": 5, "c": 3},
    {"a": 40, "b": 30, "c": 12, "d": 6, "e": 3},  # the report test's campaign
    {"a": 5, "b": 5, "c": 1},
]


@pytest.mark.parametrize("sizes", DESIGNED)
def test_no_merged_village_can_be_worked_out(sizes: dict[str, int]) -> None:
    if sum(sizes.values()) < 5:
        return  # fewer than 5 in all: the documents show no figure at all
    for name, values in _possible_sizes(sizes).items():
        assert sizes[name] in values
        assert len(values) >= 2, (name, values)


@given(st.lists(st.integers(min_value=0, max_value=12), min_size=1, max_size=6), st.randoms())
def test_merging_does_not_depend_on_the_order_of_villages(
    sizes: list[int], rng: random.Random
) -> None:
    by_name = {f"v{i}": n for i, n in enumerate(sizes)}
    shuffled = list(by_name.items())
    rng.shuffle(shuffled)
    merged = groups_to_merge(by_name)
    assert groups_to_merge(dict(shuffled)) == merged
    renamed = dict(zip(by_name, sorted(by_name.values()), strict=True))  # same sizes, moved
    moved = {name for name, n in renamed.items() if n in {by_name[m] for m in merged}}
    assert groups_to_merge(renamed) == moved


@settings(max_examples=400, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=9), min_size=2, max_size=5))
def test_no_merged_village_can_be_worked_out_by_search(sizes: list[int]) -> None:
    by_name = {f"v{i}": n for i, n in enumerate(sizes)}
    if sum(sizes) < 5:
        return
    for name, values in _possible_sizes(by_name).items():
        assert len(values) >= 2 or by_name[name] >= 5, (by_name, name, values)
