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


# Bits in a choice mask: 0–62, so every mask fits a signed 64-bit integer and stays positive.
THEME_BITS = 63


def free_bit(taken: Collection[int]) -> int | None:
    """The bit a new theme gets: the lowest one no other theme of the campaign holds.

    A theme keeps its bit for life, whatever its place on the ballot, so the votes in stored
    choice masks always belong to the theme that was picked. None when all 63 are taken.
    """
    return next((bit for bit in range(THEME_BITS) if bit not in taken), None)


def choice_mask(theme_ids: list[int], bits: Mapping[int, int]) -> int:
    """The picked themes as bits: bit `bits[theme_id]` is set for each picked theme.

    The database sums these bits per group in one pass over the ballots, instead of joining
    every (ballot, theme) row.
    """
    mask = 0
    for theme_id in theme_ids:
        mask |= 1 << bits[theme_id]
    return mask


def mask_bits(mask: int) -> list[int]:
    """The theme bits set in a choice mask, ascending."""
    return [bit for bit in range(THEME_BITS) if mask >> bit & 1]
