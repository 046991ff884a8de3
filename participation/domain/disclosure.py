"""What the public may see of a column of counts: no count from 1 to 4, and none that the
others give away.

Primary suppression hides every count from 1 to 4. When the column's total is published too
(a question everyone answers once: its base), one hidden count would follow from the total
minus the shown ones, and so would two hidden 4s or two hidden 1s. Secondary suppression then
hides the smallest shown counts as well, one at a time, until every hidden count could still
be at least two values given everything shown: the total, the shown counts, 0 shown as 0,
and that a primary count lies between 1 and 4 and a secondary one at 5 or more (the smallest
-complement method statistics offices use for one table margin).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from participation.domain.stats import HIDE_BELOW


def _bounds(counts: Sequence[int], hidden: set[int], total: int) -> dict[int, tuple[int, int]]:
    """What someone who knows the rule can work out of each hidden count: its lowest and
    highest possible value, from the one sum and each count's own range."""
    ranges = {
        i: (1, HIDE_BELOW - 1) if counts[i] < HIDE_BELOW else (HIDE_BELOW, total) for i in hidden
    }
    rest = total - sum(c for i, c in enumerate(counts) if i not in hidden)
    found = {}
    for i, (low, high) in ranges.items():
        others_low = sum(r[0] for j, r in ranges.items() if j != i)
        others_high = sum(r[1] for j, r in ranges.items() if j != i)
        found[i] = (max(low, rest - others_high), min(high, rest - others_low))
    return found


def hidden_counts(counts: Sequence[int], total_published: bool) -> tuple[set[int], bool]:
    """The positions of the counts the public does not see, and whether the total must be
    hidden too: when even hiding every count leaves one to be worked out from it (a column
    of 1 in all, or 4 + 4 = 8), the total goes (shown as '< 5' or left out)."""
    hidden = {i for i, count in enumerate(counts) if 0 < count < HIDE_BELOW}
    if not total_published:
        return hidden, False
    total = sum(counts)
    while hidden:
        bounds = _bounds(counts, hidden, total)
        if all(low < high for low, high in bounds.values()):
            break
        shown = sorted((c, i) for i, c in enumerate(counts) if i not in hidden and c > 0)
        if not shown:
            return hidden, True  # everything that is not 0 is hidden: the total goes too
        hidden.add(shown[0][1])
    return hidden, False


def hidden_cells(
    table: Sequence[Sequence[int]], columns_add_up: bool = True
) -> set[tuple[int, int]] | None:
    """The cells (row, column) of a two-way table the public does not see, when every row's
    total is published and, with `columns_add_up` (one answer each), every column's too.

    Primary suppression hides each cell from 1 to 4; then, row by row and column by column as
    for one column above, the smallest shown cell is hidden as well until no hidden cell can
    be worked out from its row's or column's total (the usual way statistics offices protect
    a table with two margins), then checked against both totals at once. None when that
    does not protect them: show no split.
    """
    hidden = {
        (r, c) for r, row in enumerate(table) for c, n in enumerate(row) if 0 < n < HIDE_BELOW
    }
    lines = [[(r, c) for c in range(len(row))] for r, row in enumerate(table)]
    if columns_add_up and table:
        lines += [[(r, c) for r in range(len(table))] for c in range(len(table[0]))]
    changed = True
    while changed:
        changed = False
        for line in lines:
            counts = [table[r][c] for r, c in line]
            inside = {i for i, cell in enumerate(line) if cell in hidden}
            if not inside:
                continue
            bounds = _bounds(counts, inside, sum(counts))
            if all(low < high for low, high in bounds.values()):
                continue
            shown = sorted((n, i) for i, n in enumerate(counts) if i not in inside and n > 0)
            if not shown:
                return None
            hidden.add(line[shown[0][1]])
            changed = True
    return hidden if not _pinned_together(table, hidden, columns_add_up) else None


AUDIT_LIMIT = 200_000  # partial fillings tried; beyond that the line checks above decide


def _pinned_together(
    table: Sequence[Sequence[int]], hidden: set[tuple[int, int]], columns_add_up: bool
) -> bool:
    """Whether rows and columns together still pin a hidden small cell (the line-by-line
    checks above look at one total at a time): every filling of the hidden cells that keeps
    each row's total (and, with `columns_add_up`, each column's) is tried, row by row."""
    if not hidden:
        return False
    columns = [sum(col) for col in zip(*table, strict=True)]

    def span(r: int, c: int) -> range:
        if 0 < table[r][c] < HIDE_BELOW:
            return range(1, HIDE_BELOW)
        return range(HIDE_BELOW, min(sum(table[r]), columns[c]) + 1)

    options = []  # per row: its hidden cells and every filling that keeps the row's total
    for r, row in enumerate(table):
        cells = [c for c in range(len(row)) if (r, c) in hidden]
        need = sum(row[c] for c in cells)
        fits = [v for v in itertools.product(*(span(r, c) for c in cells)) if sum(v) == need]
        options.append((cells, fits))
    seen: dict[tuple[int, int], set[int]] = {cell: set() for cell in hidden}
    budget = [AUDIT_LIMIT]
    shown = [
        sum(table[r][c] for r in range(len(table)) if (r, c) not in hidden)
        for c in range(len(columns))
    ]

    def walk(r: int, sums: list[int], chosen: list[tuple[int, int, int]]) -> bool:
        budget[0] -= 1
        if budget[0] < 0:
            return False
        if r == len(options):
            if not columns_add_up or all(
                shown[c] + sums[c] == columns[c] for c in range(len(columns))
            ):
                for row, col, value in chosen:
                    seen[row, col].add(value)
            return True
        cells, fits = options[r]
        for values in fits:
            after = list(sums)
            for c, v in zip(cells, values, strict=True):
                after[c] += v
            if columns_add_up and any(shown[c] + after[c] > columns[c] for c in cells):
                continue
            picked = [(r, c, v) for c, v in zip(cells, values, strict=True)]
            if not walk(r + 1, after, chosen + picked):
                return False
        return True

    if not walk(0, [0] * len(columns), []):
        return False  # too many to try: the line checks decide
    return any(len(seen[cell]) < 2 for cell in hidden if 0 < table[cell[0]][cell[1]] < HIDE_BELOW)
