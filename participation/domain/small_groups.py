"""Small groups stay hidden from the public: no shown group, and no group one can work out.

A group (a village, a channel, a column of a survey split) with 1 to 4 people would show
what those few chose. Hiding it alone is not enough: the total minus the groups shown gives
it back. So every small group is folded into one 'other' group, and when that merged group
is itself under the minimum, the smallest group that was shown is folded in too.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import TypeVar

from participation.domain.stats import HIDE_BELOW

K = TypeVar("K", bound=Hashable)


def groups_to_fold(sizes: Mapping[K, int], minimum: int = HIDE_BELOW) -> set[K]:
    """The groups to fold into one 'other' group before the public sees them.

    Empty groups reveal nothing and stay. If folding leaves a merged group of 1 to
    minimum − 1 people, the smallest group shown is added (ties: the first listed), which
    makes the merged group at least `minimum`. With nothing else to add, the merged group is
    the whole total, which is shown anyway.
    """
    fold = {key for key, size in sizes.items() if 0 < size < minimum}
    merged = sum(sizes[key] for key in fold)
    if 0 < merged < minimum:
        shown = [(size, index, key) for index, (key, size) in enumerate(sizes.items())]
        candidates = sorted((s, i, k) for s, i, k in shown if k not in fold and s >= minimum)
        if candidates:
            fold.add(candidates[0][2])
    return fold
