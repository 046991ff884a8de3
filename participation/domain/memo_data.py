"""A prioritisation session's memo as plain values: what its workbook is made from
(services.sessions.memo.memo_data fills it)."""

from __future__ import annotations

from dataclasses import dataclass

from participation.domain.document_data import ViewRow
from participation.domain.tally import GroupTally


@dataclass(frozen=True)
class RoundTotals:
    number: int
    is_open: bool
    participants: int  # who placed at least one dot
    by_theme: dict[int, dict[str, int]]  # theme → group → dots, plus 'total'


@dataclass(frozen=True)
class DecisionRow:
    """A theme the session decided on: chosen or not, and why."""

    theme_id: int
    title: str
    chosen: bool
    safety_field: int | None  # VNG safety field 1-5, for chosen priorities
    rationale: str


@dataclass(frozen=True)
class ShortlistRow:
    """A theme on the shortlist: 'top', 'stands_out' or 'staff', and the reason drafted."""

    theme_id: int
    title: str
    origin: str
    reason: str


@dataclass(frozen=True)
class IndicatorRow:
    """A figure from the safety analysis for a theme, with its values per year."""

    theme: str
    name: str
    source: str
    trend: str
    values: tuple[tuple[int, float], ...]


@dataclass(frozen=True)
class MemoData:
    total: GroupTally  # the residents' total the memo shows
    too_few: bool  # fewer than 5 voters in all: none of their figures are shown
    decisions: tuple[DecisionRow, ...]
    shortlist: tuple[ShortlistRow, ...]
    views: tuple[ViewRow, ...]  # each association's current view, a row per theme
    indicators: tuple[IndicatorRow, ...]
    rounds: tuple[RoundTotals, ...]
