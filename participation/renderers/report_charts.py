"""The council report's charts, drawn once for a set of figures and kept (per process).

The key is a digest of exactly what the charts show (the campaign, its themes' titles, every
count and share drawn), so a new ballot, a release, an exclusion or a renamed theme draws
anew, and the same figures, asked for again or by the page and then its PDF, do not.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TypeVar, cast

from participation.domain.result_data import CampaignResults, VillageResult
from participation.renderers import charts
from participation.renderers.heatmap import HeatTable, heat_tables

KEPT = 32  # sets of charts (and heat maps) per process; a set is 100–300 kB of SVG


@dataclass(frozen=True)
class ReportCharts:
    svg: dict[str, bytes]  # "totaal", "dorpen-1", "dorpen-2", …, "kanalen" (+ "warmtekaart")
    village_groups: list[list[VillageResult]]  # the villages of "dorpen-1", "dorpen-2", …
    heat: list[HeatTable]  # the heat map as printed tables


T = TypeVar("T")
_kept: OrderedDict[tuple[str, str], object] = OrderedDict()
_lock = threading.Lock()


def figures_key(results: CampaignResults) -> str:
    """A digest of everything the report's charts and heat map draw."""
    parts: list[object] = [
        results.campaign.id,
        results.total.ballots,
        [(r.theme.id, r.theme.title, r.votes, r.rank, r.share) for r in results.total.themes],
        sorted((k, v.ballots) for k, v in results.channels.items()),
    ]
    for village in results.villages:
        parts.append(
            (
                village.slug,
                village.name,
                village.tally.ballots,
                village.tally.small,
                [(r.theme.id, r.votes, r.share) for r in village.tally.themes],
                sorted((k, v.ballots) for k, v in village.channels.items()),
            )
        )
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()


def report_charts(results: CampaignResults, heat_map_chart: bool = False) -> ReportCharts:
    """The report's charts as SVG; with `heat_map_chart` also the heat map as a chart (the
    page shows it as a picture, the PDF as a table). Each is drawn once per set of figures."""
    key = figures_key(results)
    drawn = _kept_or_made((key, "report"), lambda: _draw(results))
    if not heat_map_chart:
        return drawn
    heat = _kept_or_made(
        (key, "warmtekaart"),
        lambda: charts.render(charts.CHARTS["warmtekaart"](results), "svg"),
    )
    return replace(drawn, svg={**drawn.svg, "warmtekaart": heat})


def _kept_or_made(key: tuple[str, str], make: Callable[[], T]) -> T:
    with _lock:
        if key in _kept:
            _kept.move_to_end(key)
            return cast(T, _kept[key])  # each key is made by one kind of `make`
    made = make()
    with _lock:
        _kept[key] = made
        while len(_kept) > KEPT:
            _kept.popitem(last=False)
    return made


def _draw(results: CampaignResults) -> ReportCharts:
    groups = charts.village_groups(results) or [[]]
    svg = {"totaal": charts.render(charts.ranked_total(results), "svg")}
    for number, villages in enumerate(groups, start=1):
        chart = charts.village_multiples(results, villages=villages)
        svg[f"dorpen-{number}"] = charts.render(chart, "svg")
    svg["kanalen"] = charts.render(charts.channel_breakdown(results), "svg")
    return ReportCharts(svg, groups, heat_tables(results))


def forget() -> None:
    """Drop every kept chart (tests, and the benchmark's cold runs)."""
    with _lock:
        _kept.clear()
