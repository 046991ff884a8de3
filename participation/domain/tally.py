"""Counting votes per group (a village or the total) and ranking the themes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from participation.domain.stats import is_small, wilson_interval


@dataclass(frozen=True)
class ThemeRef:
    """A theme as the tally needs it: its id, title and position on the ballot; its titles in
    other languages ride along for residents' pages (see domain.translations)."""

    id: int
    title: str
    position: int
    translations: Mapping[str, Mapping[str, str]] = field(
        default_factory=dict, compare=False, hash=False
    )


@dataclass(frozen=True)
class ThemeTally:
    """One theme's result within one group."""

    theme: ThemeRef
    votes: int
    share: float
    rank: int
    low: float = 0.0  # 95 % Wilson interval of the share
    high: float = 0.0


@dataclass(frozen=True)
class GroupTally:
    """All themes' results within one group of ballots."""

    ballots: int
    themes: list[ThemeTally]

    @property
    def votes(self) -> int:
        return sum(t.votes for t in self.themes)

    @property
    def small(self) -> bool:
        """Fewer than 30 ballots: shares are shown, but marked as uncertain."""
        return is_small(self.ballots)

    def by_theme(self, theme_id: int) -> ThemeTally:
        return next(row for row in self.themes if row.theme.id == theme_id)


def share(votes: int, ballots: int) -> float:
    """The share of voters in the group who picked the theme: votes / ballots (0 when empty).

    This is not a share of all votes: with pick-6 the shares add up to about 6 (600 %).
    """
    return votes / ballots if ballots else 0.0


def rank_with_ties(votes: Sequence[int]) -> list[int]:
    """Competition ranking by votes, descending: equal votes share a rank (1, 2, 2, 4).

    The rank of an entry is one more than the number of entries with strictly more votes.
    """
    ordered = sorted(votes, reverse=True)
    first_place: dict[int, int] = {}
    for index, count in enumerate(ordered):
        first_place.setdefault(count, index + 1)
    return [first_place[count] for count in votes]


def tally_group(
    themes: Sequence[ThemeRef], votes_by_theme: Mapping[int, int], ballots: int
) -> GroupTally:
    """Tally one group: votes, share, its Wilson interval and rank per theme, listed by rank,
    ties by position.

    `votes_by_theme` comes from the database's GROUP BY; themes without votes get 0.
    """
    counts = [votes_by_theme.get(theme.id, 0) for theme in themes]
    ranks = rank_with_ties(counts)
    rows = [
        ThemeTally(theme, count, share(count, ballots), rank, *wilson_interval(count, ballots))
        for theme, count, rank in zip(themes, counts, ranks, strict=True)
    ]
    rows.sort(key=lambda row: (row.rank, row.theme.position))
    return GroupTally(ballots=ballots, themes=rows)
