"""Pacing a stand's tablet: it never sends more ballots than a person at it could have cast."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

# On average at most one ballot per this many seconds from one tablet: picking 6 of 12 themes
# and tapping 'send' takes a resident longer than that.
PACE_SECONDS = 15.0
# A few at once on top: a couple voting one after the other, a queue at the stand.
BURST = 5


def open_seconds(start: datetime, end: datetime, opens_at: datetime, closes_at: datetime) -> float:
    """How much of [start, end] falls inside the stand's window: only then can people vote."""
    inside = min(end, closes_at) - max(start, opens_at)
    return max(inside.total_seconds(), 0.0)


@dataclass
class Pace:
    """A token bucket per tablet. It holds at most `burst` ballots, and earns one per `seconds`
    while the stand is open. Ballots spend them in the order they were cast on the tablet.

    A batch synced after offline work spends what the bucket earned over the offline hours, but
    only as the ballots' own cast times allow: a thousand ballots said to be cast in one minute
    are a thousand in one minute, whatever the span since the last sync. A tablet that sends a
    ballot for which nothing is left gets it back as 'held' (services.ballots.kiosk).
    """

    tokens: float
    at: datetime
    opens_at: datetime
    closes_at: datetime
    seconds: float = PACE_SECONDS
    burst: float = BURST

    def advance(self, moment: datetime) -> None:
        """Earn what the time up to `moment` gives; moments before `at` earn nothing."""
        if moment <= self.at:
            return
        span = open_seconds(self.at, moment, self.opens_at, self.closes_at)
        earned = math.inf if self.seconds <= 0 else span / self.seconds
        self.tokens = min(float(self.burst), self.tokens + earned)
        self.at = moment

    def take(self) -> bool:
        """Spend one ballot's worth; False when nothing is left (the ballot is held)."""
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False


def cast_moment(age_seconds: float | None, now: datetime, since: datetime) -> datetime:
    """When a queued ballot was cast, in server time: `now` minus its age on the tablet's own
    clock (sent_at − cast_at, so a tablet whose clock is off still measures ages right), never
    before `since` (the tablet's previous contact) and never after `now`. An unknown, negative
    or absurd age counts as 'just now'."""
    if age_seconds is None or not math.isfinite(age_seconds) or age_seconds <= 0:
        return now
    moment = now - timedelta(seconds=min(age_seconds, 366 * 24 * 3600))
    return min(max(moment, since), now)


def pace_batch(pace: Pace, moments: list[datetime], now: datetime) -> list[bool]:
    """Which of the ballots cast at `moments` the tablet may send now (True) or must hold.

    Ballots are taken in the order they were cast; the bucket then earns up to `now`.
    """
    accepted = [False] * len(moments)
    for index in sorted(range(len(moments)), key=lambda i: moments[i]):
        pace.advance(moments[index])
        accepted[index] = pace.take()
    pace.advance(now)
    return accepted
