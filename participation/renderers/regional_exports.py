"""A regional campaign's results as the contract shapes: the JSON dict and the tallies CSV."""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

from participation.domain.regional_data import (
    Difference,
    MunicipalityFigures,
    RegionalResults,
    VillageFigures,
)
from participation.domain.safe_cells import PLAIN, CsvDialect, SafeCsvWriter
from participation.domain.stats import half_up, whole_percent
from participation.domain.tally import GroupTally, ThemeTally
from participation.renderers.words import number

# The municipality's tallies CSV (village, theme_id, theme, votes, ballots, share), with the
# level and the municipality in front, then what the regional levels add.
CSV_HEADER = (
    "level",
    "municipality",
    "village",
    "theme_id",
    "theme",
    "votes",
    "ballots",
    "share",
    "rank",
    "low",
    "high",
    "local_theme_id",
    "local_themes",
    "per_1000",
    "effective_n",
    "rest_share",
    "difference",
    "difference_low",
    "difference_high",
    "differs",
)


def _four(share: float) -> Decimal:
    """A share with four decimals, as the contract writes it (0.5933)."""
    return Decimal(f"{share:.4f}")


def _per_1000(value: float | None) -> Decimal | None:
    """Turnout per 1,000 inhabitants, two decimals, halves away from zero."""
    return None if value is None else half_up(value, 2)


def _themes_json(tally: GroupTally, regional_ids: Mapping[int, int] | None = None) -> list[Any]:
    shown = []
    for row in tally.themes:
        item: dict[str, Any] = {
            "id": row.theme.id,
            "title": row.theme.title,
            "votes": row.votes,
            "share": round(row.share, 4),
            "rank": row.rank,
            "interval": [round(row.low, 4), round(row.high, 4)],
        }
        if regional_ids is not None:  # a municipality's own menu: which are common
            item["regional_theme_id"] = regional_ids.get(row.theme.id)
        shown.append(item)
    return shown


def _difference_json(found: Difference) -> dict[str, Any]:
    return {
        "id": found.theme_id,
        "share": round(found.share, 4),
        "rest_share": round(found.rest_share, 4),
        "difference": round(found.difference, 4),
        "interval": [round(found.low, 4), round(found.high, 4)],
        "marked": found.marked,
    }


def _village_json(village: VillageFigures, regional_ids: Mapping[int, int]) -> dict[str, Any]:
    return {
        "slug": village.slug,
        "name": village.name,
        "members": list(village.members),
        "population": village.population,
        "ballots": village.tally.ballots,
        "per_1000": _float(_per_1000(village.per_1000)),
        "themes": _themes_json(village.tally, regional_ids),
    }


