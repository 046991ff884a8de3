"""Comparing two cycles of the same consultation: rank and share then and now, per theme."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from participation.domain.stats import Z95, wilson_interval


def newcombe_interval(
    now: int, now_n: int, then: int, then_n: int, z: float = Z95
) -> tuple[float, float]:
    """The 95 % interval for now/now_n − then/then_n, two independent proportions.

    Newcombe's hybrid score method (1998, method 10): the Wilson intervals of both shares,
    combined. It stays within [−1, 1] and behaves near 0 % and 100 %, unlike the Wald interval.
    """
    p1 = now / now_n if now_n else 0.0
    p2 = then / then_n if then_n else 0.0
    l1, u1 = wilson_interval(now, now_n, z)
    l2, u2 = wilson_interval(then, then_n, z)
    difference = p1 - p2
    low = difference - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    high = difference + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return max(-1.0, low), min(1.0, high)


@dataclass(frozen=True)
class Count:
    """One theme in one cycle: its rank, votes and the ballots of that cycle."""

    rank: int
    votes: int
    ballots: int

    @property
    def share(self) -> float:
        return self.votes / self.ballots if self.ballots else 0.0


@dataclass(frozen=True)
class ThemeChange:
    """A theme now and in the previous cycle; `previous` is None for a new theme."""

    theme_id: int
    now: Count
    previous: Count | None

    @property
    def share_diff(self) -> float | None:
        return None if self.previous is None else self.now.share - self.previous.share

    @property
    def interval(self) -> tuple[float, float] | None:
        if self.previous is None or not self.now.ballots or not self.previous.ballots:
            return None
        return newcombe_interval(
            self.now.votes, self.now.ballots, self.previous.votes, self.previous.ballots
        )

    @property
    def marked(self) -> bool:
        """Whether the change is clear: its interval leaves out zero."""
        bounds = self.interval
        return bounds is not None and (bounds[0] > 0 or bounds[1] < 0)


def compare(
    now: Mapping[int, Count], previous: Mapping[int, Count], matches: Mapping[int, int]
) -> list[ThemeChange]:
    """Per theme now (in the order given): the change since the previous cycle.

    `matches` maps a theme id now to its theme id in the previous cycle.
    """
    return [
        ThemeChange(theme_id, count, previous.get(matches.get(theme_id, -1)))
        for theme_id, count in now.items()
    ]


def match_themes(
    now: Sequence[tuple[int, str, int | None]], previous: Sequence[tuple[int, str]]
) -> dict[int, int]:
    """Theme id now -> theme id then: by the link a copy keeps, else by the same title.

    `now` holds (id, title, id it was copied from); `previous` holds (id, title).
    """
    previous_ids = {theme_id for theme_id, _ in previous}
    by_title = {title.strip().casefold(): theme_id for theme_id, title in previous}
    found = {}
    for theme_id, title, copied_from in now:
        if copied_from in previous_ids:
            found[theme_id] = copied_from
        elif title.strip().casefold() in by_title:
            found[theme_id] = by_title[title.strip().casefold()]
    return found
