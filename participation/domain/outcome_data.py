"""What was done with the vote, as plain values: what the outcome JSON and the progress
workbook are made from (services.outcome.outcome.outcome_data fills them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from participation.domain.programme import Progress


@dataclass(frozen=True)
class ActionStep:
    """A dated update of an action: its status from that day, and why."""

    on: date
    status: str  # domain.programme.ActionStatus
    note: str


@dataclass(frozen=True)
class PlannedAction:
    what: str
    partner: str
    due_on: date | None
    status: str  # the latest step's status; planned until there is one
    updates: tuple[ActionStep, ...] = ()


@dataclass(frozen=True)
class GoalNote:
    """The latest status staff gave a written goal: on which day, and why."""

    on: date
    note: str


@dataclass(frozen=True)
class GoalProgress:
    """A goal with where it stands: worked out from its indicator, or the latest note."""

    description: str
    kind: str  # domain.programme.GoalKind
    progress: Progress
    measurable: bool
    indicator: str | None = None  # the indicator's name
    direction: str | None = None  # domain.programme.Direction
    baseline_year: int | None = None
    baseline_value: float | None = None
    target_year: int | None = None
    target_value: float | None = None
    latest: tuple[int, float] | None = None  # the indicator's latest year and value
    update: GoalNote | None = None


@dataclass(frozen=True)
class ThemeDecision:
    """One theme of the outcome: chosen or not, why, and where residents ranked it."""

    theme_id: int
    title: str
    chosen: bool
    reason: str
    resident_rank: int
    resident_share: float
    goals: tuple[GoalProgress, ...] = ()
    actions: tuple[PlannedAction, ...] = ()


@dataclass(frozen=True)
class OutcomeData:
    campaign: str  # the campaign's short name
    decided_on: date | None
    priorities: tuple[ThemeDecision, ...]
    not_chosen: tuple[ThemeDecision, ...]