def _municipality_json(municipality: MunicipalityFigures) -> dict[str, Any]:
    return {
        "slug": municipality.slug,
        "name": municipality.name,
        "members": list(municipality.members),
        "campaign": municipality.campaign_slug,
        "population": municipality.population,
        "ballots": municipality.tally.ballots,
        "per_1000": _float(_per_1000(municipality.per_1000)),
        "local_themes": municipality.own_menu,
        "release": municipality.release,
        "released_at": _when(municipality.released_at),
        "themes": _themes_json(municipality.tally, municipality.regional_ids),
        "common_themes": _themes_json(municipality.common),
        "differences": [_difference_json(d) for d in municipality.differences],
        "villages": [_village_json(v, municipality.regional_ids) for v in municipality.villages],
    }


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _when(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def regional_json(results: RegionalResults) -> dict[str, Any]:
    """The regional results contract. The top level is the region on the common themes (ids
    of the regional themes) with "weighted": the shares weighted by the municipalities'
    populations, with "effective_n" (Kish) and the municipalities it took together
    ("merged", under 30 voters); "municipalities" lists each one's own menu ("themes", with
    "regional_theme_id": null for a local theme, and "local_themes": true when it added
    any), the common themes alone, its "differences" from the rest of the region (Newcombe's
    95 % interval, "marked" when it leaves out 0), and its "villages". "per_1000" is turnout
    per 1,000 inhabitants. For the public ("public": true) the figures are each municipality's
    latest release ("release", "released_at"), groups of fewer than 5 shown together
    ("members"), and "not_released" names those without a release (not counted)."""
    weighted = results.weighted
    return {
        "region": results.region,
        "campaign": results.campaign_slug,
        "title": results.title,
        "public": results.public,
        "published_at": _when(results.published_at),
        "ballots": results.total.ballots,
        "population": results.population,
        "per_1000": _float(_per_1000(results.per_1000)),
        "themes": _themes_json(results.total),
        "weighted": None
        if weighted is None
        else {
            "ballots": weighted.ballots,
            "effective_n": round(weighted.effective_n, 1),
            "merged": [list(group) for group in weighted.merged],
            "themes": [
                {
                    "id": theme.id,
                    "share": round(weighted.shares[theme.id], 4),
                    "interval": [round(b, 4) for b in weighted.interval(theme.id)],
                }
                for theme in results.themes
            ],
        },
        "not_released": list(results.not_released),
        "municipalities": [_municipality_json(m) for m in results.municipalities],
    }


def _in_ballot_order(tally: GroupTally) -> list[ThemeTally]:
    return sorted(tally.themes, key=lambda row: row.theme.position)


Cells = dict[str, object]


def _tallied(row: ThemeTally, ballots: int) -> Cells:
    return {
        "theme": row.theme.title,
        "votes": row.votes,
        "ballots": ballots,
        "share": _four(row.share),
        "rank": row.rank,
        "low": _four(row.low),
        "high": _four(row.high),
    }


def _difference_cells(found: Difference | None) -> Cells:
    if found is None:
        return {}
    return {
        "rest_share": _four(found.rest_share),
        "difference": _four(found.difference),
        "difference_low": _four(found.low),
        "difference_high": _four(found.high),
        "differs": 1 if found.marked else 0,
    }


def csv_rows(results: RegionalResults) -> Iterator[Cells]:
    """The tallies, one row per level × group × theme: the region, the region weighted by
    population, each municipality (its own menu; a local theme has no theme_id but its own
    local_theme_id) and each of its villages. Ballot order within each group."""
    turnout = _per_1000(results.per_1000)
    for row in _in_ballot_order(results.total):
        yield {"level": "region", "theme_id": row.theme.id, "per_1000": turnout} | _tallied(
            row, results.total.ballots
        )
    weighted = results.weighted
    if weighted is not None:
        n_eff = half_up(weighted.effective_n, 1)
        for theme in results.themes:
            low, high = weighted.interval(theme.id)
            yield {
                "level": "region_weighted",
                "theme_id": theme.id,
                "theme": theme.title,
                "ballots": weighted.ballots,
                "share": _four(weighted.shares[theme.id]),
                "low": _four(low),
                "high": _four(high),
                "effective_n": n_eff,
            }
    for municipality in results.municipalities:
        yield from _municipality_rows(municipality)


def _municipality_rows(municipality: MunicipalityFigures) -> Iterator[Cells]:
    ids = municipality.regional_ids
    menu = 1 if municipality.own_menu else 0
    groups = [(municipality.tally, "", municipality.per_1000)] + [
        (village.tally, village.slug, village.per_1000) for village in municipality.villages
    ]
    for tally, village, turnout in groups:
        for row in _in_ballot_order(tally):
            common = ids.get(row.theme.id)
            found = None if common is None or village else municipality.difference(common)
            yield {
                "level": "village" if village else "municipality",
                "municipality": municipality.slug,
                "village": village,
                "theme_id": common,
                "local_theme_id": None if common is not None else row.theme.id,
                "local_themes": menu,
                "per_1000": _per_1000(turnout),
                **_tallied(row, tally.ballots),
                **_difference_cells(found),
            }


def regional_csv(results: RegionalResults, dialect: CsvDialect = PLAIN) -> str:
    """The tallies CSV of the three levels; every text cell safe for a spreadsheet."""
    buffer = io.StringIO()
    writer = SafeCsvWriter(buffer, dialect)
    writer.writerow(CSV_HEADER)
    for cells in csv_rows(results):
        writer.writerow([cells.get(column) for column in CSV_HEADER])
    return buffer.getvalue()


def chart_description(results: RegionalResults) -> str:
    """The regional chart's alt text, in Dutch as the chart: every number it shows (here,
    so a page can say it without loading matplotlib)."""
    parts = []
    for row in results.total.themes:
        each = ", ".join(
            f"{m.name} {whole_percent(m.common.by_theme(row.theme.id).share)}"
            for m in results.municipalities
        )
        parts.append(f"{row.theme.title}: regio {whole_percent(row.share)} ({each})")
    return (
        f"Staafdiagram van de regio {results.region} (n = {number(results.total.ballots)}), "
        f"met een stip per gemeente: {'; '.join(parts)}."
    )
