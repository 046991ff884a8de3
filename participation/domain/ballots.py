"""What makes a ballot valid."""

from __future__ import annotations

import enum
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass


class BallotProblem(enum.Enum):
    """Why a ballot cannot be accepted; the web layer turns these into messages."""

    TOO_FEW = "too_few"
    TOO_MANY = "too_many"
    DUPLICATE_THEME = "duplicate_theme"
    UNKNOWN_THEME = "unknown_theme"
    UNKNOWN_VILLAGE = "unknown_village"
    MISSING_VILLAGE = "missing_village"


@dataclass(frozen=True)
class PickRule:
    """How many themes a resident picks: between min_picks and max_picks, inclusive."""

    min_picks: int
    max_picks: int

    def __post_init__(self) -> None:
        if not 1 <= self.min_picks <= self.max_picks:
            raise ValueError(f"need 1 <= min_picks <= max_picks, got {self}")


def check_choices(
    chosen: Iterable[int], allowed: Collection[int], rule: PickRule
) -> list[BallotProblem]:
    """Return the problems with a set of picked theme ids; an empty list means valid.

    A theme may be picked once, every theme must belong to the campaign, and the number of
    distinct themes must lie within the pick rule. Unknown or duplicate ids are reported on
    their own, not also as a count problem, so the message names the real cause.
    """
    chosen = list(chosen)
    problems: list[BallotProblem] = []
    if any(theme_id not in allowed for theme_id in chosen):
        problems.append(BallotProblem.UNKNOWN_THEME)
    if len(set(chosen)) != len(chosen):
        problems.append(BallotProblem.DUPLICATE_THEME)
    if problems:
        return problems
    if len(chosen) < rule.min_picks:
        problems.append(BallotProblem.TOO_FEW)
    elif len(chosen) > rule.max_picks:
        problems.append(BallotProblem.TOO_MANY)
    return problems


def check_village(village: str | None, allowed: Collection[str]) -> list[BallotProblem]:
    """The village must be given and be one the campaign offers (including 'elsewhere')."""
    if not village:
        return [BallotProblem.MISSING_VILLAGE]
    if village not in allowed:
        return [BallotProblem.UNKNOWN_VILLAGE]
    return []


# Bits in a choice mask: one per theme position, so positions 1–63 fit a signed 64-bit integer.
MAX_THEME_POSITION = 63


def choice_mask(theme_ids: list[int], positions: Mapping[int, int]) -> int:
    """The picked themes as bits: bit (position − 1) is set for each picked theme.

    The database sums these bits per group in one pass over the ballots, instead of joining
    every (ballot, theme) row; theme positions are fixed once a campaign has ballots.
    """
    mask = 0
    for theme_id in theme_ids:
        mask |= 1 << (positions[theme_id] - 1)
    return mask


def mask_positions(mask: int) -> list[int]:
    """The theme positions set in a choice mask, ascending."""
    return [bit + 1 for bit in range(MAX_THEME_POSITION) if mask >> bit & 1]
