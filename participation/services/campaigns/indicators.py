"""Safety-analysis indicators per theme and village core: typed in or imported."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from sqlalchemy import select

from participation.domain import figures
from participation.domain.priorities import TRENDS, trend_of
from participation.domain.text_input import parse_number
from participation.extensions import db
from participation.models import Area, Campaign, Indicator, IndicatorValue, Municipality, StaffUser
from participation.services import audit
from participation.services.municipality import settings_row

CSV_HEADER = ("theme", "indicator", "source", "year", "value", "trend")


@dataclass
class IndicatorInput:
    theme_id: int
    name: str
    source: str
    values: list[tuple[int, float]]
    trend: str | None = None  # None: worked out from the values
    area_id: int | None = None  # the village core the values are for; None: the municipality


@dataclass
class ImportResult:
    indicators: int = 0
    problems: list[str] = field(default_factory=list)  # "line 4: ..." in plain words


def add(campaign: Campaign, given: IndicatorInput, actor: StaffUser) -> Indicator:
    """A new indicator, or more values of the campaign's indicator of that theme and name (a
    core's values beside the municipality's; a year given again replaces its value)."""
    indicator = _same(campaign, given.theme_id, given.name)
    if indicator is None:
        indicator = _build(campaign, replace(given, values=[]))
        db.session.add(indicator)
    for year, value in given.values:
        _put(indicator, given.area_id, year, value)
    indicator.trend = given.trend or _trend(indicator)
    audit.record(actor, "indicator.add", campaign.slug, given.name)
    db.session.commit()
    return indicator


def stage(campaign: Campaign, given: IndicatorInput, actor: StaffUser) -> Indicator:
    """An indicator added to the session with its audit event, not yet committed: the caller
    stores it together with what measures by it (a goal), or rolls both back."""
    indicator = _build(campaign, given)
    db.session.add(indicator)
    audit.record(actor, "indicator.add", campaign.slug, given.name)
    return indicator


def _build(campaign: Campaign, given: IndicatorInput) -> Indicator:
    return Indicator(
        campaign_id=campaign.id,
        theme_id=given.theme_id,
        name=given.name,
        source=given.source,
        trend=given.trend or trend_of(given.values),
        values=[IndicatorValue(year=year, value=value) for year, value in sorted(given.values)],
    )


def delete(indicator: Indicator, actor: StaffUser) -> None:
    campaign = db.session.get(Campaign, indicator.campaign_id)
    audit.record(actor, "indicator.delete", campaign.slug if campaign else "?", indicator.name)
    db.session.delete(indicator)
    db.session.commit()


def for_campaign(campaign: Campaign) -> list[Indicator]:
    return list(
        db.session.scalars(
            select(Indicator).where(Indicator.campaign_id == campaign.id).order_by(Indicator.id)
        )
    )


def by_theme(campaign: Campaign) -> dict[int, list[Indicator]]:
    grouped: dict[int, list[Indicator]] = {}
    for indicator in for_campaign(campaign):
        grouped.setdefault(indicator.theme_id, []).append(indicator)
    return grouped


DECIMAL = re.compile(r"-?[0-9]{1,12}(\.[0-9]{1,6})?")
DECIMAL_COMMA = re.compile(r"(?<=[0-9]),(?=[0-9])")
SEPARATORS = re.compile(r"[\s,;:=]+")


def parse_values(text: str) -> list[tuple[int, float]] | None:
    """'2019: 120, 2020: 98,5' or one 'year value' per line; None if a part cannot be read.

    A comma between two digits is a decimal comma (70,0), as in the form for one year's
    figure; any other comma, a semicolon or a new line separates the years.
    """
    tokens = [t for t in SEPARATORS.split(DECIMAL_COMMA.sub(".", text)) if t]
    if len(tokens) % 2:
        return None
    values = []
    for year_text, value in zip(tokens[::2], tokens[1::2], strict=True):
        year = parse_number(year_text)
        if year is None or not 1900 <= year <= 2100:
            return None
        # float() would also take 'nan', 'inf', '1_0' and other digits than 0-9.
        if not DECIMAL.fullmatch(value):
            return None
        values.append((year, float(value)))
    years = [year for year, _ in values]
    return values if values and len(set(years)) == len(years) else None


def is_theme_list(data: bytes) -> bool:
    """Whether a file is the list of old (theme, indicator, source, year, value[, trend]),
    not CBS's shape (an area code, a period and figures)."""
    text = figures.decode(data[:4096]) or ""
    heading = next((line for line in text.splitlines() if line.strip()), "")
    cells = {figures.heading_key(cell) for cell in re.split(r"[;,\t]", heading)}
    return set(CSV_HEADER[:5]) <= cells and not cells & figures.CODE_HEADINGS


