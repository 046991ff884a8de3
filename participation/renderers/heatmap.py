"""The heat map of shares per village and theme: a chart for the results pages, and for the
council report a table of coloured cells, whose type prints at the page's own size."""

from __future__ import annotations

import math
from dataclasses import dataclass

from matplotlib import colormaps
from matplotlib.ticker import PercentFormatter

from participation.domain.result_data import CampaignResults, VillageResult
from participation.domain.stats import whole_percent
from participation.renderers.chart_base import (
    INK,
    Chart,
    describe,
    empty,
    new_figure,
    shown_villages,
    text_colour,
)
from participation.renderers.words import number

COLOURS = "cividis"  # stays readable for the common kinds of colour blindness
# Villages side by side in one printed table: more, and their names no longer fit in 8.5 pt.
TABLE_COLUMNS = 7


def heatmap(results: CampaignResults, public: bool = False) -> Chart:
    """Villages × themes, coloured and labelled by the share of the village's voters."""
    villages = shown_villages(results, public)
    if not villages:
        return empty(describe("warmtekaart", results, public))
    themes = [row.theme for row in results.total.themes]
    grid = [[v.tally.by_theme(t.id).share for v in villages] for t in themes]
    figure = new_figure(1.3 * len(villages) + 4.5, 0.42 * len(themes) + 1.6, "constrained")
    axes = figure.add_subplot()
    image = axes.imshow(grid, cmap=COLOURS, vmin=0, vmax=1, aspect="auto")
    palette = colormaps[COLOURS]
    axes.set_xticks(
        range(len(villages)), [f"{v.name}\nn = {number(v.tally.ballots)}" for v in villages]
    )
    axes.set_yticks(range(len(themes)), [t.title for t in themes])
    axes.tick_params(labelsize=9, colors=INK, length=0)
    axes.xaxis.tick_top()
    for spine in axes.spines.values():
        spine.set_visible(False)
    for y, row in enumerate(grid):
        for x, value in enumerate(row):
            colour = text_colour(palette(value))  # shares run 0..1, the image's own scale
            axes.text(
                x, y, whole_percent(value), ha="center", va="center", fontsize=8, color=colour
            )
    bar = figure.colorbar(image, ax=axes, shrink=0.6, format=PercentFormatter(1.0, decimals=0))
    bar.ax.tick_params(labelsize=8)
    bar.set_label("aandeel van de stemmers", fontsize=8)
    figure.suptitle("Aandeel van de stemmers per dorp en thema", fontsize=11, x=0.01, ha="left")
    return Chart(figure, describe("warmtekaart", results, public))


# Printed cells take one of LEVELS colours (classes heat-0 … in static/css/print.css, made by
# level_css()): a class, not an inline style, which the pages' Content-Security-Policy forbids.
LEVELS = 20


@dataclass(frozen=True)
class HeatCell:
    text: str
    level: int  # 0 … LEVELS - 1: the share in steps of 5 %, coloured by cividis


def level_of(share: float) -> int:
    return min(LEVELS - 1, max(0, int(share * LEVELS)))


def level_css() -> str:
    """The print style sheet's cell colours: cividis at each step's middle, white or ink text."""
    scale = colormaps[COLOURS]
    lines = []
    for level in range(LEVELS):
        rgba = scale((level + 0.5) / LEVELS)
        lines.append(
            f".heat .heat-{level} {{ background-color: {_hex(rgba)}; color: {text_colour(rgba)}; }}"
        )
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class HeatTable:
    villages: list[VillageResult]
    rows: list[tuple[str, list[HeatCell]]]  # per theme, in the order of the total: its cells


def heat_tables(results: CampaignResults, public: bool = False) -> list[HeatTable]:
    """The heat map as tables of at most TABLE_COLUMNS villages each, split evenly."""
    villages = shown_villages(results, public)
    if not villages:
        return []
    size = math.ceil(len(villages) / math.ceil(len(villages) / TABLE_COLUMNS))
    tables = []
    for start in range(0, len(villages), size):
        group = villages[start : start + size]
        rows = []
        for row in results.total.themes:
            cells = []
            for village in group:
                share = village.tally.by_theme(row.theme.id).share
                cells.append(HeatCell(whole_percent(share), level_of(share)))
            rows.append((row.theme.title, cells))
        tables.append(HeatTable(group, rows))
    return tables


def _hex(rgba: tuple[float, float, float, float]) -> str:
    return "#" + "".join(f"{round(channel * 255):02x}" for channel in rgba[:3])
