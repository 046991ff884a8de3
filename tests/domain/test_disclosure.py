"""No hidden count can be worked out: a brute-force search over designed columns of counts."""

from __future__ import annotations

import itertools
import random

import pytest

from participation.domain.disclosure import hidden_cells, hidden_counts


def recoverable(counts: list[int], hidden: set[int], total_published: bool) -> set[int]:
    """The hidden positions an attacker pins down to one value: every assignment of the
    hidden counts that fits what is shown (ranges 1-4 for counts under 5, 5 or more for the
    others, zeros shown, the total when published) is tried."""
    if not hidden:
        return set()
    total = sum(counts)
    ranges = {i: range(1, 5) if counts[i] < 5 else range(5, total + 1) for i in sorted(hidden)}
    rest = total - sum(c for i, c in enumerate(counts) if i not in hidden)
    seen: dict[int, set[int]] = {i: set() for i in hidden}
    for values in itertools.product(*ranges.values()):
        if total_published and sum(values) != rest:
            continue
        for i, value in zip(ranges, values, strict=True):
            seen[i].add(value)
    return {i for i, values in seen.items() if len(values) < 2}


DESIGNED = [
    [1, 0, 0],  # one resident in all: everything small
    [3],
    [4, 4, 20],  # two 4s beside a large count
    [1, 1, 30],
    [1, 9, 9, 30],
    [2, 3, 0, 12],
    [4, 0, 0, 0, 0, 6],  # one village above 5, the rest tiny or empty
    [1, 2, 3, 4],  # a campaign with 10 in all, each small
    [0, 0, 7],
    [5, 6, 7],
    [4, 5],
    [1, 5],
    [2, 2, 2, 2, 2, 2],
]


@pytest.mark.parametrize("counts", DESIGNED)
@pytest.mark.parametrize("total_published", [True, False])
def test_no_hidden_count_can_be_worked_out(counts, total_published) -> None:
    hidden, hide_total = hidden_counts(counts, total_published)
    assert all(counts[i] > 0 for i in hidden)  # a 0 is shown: it names nobody
    assert {i for i, c in enumerate(counts) if 0 < c < 5} <= hidden  # every 1-4 is hidden
    published = total_published and not hide_total
    assert recoverable(counts, hidden, published) == set(), (counts, hidden, hide_total)


def test_every_small_column_of_up_to_four_answers_holds() -> None:
    """Exhaustive: every column of 2-4 answers with counts 0-8."""
    for size in (2, 3, 4):
        for counts in itertools.product(range(9), repeat=size):
            counts = list(counts)
            hidden, hide_total = hidden_counts(counts, True)
            assert recoverable(counts, hidden, not hide_total) == set(), (counts, hidden)


def test_nothing_more_is_hidden_than_needed() -> None:
    assert hidden_counts([10, 20, 30], True) == (set(), False)
    assert hidden_counts([1, 20, 30], True) == ({0, 1}, False)  # 1 alone follows from the base
    assert hidden_counts([1, 20, 30], False) == ({0}, False)  # without a base it does not
    assert hidden_counts([1, 0, 0], True) == ({0}, True)  # one resident: the base goes too


def fillings(table, hidden):  # type: ignore[no-untyped-def]
    """Every way to fill the hidden cells (1-4 where the rule hid a small one, 5 or more up
    to the row's total where it hid a larger one) that keeps every row and column total."""
    columns = [sum(col) for col in zip(*table, strict=True)]
    per_row = []
    for r, row in enumerate(table):
        cells = [(r, c) for c in range(len(row)) if (r, c) in hidden]
        spans = [range(1, 5) if 0 < table[r][c] < 5 else range(5, sum(row) + 1) for _, c in cells]
        need = sum(table[r][c] for _, c in cells)
        per_row.append(
            [dict(zip(cells, v, strict=True)) for v in itertools.product(*spans) if sum(v) == need]
        )
    for choice in itertools.product(*per_row):
        filled = [list(row) for row in table]
        for part in choice:
            for (r, c), v in part.items():
                filled[r][c] = v
        if [sum(col) for col in zip(*filled, strict=True)] == columns:
            yield {cell: v for part in choice for cell, v in part.items()}


def test_a_split_table_hides_small_cells_so_no_row_or_column_total_gives_one_back():
    rng = random.Random(25)
    tried = 0
    for _ in range(300):
        height, width = rng.randint(2, 3), rng.randint(2, 3)
        table = [
            [rng.choice([0, 1, 2, 3, 4, 5, 6, 9]) for _ in range(width)] for _ in range(height)
        ]
        hidden = hidden_cells(table)
        if hidden is None:
            continue
        tried += 1
        possible = list(fillings(table, hidden))
        for cell in hidden:
            if 0 < table[cell[0]][cell[1]] < 5:
                assert len({f[cell] for f in possible}) > 1, (table, hidden, cell)
    assert tried > 100


def test_the_outside_checks_split_hides_marums_one_unsafe_resident():
    # Columns Marum, Leek, Zuidhorn; rows: feels safe ja / nee / neutraal.
    table = [[4, 1, 0], [1, 4, 0], [0, 0, 5]]
    hidden = hidden_cells(table)
    assert hidden is not None and (1, 0) in hidden and (0, 1) in hidden
    assert hidden_cells([[4], [4]]) is None  # 4 + 4 = 8: no way to show it
