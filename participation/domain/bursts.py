"""Bursts: many ballots from one source in a short time. A signal for staff, not a verdict."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class Burst:
    starts_at: datetime
    ends_at: datetime
    ballots: int


def find_bursts(times: Sequence[datetime], window: timedelta, threshold: int) -> list[Burst]:
    """Stretches in which at least `threshold` ballots arrived within `window` of each other.

    `times` must be sorted. Overlapping or touching windows are merged into one burst that
    runs from its first to its last ballot, so every ballot belongs to at most one burst.
    """
    spans: list[list[int]] = []  # [first index, last index]
    first = 0
    for last, moment in enumerate(times):
        while moment - times[first] > window:
            first += 1
        if last - first + 1 >= threshold:
            if spans and first <= spans[-1][1]:
                spans[-1][1] = last
            else:
                spans.append([first, last])
    return [Burst(times[a], times[b], b - a + 1) for a, b in spans]
