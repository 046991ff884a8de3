"""What the partner view shows, as plain values: rankings, figures per level, priorities."""

from __future__ import annotations

from dataclasses import dataclass

from participation.domain.outcome_data import GoalProgress, PlannedAction
from participation.domain.regional_data import MunicipalityFigures, RegionalResults
from participation.domain.tally import ThemeRef, ThemeTally

REGION, MUNICIPALITY, CORE = "region", "municipality", "core"
COMMON, LOCAL = "common", "local"


@dataclass(frozen=True)
class FigureLine:
    """An indicator's values at one level: the region, a municipality, or a village core."""

    level: str  # REGION, MUNICIPALITY or CORE
    area: str  # the region's, the municipality's or the core's name
    municipality: str  # the municipality it belongs to; "" for the region
    theme: str
    common: bool  # on a common theme of the region (else a municipality's own theme)
    indicator: str
    source: str
    trend: str  # domain.priorities.TRENDS
    values: tuple[tuple[int, float], ...]

    @property
    def latest(self) -> tuple[int, float] | None:
        return max(self.values) if self.values else None


@dataclass(frozen=True)
class FigureTable:
    """The figure lines of a regional campaign, picked per level (the partner view and the
    regional session show them beside the residents' places)."""

    lines: tuple[FigureLine, ...]

    def figures_at(self, level: str, municipality: str = "") -> list[FigureLine]:
        return [
            f
            for f in self.lines
            if f.level == level and (level == REGION or f.municipality == municipality)
        ]


@dataclass(frozen=True)
class PriorityLine:
    """A chosen priority: common (the region's) or local (one municipality's), with the place
    residents gave it, why it was chosen, and its goals and actions as they stand."""

    kind: str  # COMMON or LOCAL
    municipality: str  # "" for a common priority
    theme: str
    rank: int | None  # None: not shown (too few voters)
    share: float | None
    reason: str
    goals: tuple[GoalProgress, ...] = ()
    actions: tuple[PlannedAction, ...] = ()


@dataclass(frozen=True)
class SideBySide:
    """A common theme's place in the region and in each municipality (None: not on its
    ballot), the municipalities in the order of PartnerView.results.municipalities."""

    theme: ThemeRef
    region: ThemeTally
    municipalities: tuple[ThemeTally | None, ...]


@dataclass(frozen=True)
class PartnerView:
    region: str
    police_team: str
    results: RegionalResults  # today's counts (services.results.regional)
    figures: tuple[FigureLine, ...]
    priorities: tuple[PriorityLine, ...]
    outcome_published: bool
    plan_years: tuple[int, int] | None

    @property
    def municipalities(self) -> tuple[MunicipalityFigures, ...]:
        return self.results.municipalities

    def side_by_side(self) -> list[SideBySide]:
        """The region's ranking of the common themes beside each municipality's ranking of
        the same themes (its local themes left out, so the places compare)."""
        rows = []
        for row in self.results.total.themes:
            found = tuple(
                next((t for t in m.common.themes if t.theme.id == row.theme.id), None)
                for m in self.municipalities
            )
            rows.append(SideBySide(row.theme, row, found))
        return rows

    def figures_at(self, level: str, municipality: str = "") -> list[FigureLine]:
        return FigureTable(self.figures).figures_at(level, municipality)

    @property
    def common_priorities(self) -> list[PriorityLine]:
        return [p for p in self.priorities if p.kind == COMMON]

    def local_priorities(self, municipality: str) -> list[PriorityLine]:
        return [p for p in self.priorities if p.kind == LOCAL and p.municipality == municipality]
