"""Counts that stay fast while ballots arrive: count only what came since, add it to the rest.

Ballots are only ever added. Per (campaign, period) a worker keeps the counts of the ballots
up to a *settled* id, and on each request counts only the newer ones (the tail). An id is
settled once it was the newest id seen COUNTS_SETTLE_SECONDS ago: by then every ballot with a
lower id has committed (PostgreSQL hands out ids before commit, so a lower id can become
visible after a higher one; a ballot's transaction takes milliseconds). Anything else that
changes the counts (an exclusion or its undoing, paper counts, retention) changes the
fingerprint and starts the counts over. Each worker keeps its counts in memory, and the
settled part of a campaign's whole count is also kept in the database (settled_store), so a
fresh worker or a second server starts from there and counts only the ballots since.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import current_app

from participation import caches
from participation.domain.result_data import ChannelCount
from participation.services.results import settled_store

AreaCounts = Any  # counting.AreaCounts: area id -> (channel, trust) -> ChannelCount
_LOCK = threading.Lock()
_SIZE = 64


@dataclass(frozen=True)
class Kind:
    """One kind of running count: how it starts empty, adds up, and is stored as JSON."""

    name: str
    empty: Callable[[], Any]
    add: Callable[[Any, Any], None]  # add(target, extra): target += extra
    dump: Callable[[Any], Any]
    load: Callable[[Any], Any]


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
    count: Callable[[int, int | None], Any],
    kind: Kind,
    shared_by: int | None = None,
) -> Any:
    """The counts now: the settled ones plus the tail. `count(after, upto)` counts the
    ballots with after < id <= upto (upto None: all newer). With `shared_by` (a campaign id),
    the settled counts are also loaded from and saved to the database for other workers."""
    settle = current_app.config["COUNTS_SETTLE_SECONDS"]
    cache: dict[tuple[object, ...], Running] = caches.cache("running_counts")
    now = time.monotonic()
    to_save = None
    with _LOCK:
        entry = cache.get(key)
        if entry is None or entry.fixed != fixed:
            if len(cache) >= _SIZE:
                cache.pop(next(iter(cache)))
            entry = cache[key] = Running(fixed, 0, kind.empty())
            stored = settled_store.load(shared_by, kind.name, fixed) if shared_by else None
            if stored is not None:
                entry.settled_id, entry.settled = stored[0], kind.load(stored[1])
        entry.seen.append((now, newest))
        ripe = [seen for seen in entry.seen if seen[0] <= now - settle]
        target = max((seen_id for _, seen_id in ripe), default=entry.settled_id)
        if ripe:  # the newest ripe observation stays as the floor for the next time
            entry.seen = [ripe[-1], *(s for s in entry.seen if s[0] > now - settle)]
        if target > entry.settled_id:
            kind.add(entry.settled, count(entry.settled_id, target))
            entry.settled_id = target
            if shared_by:
                to_save = kind.dump(entry.settled)
        counts = kind.empty()
        kind.add(counts, entry.settled)
        settled_id = entry.settled_id
    if to_save is not None and shared_by:
        settled_store.save(shared_by, kind.name, fixed, settled_id, to_save)
    kind.add(counts, count(settled_id, None))
    return counts


def fresh() -> AreaCounts:
    return defaultdict(lambda: defaultdict(ChannelCount))


def dump_areas(counts: AreaCounts) -> list[list[Any]]:
    """[[area id or None, channel, trust, ballots, {theme id: votes}], ...] for JSON."""
    return [
        [area_id, channel, trust, count.ballots, {str(t): n for t, n in count.votes.items()}]
        for area_id, groups in counts.items()
        for (channel, trust), count in groups.items()
    ]


def load_areas(rows: list[list[Any]]) -> AreaCounts:
    counts = fresh()
    for area_id, channel, trust, ballots, votes in rows:
        group = counts[area_id][channel, trust]
        group.ballots = ballots
        for theme_id, n in votes.items():
            group.votes[int(theme_id)] = n
    return counts


AREAS = Kind("areas", fresh, add_into, dump_areas, load_areas)
