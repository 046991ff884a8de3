"""The regional campaign's rules: its method and period, and what may change once adopted."""

from __future__ import annotations

import enum
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime

from participation.domain.campaign_edits import EditProblem
from participation.domain.theme_import import title_key

NOT_STARTED = "not_started"  # domain.campaigns.campaign_phase: before a campaign opens


class RegionalProblem(enum.Enum):
    """Why a coordinator's change or a municipality's adoption is refused."""

    SLUG_TAKEN = "slug_taken"
    PERIOD_ORDER = "period_order"
    PICKS_ORDER = "picks_order"
    PICKS_ABOVE_THEMES = "picks_above_themes"
    # Open for adoption: the method and the common themes are what every municipality took.
    PICKS_LOCKED = "picks_locked"
    THEMES_LOCKED = "themes_locked"
    # A new period would leave a municipality's adopted dates outside it.
    PERIOD_LEAVES_OUT = "period_leaves_out"
    NO_THEMES = "no_themes"
    DUPLICATE_THEME = "duplicate_theme"
    TOO_MANY_THEMES = "too_many_themes"
    ALREADY_OPEN = "already_open"
    # Adopting it.
    NOT_OPEN = "not_open"
    ALREADY_ADOPTED = "already_adopted"
    DATES_MISSING = "dates_missing"
    DATES_ORDER = "dates_order"
    DATES_OUTSIDE_PERIOD = "dates_outside_period"


# A ballot's choice mask has 63 bits; a municipality needs room for its local themes too.
MAX_COMMON_THEMES = 40


@dataclass(frozen=True)
class Period:
    """When the regional campaign runs; each municipality's own dates lie within it."""

    starts: datetime
    ends: datetime

    def holds(self, opens_at: datetime, closes_at: datetime) -> bool:
        return self.starts <= opens_at and closes_at <= self.ends


def check_method(period: Period, picks: tuple[int, int], theme_count: int) -> list[RegionalProblem]:
    """The period runs forward; pick k of n with k no more than the themes there are."""
    problems = []
    if period.ends <= period.starts:
        problems.append(RegionalProblem.PERIOD_ORDER)
    low, high = picks
    if low > high:
        problems.append(RegionalProblem.PICKS_ORDER)
    elif theme_count and high > theme_count:
        problems.append(RegionalProblem.PICKS_ABOVE_THEMES)
    return problems


def check_edit(
    is_draft: bool,
    old_picks: tuple[int, int],
    new: tuple[Period, tuple[int, int]],
    theme_count: int,
    adopted: Iterable[tuple[datetime | None, datetime | None]],
) -> list[RegionalProblem]:
    """A draft changes freely; once open for adoption the method stays, and the period may
    move only while every adopting municipality's dates stay inside it."""
    period, picks = new
    problems = check_method(period, picks, theme_count)
    if not is_draft and picks != old_picks:
        problems.append(RegionalProblem.PICKS_LOCKED)
    if any(not _inside(period, opens, closes) for opens, closes in adopted):
        problems.append(RegionalProblem.PERIOD_LEAVES_OUT)
    return problems


def _inside(period: Period, opens_at: datetime | None, closes_at: datetime | None) -> bool:
    return opens_at is not None and closes_at is not None and period.holds(opens_at, closes_at)


def check_theme_change(
    is_draft: bool, title: str | None, other_titles: Collection[str], adding: bool = False
) -> list[RegionalProblem]:
    """Common themes are added, retitled and removed only while the campaign is a draft;
    two with the same title (case and spaces aside) would be one theme twice."""
    if not is_draft:
        return [RegionalProblem.THEMES_LOCKED]
    problems = []
    if title is not None and title_key(title) in {title_key(other) for other in other_titles}:
        problems.append(RegionalProblem.DUPLICATE_THEME)
    if adding and len(other_titles) >= MAX_COMMON_THEMES:
        problems.append(RegionalProblem.TOO_MANY_THEMES)
    return problems


def check_opening(
    is_draft: bool, picks: tuple[int, int], theme_count: int
) -> list[RegionalProblem]:
    """Open for adoption once: with common themes, and no more picks than there are."""
    if not is_draft:
        return [RegionalProblem.ALREADY_OPEN]
    if not theme_count:
        return [RegionalProblem.NO_THEMES]
    return [RegionalProblem.PICKS_ABOVE_THEMES] if picks[1] > theme_count else []


def check_adoption(
    is_open: bool,
    already_adopted: bool,
    period: Period,
    opens_at: datetime | None,
    closes_at: datetime | None,
) -> list[RegionalProblem]:
    """A municipality adopts an open regional campaign once, with its own dates inside the
    period."""
    if not is_open:
        return [RegionalProblem.NOT_OPEN]
    if already_adopted:
        return [RegionalProblem.ALREADY_ADOPTED]
    return _date_problems(period, opens_at, closes_at)


def _date_problems(
    period: Period, opens_at: datetime | None, closes_at: datetime | None
) -> list[RegionalProblem]:
    if opens_at is None or closes_at is None:
        return [RegionalProblem.DATES_MISSING]
    if closes_at <= opens_at:
        return [RegionalProblem.DATES_ORDER]
    return [] if period.holds(opens_at, closes_at) else [RegionalProblem.DATES_OUTSIDE_PERIOD]


def check_adopted_campaign_edit(
    region_picks: tuple[int, int],
    new_picks: tuple[int, int],
    period: Period,
    opens_at: datetime | None,
    closes_at: datetime | None,
) -> list[EditProblem]:
    """An adopted campaign keeps the region's method, and its dates stay within the period
    (residents of every municipality answer the same question in the same season)."""
    problems = []
    if new_picks != region_picks:
        problems.append(EditProblem.REGIONAL_PICKS)
    if _date_problems(period, opens_at, closes_at):
        problems.append(EditProblem.REGIONAL_PERIOD)
    return problems


def check_common_theme_edit(
    is_common: bool, removing: bool, old: tuple[str, int], new: tuple[str, int] | None = None
) -> list[EditProblem]:
    """A common theme stays on an adopted campaign's ballot under its title and VNG field:
    that is what the region compares. Its explanation, translations and place may change."""
    if not is_common:
        return []
    if removing or (new is not None and (title_key(new[0]), new[1]) != (title_key(old[0]), old[1])):
        return [EditProblem.COMMON_THEME]
    return []


def check_local_theme_addition(adopted: bool, phase: str) -> list[EditProblem]:
    """A municipality adds its own themes to an adopted campaign before it opens; after that
    its menu would differ from the region's halfway through."""
    return [EditProblem.LOCAL_THEME_TOO_LATE] if adopted and phase != NOT_STARTED else []
