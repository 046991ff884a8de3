"""Checking and comparing paper counts (the four-eyes principle)."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field


class PaperProblem(enum.Enum):
    """Why a paper count cannot be right."""

    NO_PARTICIPANTS = "no_participants"
    THEME_ABOVE_PARTICIPANTS = "theme_above_participants"
    TOO_MANY_VOTES = "too_many_votes"


@dataclass(frozen=True)
class PaperEntry:
    """One person's count: participants and votes per theme id."""

    participants: int
    votes: Mapping[int, int]


def check_entry(entry: PaperEntry, max_picks: int) -> list[PaperProblem]:
    """A theme cannot have more votes than participants, nor all votes more than max_picks each."""
    problems = []
    if entry.participants < 1:
        problems.append(PaperProblem.NO_PARTICIPANTS)
    if any(votes > entry.participants for votes in entry.votes.values()):
        problems.append(PaperProblem.THEME_ABOVE_PARTICIPANTS)
    if sum(entry.votes.values()) > entry.participants * max_picks:
        problems.append(PaperProblem.TOO_MANY_VOTES)
    return problems


@dataclass(frozen=True)
class Comparison:
    """How two independent counts differ; agreed only when both exist and match exactly."""

    complete: bool
    participants: tuple[int, int] | None = None
    differences: dict[int, tuple[int, int]] = field(default_factory=dict)

    @property
    def agreed(self) -> bool:
        return self.complete and self.participants is None and not self.differences


def compare(first: PaperEntry | None, second: PaperEntry | None) -> Comparison:
    """Compare two counts theme by theme; a missing count means not complete."""
    if first is None or second is None:
        return Comparison(complete=False)
    themes = set(first.votes) | set(second.votes)
    differences = {
        theme: (first.votes.get(theme, 0), second.votes.get(theme, 0))
        for theme in sorted(themes)
        if first.votes.get(theme, 0) != second.votes.get(theme, 0)
    }
    participants = (
        None
        if first.participants == second.participants
        else (first.participants, second.participants)
    )
    return Comparison(complete=True, participants=participants, differences=differences)
