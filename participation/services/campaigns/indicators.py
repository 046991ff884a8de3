"""Safety-analysis indicators per theme: typed in or imported from CSV, shown beside the ranking."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from sqlalchemy import select

from participation.domain.priorities import TRENDS, trend_of
from participation.domain.text_input import parse_number
from participation.extensions import db
from participation.models import Campaign, Indicator, IndicatorValue, StaffUser
from participation.services import audit

CSV_HEADER = ("theme", "indicator", "source", "year", "value", "trend")


@dataclass
class IndicatorInput:
    theme_id: int
    name: str
    source: str
    values: list[tuple[int, float]]
    trend: str | None = None  # None: worked out from the values


@dataclass
class ImportResult:
    indicators: int = 0
    problems: list[str] = field(default_factory=list)  # "line 4: ..." in plain words


def add(campaign: Campaign, given: IndicatorInput, actor: StaffUser) -> Indicator:
    indicator = _build(campaign, given)
    db.session.add(indicator)
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
