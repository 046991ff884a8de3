"""The region's figures on its common themes, for the region and each municipality."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from participation.domain import figures
from participation.extensions import db
from participation.models import (
    Region,
    RegionalCampaign,
    RegionalIndicator,
    RegionalIndicatorValue,
    StaffUser,
)
from participation.services import audit
from participation.services.campaigns.indicators import FigureImport, FigureUpload, theme_lookup
from participation.services.regions import access, setup

Values = tuple[tuple[int, float], ...]


@dataclass(frozen=True)
class RegionalInput:
    theme_id: int  # a common theme of the regional campaign
    name: str
    source: str
    values: list[tuple[int, float]]
    trend: str | None = None  # None: worked out from the values
    municipality_id: int | None = None  # None: the whole region


@dataclass(frozen=True)
class RegionalFigure:
    """An indicator with its values for the region and per municipality (by id)."""

    indicator: RegionalIndicator
    theme: str
    region: Values
    municipalities: dict[int, Values]


def for_campaign(regional: RegionalCampaign) -> list[RegionalIndicator]:
    statement = (
        select(RegionalIndicator)
        .where(RegionalIndicator.regional_campaign_id == regional.id)
        .order_by(RegionalIndicator.id)
    )
    return list(db.session.scalars(statement))


def owned(regional: RegionalCampaign, indicator_id: int) -> RegionalIndicator | None:
    """The campaign's indicator with this id; None for any other (another region's: the
    ORM rule leaves it out)."""
    return db.session.scalar(
        select(RegionalIndicator).where(
            RegionalIndicator.id == indicator_id,
            RegionalIndicator.regional_campaign_id == regional.id,
        )
    )


def table(regional: RegionalCampaign) -> list[RegionalFigure]:
    """Every indicator with its values, by level."""
    themes = {theme.id: theme.title for theme in regional.themes}
    found = []
    for indicator in for_campaign(regional):
        whole, parts = _levels(indicator)
        found.append(
            RegionalFigure(indicator, themes.get(indicator.regional_theme_id, ""), whole, parts)
        )
    return found


def _levels(indicator: RegionalIndicator) -> tuple[Values, dict[int, Values]]:
    whole: list[tuple[int, float]] = []
    parts: dict[int, list[tuple[int, float]]] = {}
    for value in sorted(indicator.values, key=lambda v: (v.for_municipality_id or 0, v.year)):
        kept = (
            whole
            if value.for_municipality_id is None
            else parts.setdefault(value.for_municipality_id, [])
        )
        kept.append((value.year, value.value))
    return tuple(whole), {key: tuple(values) for key, values in parts.items()}


def area_codes(regional: RegionalCampaign) -> dict[str, int | None]:
    """The codes a file may name: the region's own (None) and its municipalities' (ids)."""
    found: dict[str, int | None] = {}
    for municipality in setup.member_municipalities(regional.region_id):
        if municipality.cbs_code.strip():
            found[figures.normal_code(municipality.cbs_code)] = municipality.id
    region = access.current_region()
    if region is not None and region.id == regional.region_id and region.cbs_code.strip():
        found[figures.normal_code(region.cbs_code)] = None
    return found


def add(regional: RegionalCampaign, given: RegionalInput, actor: StaffUser) -> RegionalIndicator:
    """A new indicator, or more values of the one of that theme and name (a municipality's
    beside the region's; a year given again replaces its value)."""
    indicator = _same(regional, given.theme_id, given.name)
    if indicator is None:
        indicator = _new(regional, given.theme_id, given.name, given.source)
    for year, value in given.values:
        _put(indicator, given.municipality_id, year, value)
    indicator.trend = given.trend or _trend(indicator)
    audit.record(actor, "regional_indicator.add", f"regional_campaign:{regional.slug}", given.name)
    db.session.commit()
    return indicator


def import_figures(
    regional: RegionalCampaign, data: bytes, upload: FigureUpload, actor: StaffUser
) -> FigureImport:
    """Figures for the region and its municipalities from a file in CBS's shape; all or
    nothing. A line's code is the region's (Region.cbs_code) or a member municipality's
    (Municipality.cbs_code); lines of other areas (a village core's, say) are left out."""
    read = figures.read(data, upload.name)
    result = FigureImport(without_figure=read.without_figure, problems=read.problems)
    matched, result.left_out = figures.match(read.figures, area_codes(regional))
    if read.figures and not matched and not result.problems:
        result.problems.append(figures.Problem(0, "none_yours"))
    themes = theme_lookup([(t.id, t.title, t.position) for t in regional.themes])
    grouped: dict[tuple[int, str], list[tuple[int | None, int, float]]] = {}
    for figure, municipality_id in matched:
        theme_id = themes.get(figure.theme.casefold()) if figure.theme else upload.theme_id
        if theme_id is None:
            result.problems.append(figures.Problem(figure.line, "theme", figure.theme))
            continue
        grouped.setdefault((theme_id, figure.indicator), []).append(
            (municipality_id, figure.year, figure.value)
        )
    if result.problems:
        result.problems = sorted(set(result.problems), key=lambda p: (p.line, p.reason))
        return result
    for (theme_id, name), values in grouped.items():
        indicator = _same(regional, theme_id, name) or _new(regional, theme_id, name, upload.source)
        for municipality_id, year, value in values:
            _put(indicator, municipality_id, year, value)
        indicator.trend = _trend(indicator)
        result.values += len(values)
    result.indicators = len(grouped)
    audit.record(
        actor,
        "regional_indicator.import",
        f"regional_campaign:{regional.slug}",
        f"{result.indicators} indicators, {result.values} values",
    )
    db.session.commit()
    return result


def save_code(region: Region, code: str, actor: StaffUser) -> bool:
    """Give the region the code files name it by (empty: none); False when it is no code."""
    if figures.codes_problems({"region": ("region", code)}):
        return False
    region.cbs_code = figures.normal_code(code)
    audit.record(actor, "region.code", region.slug, region.cbs_code)
    db.session.commit()
    return True


def delete(indicator: RegionalIndicator, actor: StaffUser) -> None:
    audit.record(actor, "regional_indicator.delete", f"regional_indicator:{indicator.id}")
    db.session.delete(indicator)
    db.session.commit()


def _new(regional: RegionalCampaign, theme_id: int, name: str, source: str) -> RegionalIndicator:
    indicator = RegionalIndicator(
        regional_campaign_id=regional.id,
        regional_theme_id=theme_id,
        name=" ".join(name.split())[:200],
        source=source.strip()[:200],
        trend="stable",
    )
    db.session.add(indicator)
    return indicator


def _same(regional: RegionalCampaign, theme_id: int, name: str) -> RegionalIndicator | None:
    wanted = " ".join(name.split()).casefold()
    return next(
        (
            i
            for i in for_campaign(regional)
            if i.regional_theme_id == theme_id and " ".join(i.name.split()).casefold() == wanted
        ),
        None,
    )


def _put(
    indicator: RegionalIndicator, municipality_id: int | None, year: int, value: float
) -> None:
    found = next(
        (
            v
            for v in indicator.values
            if v.for_municipality_id == municipality_id and v.year == year
        ),
        None,
    )
    if found is not None:
        found.value = value
        return
    indicator.values.append(
        RegionalIndicatorValue(for_municipality_id=municipality_id, year=year, value=value)
    )


def _trend(indicator: RegionalIndicator) -> str:
    whole, parts = _levels(indicator)
    return figures.trend_over(whole, list(parts.values()))
