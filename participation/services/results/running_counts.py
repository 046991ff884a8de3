"""Counts that stay fast while ballots arrive: count only what came since, add it to the rest.

Ballots are only ever added. Per (campaign, period) a worker keeps the counts of the ballots
up to a *settled* id, and on each request counts only the newer ones (the tail). An id is
settled once it was the newest id seen COUNTS_SETTLE_SECONDS ago: by then every ballot with a
lower id has committed (PostgreSQL hands out ids before commit, so a lower id can become
visible after a higher one; a ballot's transaction takes milliseconds). Anything else that
changes the counts (an exclusion or its undoing, paper counts, retention) changes the
fingerprint and starts the counts over. Each gunicorn worker keeps its own, all read from the
database, so workers never disagree for long or drift.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import current_app

AreaCounts = Any  # results.AreaCounts: area id -> (channel, trust) -> ChannelCount
_LOCK = threading.Lock()
_SIZE = 64


@dataclass
class Running:
    fixed: tuple[object, ...]  # the fingerprint without the newest ballot id
    settled_id: int = 0
    settled: AreaCounts = None
    seen: list[tuple[float, int]] = field(default_factory=list)  # (time, newest id)


def add_into(target: AreaCounts, extra: AreaCounts) -> None:
    for area_id, groups in extra.items():
        for key, count in groups.items():
            group = target[area_id][key]
            group.ballots += count.ballots
            for theme_id, n in count.votes.items():
                group.votes[theme_id] += n


def current_counts(
    key: tuple[object, ...],
    newest: int,
    fixed: tuple[object, ...],
    count: Callable[[int, int | None], AreaCounts],
    empty: Callable[[], AreaCounts],
) -> AreaCounts:
    """The ballot counts now: the settled ones plus the tail. `count(after, upto)` counts
    the ballots with after < id <= upto (upto None: all newer)."""
    settle = current_app.config["COUNTS_SETTLE_SECONDS"]
    cache: dict[tuple[object, ...], Running] = current_app.extensions.setdefault(
        "running_counts", {}
    )
    now = time.monotonic()
    with _LOCK:
        entry = cache.get(key)
        if entry is None or entry.fixed != fixed:
            if len(cache) >= _SIZE:
                cache.pop(next(iter(cache)))
            entry = cache[key] = Running(fixed, 0, empty())
        entry.seen.append((now, newest))
        ripe = [seen for seen in entry.seen if seen[0] <= now - settle]
        target = max((seen_id for _, seen_id in ripe), default=entry.settled_id)
        if ripe:  # the newest ripe observation stays as the floor for the next time
            entry.seen = [ripe[-1], *(s for s in entry.seen if s[0] > now - settle)]
        if target > entry.settled_id:
            add_into(entry.settled, count(entry.settled_id, target))
            entry.settled_id = target
        counts = empty()
        add_into(counts, entry.settled)
        settled_id = entry.settled_id
    add_into(counts, count(settled_id, None))
    return counts


def fresh() -> AreaCounts:
    from participation.services.results.results import ChannelCount

    return defaultdict(lambda: defaultdict(ChannelCount))
