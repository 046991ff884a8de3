"""The regional council report's figures: the common part once, then a chapter per municipality."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from participation.domain.regional_data import Difference, MunicipalityFigures, RegionalResults
from participation.domain.tally import ThemeRef
from participation.extensions import db
from participation.models import Region, RegionalCampaign
from participation.services.results import regional
from participation.timeutil import utc_to_local


@dataclass(frozen=True)
class Chapter:
    """One municipality's chapter: its figures and the dates it was open (its own, within
    the region's period); a group of municipalities shown together has no dates."""

    figures: MunicipalityFigures
    opens_on: date | None
    closes_on: date | None


@dataclass(frozen=True)
class Marked:
    """A common theme on which a municipality differs clearly from the rest of the region."""

    municipality: MunicipalityFigures
    theme: ThemeRef
    difference: Difference


@dataclass(frozen=True)
class RegionalCouncilReport:
    """Everything the report shows, from services.results.regional.gather (nothing recounted).

    The figures are each municipality's latest release, else today's count, with small
    groups shown together as the public outputs show them; `live` names the municipalities
    shown with today's count, `not_counted` those with 1 to 4 voters and no release."""

    regional: RegionalCampaign
    police_team: str
    period: tuple[date, date]
    results: RegionalResults
    chapters: tuple[Chapter, ...]
    marked: tuple[Marked, ...]
    live: tuple[str, ...]

    @property
    def not_counted(self) -> tuple[str, ...]:
        return self.results.not_released


def _local_date(value: datetime | None) -> date | None:
    local = utc_to_local(value)
    return local.date() if local is not None else None


def council_report(found: RegionalCampaign) -> RegionalCouncilReport:
    """The report's figures for this regional campaign (see RegionalCouncilReport)."""
    results = regional.gather(found, public=False, report=True)
    dates = {
        municipality.slug: (_local_date(campaign.opens_at), _local_date(campaign.closes_at))
        for municipality, campaign in regional.adopting(found)
    }
    chapters = tuple(Chapter(m, *dates.get(m.slug, (None, None))) for m in results.municipalities)
    marked = tuple(
        Marked(m, theme, d)
        for theme in (row.theme for row in results.total.themes)
        for m in results.municipalities
        if (d := m.difference(theme.id)) is not None and d.marked
    )
    police_team = db.session.scalar(select(Region.police_team).where(Region.id == found.region_id))
    starts, ends = _local_date(found.period_starts), _local_date(found.period_ends)
    assert starts is not None and ends is not None  # a regional campaign always has its period
    return RegionalCouncilReport(
        found,
        police_team or "",
        (starts, ends),
        results,
        chapters,
        marked,
        tuple(m.name for m in results.municipalities if m.release is None and not m.members),
    )
