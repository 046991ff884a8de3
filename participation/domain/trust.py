"""Trust levels: how sure we are that one ballot is one person, and limiting counts by them."""

from __future__ import annotations

from participation.domain.vocabulary import TrustLevel

# Most sure first: staff saw the voter (a stand tablet or paper), a single-use code, a phone.
LEVELS = tuple(level.value for level in TrustLevel)


def levels_at_least(level: str | None) -> frozenset[str]:
    """The levels counted when totals are limited to `level`: that level and every surer one.

    None counts every level. 'code' counts code and stand ballots; 'stand' only stand ballots.
    """
    if level is None:
        return frozenset(LEVELS)
    if level not in LEVELS:
        raise ValueError(f"unknown trust level {level!r}")
    return frozenset(LEVELS[: LEVELS.index(level) + 1])
