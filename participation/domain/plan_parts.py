"""The regional plan as plain values: a common part and a part per municipality (issue 30)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from participation.domain.outcome_data import GoalProgress, PlannedAction
from participation.domain.stats import HIDE_BELOW


@dataclass(frozen=True)
class PlanPriority:
    """One decision of the regional session: a common or a local theme, chosen or not, why,
    and where the residents it concerns placed it (None: not shown, too few or unreleased)."""

    theme_id: int  # the regional theme's id (common), else the municipality's own theme's
    title: str
    common_theme: bool  # a theme of the regional campaign (else the municipality's own)
    chosen: bool
    reason: str
    safety_field: int | None
    resident_rank: int | None
    resident_share: float | None
    goals: tuple[GoalProgress, ...] = ()
    actions: tuple[PlannedAction, ...] = ()


@dataclass(frozen=True)
class MunicipalPart:
    """A municipality's own part of the plan: its local priorities and its own programme."""

    slug: str
    name: str
    campaign: str | None  # its adopted campaign's short name
    ballots: int | None  # the ballots its public figures count (None: none released)
    priorities: tuple[PlanPriority, ...]
    not_chosen: tuple[PlanPriority, ...]


@dataclass(frozen=True)
class RegionalPlanData:
    """The regional outcome: the common part written once, then each municipality's part."""

    region: str
    campaign: str  # the regional campaign's short name
    decided_on: date | None
    summary: str
    first_year: int | None
    last_year: int | None
    ballots: int  # the ballots the regional places count
    common: tuple[PlanPriority, ...]
    common_not_chosen: tuple[PlanPriority, ...]
    parts: tuple[MunicipalPart, ...]


def shown_rank(rank: int | None, ballots: int | None) -> int | None:
    """A place is shown only for a group of at least HIDE_BELOW voters."""
    return rank if rank is not None and ballots is not None and ballots >= HIDE_BELOW else None
