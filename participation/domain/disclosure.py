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
