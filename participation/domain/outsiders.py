"""Which groups documents for outsiders fold together, so no group under 5 can be traced.

The council report, the session memo and the proces-verbaal go to the council, village
associations and the police. Like the public pages they show no figure of a group with 1 to 4
ballots, and none that the total minus the shown groups gives back.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import TypeVar

from participation.domain.stats import HIDE_BELOW

K = TypeVar("K", bound=Hashable)


def groups_to_merge(sizes: Mapping[K, int], minimum: int = HIDE_BELOW) -> set[K]:
    """The groups (villages, trust levels) to count as one 'other' group, whose total is shown.

    Every group from 1 to minimum − 1 is merged. Then, while the merged groups together are
    under `minimum`, or the total minus the shown groups pins one of them down (two 4s merged
    as 8 must each be 4: domain.disclosure's bounds), the smallest shown groups join them:
    all groups of that size at once, since picking one of equal groups by its place in the
    list would tell that it is no larger than the next (5, 5 and 3: merging the first 5 with
    the 3 leaves the other 5 shown, so the merged 5 can be no more than 5 and the 3 is 3).
    This merges at least what the public page folds (domain.small_groups) and what
    domain.disclosure hides, so a document never shows a group the public page hides. Empty
    groups stay: they show no one's choice.
    """
    merged = {key for key, size in sizes.items() if 0 < size < minimum}
    while merged and (
        sum(sizes[key] for key in merged) < minimum or _pinned(sizes, merged, minimum)
    ):
        shown = [size for key, size in sizes.items() if key not in merged and size > 0]
        if not shown:
            break
        merged |= {key for key, size in sizes.items() if size == min(shown)}
    return merged


def _pinned(sizes: Mapping[K, int], merged: set[K], minimum: int) -> bool:
    """Whether someone who knows the total, the shown groups and which were merged can tell a
    merged group's exact size, with a group under `minimum` taken to be 1 to minimum − 1 and
    a larger one at least `minimum` (its upper bound: the sum of the merged groups)."""
    together = sum(sizes[key] for key in merged)
    ranges = {
        key: (1, minimum - 1) if sizes[key] < minimum else (minimum, together) for key in merged
    }
    for key, (low, high) in ranges.items():
        others_low = sum(r[0] for k, r in ranges.items() if k != key)
        others_high = sum(r[1] for k, r in ranges.items() if k != key)
        if max(low, together - others_high) >= min(high, together - others_low):
            return True
    return False


def columns_to_merge(rows: Sequence[Mapping[K, int]], minimum: int = HIDE_BELOW) -> set[K]:
    """The columns of a cross table (villages × channels: ballots per cell) to count as one
    'other' column, so that no cell and no column total lies between 1 and minimum − 1.

    While a cell is that small: when it lies in a column still shown, that column is merged
    (of several, the one with the fewest ballots in all; ties: the first seen); when only the
    'other' column has one, the shown column with the fewest ballots joins it. It ends when no
    cell is small, or every column is merged (the 'other' column is then each row's total).
    Every shown cell is then 0 or at least `minimum`, and so is every column's total, which is
    their sum: nothing is hidden, so nothing can be worked out by subtraction.
    """
    columns: list[K] = []
    for row in rows:
        columns += [key for key in row if key not in columns]
    totals = {key: sum(row.get(key, 0) for row in rows) for key in columns}
    merged: set[K] = set()

    def small(value: int) -> bool:
        return 0 < value < minimum

    while len(merged) < len(columns):
        shown = [key for key in columns if key not in merged]
        offending = [key for key in shown if any(small(row.get(key, 0)) for row in rows)]
        other_small = merged and any(small(sum(row.get(k, 0) for k in merged)) for row in rows)
        if not offending and not other_small:
            break
        pool = offending or shown
        merged.add(min(pool, key=lambda key: (totals[key], columns.index(key))))
    return merged
