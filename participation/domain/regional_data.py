"""A regional campaign's results at three levels (village, municipality, region) as plain values."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from participation.domain.stats import WeightedTotal
from participation.domain.tally import GroupTally, ThemeRef, ThemeTally


def per_thousand(ballots: int, population: int | None) -> float | None:
    """Turnout: ballots per 1,000 inhabitants; None without a known population."""
    return ballots * 1000 / population if population else None


@dataclass(frozen=True)
class VillageCounts:
    """One village's counts as the service read them (its municipality's own theme ids)."""

    slug: str
    name: str
    population: int | None
    ballots: int
    votes: Mapping[int, int]
    members: tuple[str, ...] = ()  # villages already shown together (a public release)


@dataclass(frozen=True)
class MunicipalityCounts:
    """One adopting municipality's counts: its own menu (common and local themes), its total
    and its villages. `regional_ids` maps each of its common themes to the regional theme."""

    slug: str
    name: str
    population: int | None
    campaign_slug: str
    themes: tuple[ThemeRef, ...]
    regional_ids: Mapping[int, int]
    ballots: int
    votes: Mapping[int, int]
    villages: tuple[VillageCounts, ...] = ()
    release: int | None = None  # the public release these counts are (None: live)
    released_at: datetime | None = None
    # Municipalities shown together (public): their names, and whether one had local themes.
    members: tuple[str, ...] = ()
    menus_differed: bool = False

    @property
    def own_menu(self) -> bool:
        """Whether it added local themes: its residents chose from a different menu."""
        return self.menus_differed or any(t.id not in self.regional_ids for t in self.themes)


@dataclass(frozen=True)
class VillageFigures:
    """A village's tally on its municipality's menu, and its turnout."""

    slug: str
    name: str
    population: int | None
    tally: GroupTally
    members: tuple[str, ...] = ()

    @property
    def per_1000(self) -> float | None:
        return per_thousand(self.tally.ballots, self.population)


@dataclass(frozen=True)
class Difference:
    """A common theme's share in one municipality against the rest of the region, with
    Newcombe's 95 % interval of the difference; clear only when the interval leaves out 0."""

    theme_id: int  # the regional theme
    share: float
    rest_share: float
    low: float
    high: float

    @property
    def difference(self) -> float:
        return self.share - self.rest_share

    @property
    def marked(self) -> bool:
        return self.low > 0 or self.high < 0


@dataclass(frozen=True)
class MunicipalityFigures:
    """A municipality's level: its own tally (local themes included, its own theme ids), the
    common themes only (regional theme ids, for every comparison), villages and differences."""

    slug: str
    name: str
    population: int | None
    campaign_slug: str
    tally: GroupTally
    common: GroupTally
    regional_ids: Mapping[int, int]
    own_menu: bool
    villages: tuple[VillageFigures, ...] = ()
    differences: tuple[Difference, ...] = ()
    members: tuple[str, ...] = ()  # municipalities shown together (public only)
    release: int | None = None
    released_at: datetime | None = None

    @property
    def per_1000(self) -> float | None:
        return per_thousand(self.tally.ballots, self.population)

    @property
    def local_themes(self) -> list[ThemeTally]:
        return [row for row in self.tally.themes if row.theme.id not in self.regional_ids]

    def regional_id(self, theme_id: int) -> int | None:
        return self.regional_ids.get(theme_id)

    def difference(self, regional_theme_id: int) -> Difference | None:
        return next((d for d in self.differences if d.theme_id == regional_theme_id), None)


@dataclass(frozen=True)
class RegionalResults:
    """The region's total on the common themes (plain and weighted by the municipalities'
    populations), and each municipality with its villages. `public`: as anyone may see it
    (each municipality's latest release, small groups shown together)."""

    region: str
    campaign_slug: str
    title: str
    themes: tuple[ThemeRef, ...]  # the common themes, regional ids, in ballot order
    total: GroupTally
    weighted: WeightedTotal | None
    municipalities: tuple[MunicipalityFigures, ...]
    public: bool = False
    published_at: datetime | None = None
    # Public only: adopting municipalities without a public release yet (not counted).
    not_released: tuple[str, ...] = ()
    translations: Mapping[str, Mapping[str, str]] = field(
        default_factory=dict, compare=False, hash=False
    )

    @property
    def population(self) -> int | None:
        """The counted municipalities' inhabitants; None when one is not known."""
        known = [m.population for m in self.municipalities]
        if not known or any(not p for p in known):
            return None
        return sum(p for p in known if p)

    @property
    def per_1000(self) -> float | None:
        return per_thousand(self.total.ballots, self.population)

    @property
    def own_menus(self) -> list[MunicipalityFigures]:
        return [m for m in self.municipalities if m.own_menu]

    def municipality(self, slug: str) -> MunicipalityFigures | None:
        return next((m for m in self.municipalities if m.slug == slug), None)