def import_csv(campaign: Campaign, data: bytes, actor: StaffUser) -> ImportResult:
    """Import rows theme,indicator,source,year,value[,trend]; all or nothing.

    `theme` is the theme's title or position; rows with the same theme and indicator name
    are one indicator with a value per year.
    """
    result = ImportResult()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        result.problems.append("not utf-8")
        return result
    header = text.split("\n", 1)[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","  # Dutch Excel uses ';'
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    missing = set(CSV_HEADER[:5]) - set(reader.fieldnames or [])
    if missing:
        result.problems.append("header: " + ", ".join(sorted(missing)))
        return result
    themes = {t.title.casefold(): t.id for t in campaign.themes}
    themes |= {str(t.position): t.id for t in campaign.themes}
    grouped: dict[tuple[int, str], IndicatorInput] = {}
    for line, row in enumerate(reader, start=2):
        theme_id = themes.get((row.get("theme") or "").strip().casefold())
        values = parse_values(f"{row.get('year', '')} {row.get('value', '')}")
        trend = (row.get("trend") or "").strip() or None
        name = (row.get("indicator") or "").strip()[:200]
        if theme_id is None or values is None or not name or trend not in (None, *TRENDS):
            result.problems.append(f"line {line}")
            continue
        key = (theme_id, name)
        item = grouped.setdefault(
            key, IndicatorInput(theme_id, name, (row.get("source") or "").strip()[:200], [])
        )
        item.values.extend(values)
        item.trend = trend or item.trend
    for (_, name), item in grouped.items():
        if len({year for year, _ in item.values}) != len(item.values):
            result.problems.append(f"{name}: a year twice")
    if result.problems:
        return result
    for item in grouped.values():
        db.session.add(_build(campaign, item))
    audit.record(actor, "indicator.import", campaign.slug, f"{len(grouped)} indicators")
    db.session.commit()
    result.indicators = len(grouped)
    return result


@dataclass(frozen=True)
class FigureUpload:
    """What staff tell with a file in CBS's shape (domain.figures.read)."""

    theme_id: int | None  # the theme of lines without a theme column
    source: str
    name: str = ""  # the indicator of a file with one column of figures and no indicator column


@dataclass
class FigureImport:
    indicators: int = 0
    values: int = 0
    without_figure: int = 0  # cells CBS left empty ('.', 'x')
    left_out: dict[str, list[int]] = field(default_factory=dict)  # other areas' codes: lines
    problems: list[figures.Problem] = field(default_factory=list)


def area_codes(campaign: Campaign) -> dict[str, int | None]:
    """The codes a file may name: the municipality's own (None) and its cores' (area ids)."""
    found: dict[str, int | None] = {}
    areas = db.session.scalars(select(Area).where(Area.cbs_code != "").order_by(Area.id))
    for area in areas:
        found[area.cbs_code.strip().upper()] = area.id
    municipality = _municipality_of(campaign)
    if municipality is not None and municipality.cbs_code.strip():
        found[municipality.cbs_code.strip().upper()] = None
    return found


def save_codes(
    campaign: Campaign, own: str, cores: Mapping[int, str], actor: StaffUser
) -> dict[str, str]:
    """Give the municipality (GM….) and the campaign's cores (WK…/BU…) the codes files name
    them by; nothing is saved when one is wrong. Returns the problems by key: 'own' or the
    area's id (domain.figures.codes_problems)."""
    areas = {area.id: area for area in campaign.areas}
    given = {"own": ("municipality", own)} | {
        str(area_id): ("core", code) for area_id, code in cores.items() if area_id in areas
    }
    problems = figures.codes_problems(given)
    if problems:
        return problems
    municipality = _municipality_of(campaign)
    if municipality is not None:
        municipality.cbs_code = figures.normal_code(own)
    for area_id, code in cores.items():
        if area_id in areas:
            areas[area_id].cbs_code = figures.normal_code(code)
    audit.record(actor, "indicator.codes", campaign.slug)
    db.session.commit()
    return {}


def own_code(campaign: Campaign) -> str:
    municipality = _municipality_of(campaign)
    return municipality.cbs_code if municipality is not None else ""


def _municipality_of(campaign: Campaign) -> Municipality | None:
    """The campaign's municipality: the one this request works for (its own row, by host)."""
    found = settings_row()
    return found if found is not None and found.id == campaign.municipality_id else None


def theme_lookup(themes: Sequence[tuple[int, str, int]]) -> dict[str, int]:
    """A theme column's words to theme ids: the title (any case) or the ballot position."""
    found = {title.strip().casefold(): key for key, title, _ in themes}
    return found | {str(position): key for key, _, position in themes}


def import_figures(
    campaign: Campaign, data: bytes, upload: FigureUpload, actor: StaffUser
) -> FigureImport:
    """Figures for the municipality and its cores from a file in CBS's shape; all or nothing.

    A line's code is the municipality's (Municipality.cbs_code) or a core's (Area.cbs_code);
    lines of other areas are left out and said back. An indicator of the same theme and name
    gets the values (a year given again is replaced); a new one is made otherwise.
    """
    read = figures.read(data, upload.name)
    result = FigureImport(without_figure=read.without_figure, problems=read.problems)
    matched, result.left_out = figures.match(read.figures, area_codes(campaign))
    if read.figures and not matched and not result.problems:
        result.problems.append(figures.Problem(0, "none_yours"))
    themes = theme_lookup([(t.id, t.title, t.position) for t in campaign.themes])
    grouped: dict[tuple[int, str], list[tuple[int | None, int, float]]] = {}
    for figure, area_id in matched:
        theme_id = themes.get(figure.theme.casefold()) if figure.theme else upload.theme_id
        if theme_id is None:
            result.problems.append(figures.Problem(figure.line, "theme", figure.theme))
            continue
        key = (theme_id, figure.indicator)
        grouped.setdefault(key, []).append((area_id, figure.year, figure.value))
    if result.problems:
        result.problems = sorted(set(result.problems), key=lambda p: (p.line, p.reason))
        return result
    for (theme_id, name), values in grouped.items():
        indicator = _same(campaign, theme_id, name)
        if indicator is None:
            given = IndicatorInput(theme_id, name, upload.source.strip()[:200], [])
            indicator = _build(campaign, given)
            db.session.add(indicator)
        for area_id, year, value in values:
            _put(indicator, area_id, year, value)
        indicator.trend = _trend(indicator)
        result.values += len(values)
    result.indicators = len(grouped)
    audit.record(
        actor,
        "indicator.import",
        campaign.slug,
        f"{result.indicators} indicators, {result.values} values",
    )
    db.session.commit()
    return result


def _same(campaign: Campaign, theme_id: int, name: str) -> Indicator | None:
    """The campaign's indicator of this theme and name (case and spacing aside)."""
    wanted = " ".join(name.split()).casefold()
    return next(
        (
            i
            for i in for_campaign(campaign)
            if i.theme_id == theme_id and " ".join(i.name.split()).casefold() == wanted
        ),
        None,
    )


def _put(indicator: Indicator, area_id: int | None, year: int, value: float) -> None:
    """Set the value for a core (or the municipality) in a year, replacing one given before."""
    kept = indicator.values if area_id is None else indicator.core_values
    found = next((v for v in kept if v.area_id == area_id and v.year == year), None)
    if found is not None:
        found.value = value
        return
    kept.append(IndicatorValue(area_id=area_id, year=year, value=value))
    kept.sort(key=lambda v: (v.area_id or 0, v.year))


def _trend(indicator: Indicator) -> str:
    """The municipality's trend, or the cores' together when it has no values of its own."""
    cores: dict[int, list[tuple[int, float]]] = {}
    for value in indicator.core_values:
        cores.setdefault(value.area_id or 0, []).append((value.year, value.value))
    whole = [(v.year, v.value) for v in indicator.values]
    return figures.trend_over(whole, list(cores.values()))


@dataclass(frozen=True)
class CoreFigure:
    """An indicator's latest value in a village core, beside the municipality's that year."""

    indicator: str
    year: int
    value: float
    whole: float | None  # the municipality's value in that year, when given


def by_core(campaign: Campaign) -> dict[str, dict[int, list[CoreFigure]]]:
    """Per village core (its slug) and theme: the latest value of each indicator there."""
    found: dict[str, dict[int, list[CoreFigure]]] = {}
    for indicator in for_campaign(campaign):
        whole = {v.year: v.value for v in indicator.values}
        latest: dict[int, IndicatorValue] = {}
        for value in indicator.core_values:  # by core, then year: the last one stays
            latest[value.area_id or 0] = value
        for value in latest.values():
            if value.area is None:
                continue
            shown = CoreFigure(indicator.name, value.year, value.value, whole.get(value.year))
            found.setdefault(value.area.slug, {}).setdefault(indicator.theme_id, []).append(shown)
    return found
