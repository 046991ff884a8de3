"""The regional chart: per common theme the region's share as a bar, each municipality's a dot."""

from __future__ import annotations

from matplotlib.ticker import PercentFormatter

from participation.domain.regional_data import RegionalResults
from participation.renderers.chart_base import (
    BRAND,
    INK,
    Chart,
    axes_at,
    empty,
    heading,
    heading_height,
    new_figure,
    style,
)
from participation.renderers.chart_sizes import PRINT_WIDTH, TEXT, block_width, lines_height, wrap
from participation.renderers.charts import render
from participation.renderers.regional_exports import chart_description as describe
from participation.renderers.words import number

# Okabe & Ito, apart from the bars' blue; markers differ too, for print in black and white.
DOT_COLOURS = ("#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#000000")
MARKERS = ("o", "s", "D", "^", "v", "P", "X")
LEGEND_LINE = 0.22  # inches per legend line at TEXT - 1 points


def regional_chart(results: RegionalResults) -> Chart:
    """Ranked by the region's votes, drawn as wide as an A4 page's text."""
    if not results.total.ballots:
        return empty(describe(results))
    rows = results.total.themes
    titles = [wrap(row.theme.title, TEXT, PRINT_WIDTH * 0.4) for row in rows]
    pitch = lines_height(max([t.count("\n") + 1 for t in titles] + [1]), TEXT) + 0.16
    title = (
        f"Aandeel van de stemmers per thema: {results.region} (n = "
        f"{number(results.total.ballots)}, balk) en per gemeente (stip)"
    )
    title = wrap(title, 10.5, PRINT_WIDTH - 0.2)
    # One legend line per municipality and the region's bar (names differ in length: in
    # columns they ran off the page), then the footnote on its own line below.
    footnote = 0.25 if results.own_menus else 0.0
    legend = 0.1 + LEGEND_LINE * (len(results.municipalities) + 1) + footnote
    top, bottom, right = heading_height(title), 0.5 + legend, 0.2
    left = max([block_width(t, TEXT) for t in titles] + [0.5]) + 0.12
    width, height = PRINT_WIDTH - left - right, pitch * len(rows)
    figure = new_figure(PRINT_WIDTH, top + height + bottom)
    axes = axes_at(figure, left, bottom, width, height)
    places = list(range(len(rows)))[::-1]
    axes.barh(
        places, [row.share for row in rows], color=BRAND, height=0.6, label=f"{results.region}"
    )
    for index, municipality in enumerate(results.municipalities):
        shares = [municipality.common.by_theme(row.theme.id).share for row in rows]
        star = " *" if municipality.own_menu else ""
        axes.scatter(
            shares,
            places,
            s=28,
            marker=MARKERS[index % len(MARKERS)],
            color=DOT_COLOURS[index % len(DOT_COLOURS)],
            edgecolors=INK,
            linewidths=0.5,
            zorder=3,
            label=f"{municipality.name} (n = {number(municipality.tally.ballots)}){star}",
        )
    axes.set_yticks(places, titles)
    axes.set_ylim(-0.5, len(rows) - 0.5)
    axes.set_xlim(0, 1.03)  # a dot at 100 % shown whole
    axes.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    axes.set_xlabel("Aandeel van de stemmers", fontsize=TEXT, color=INK)
    style(axes)
    figure_height = top + height + bottom
    figure.legend(
        *axes.get_legend_handles_labels(),
        loc="upper left",
        bbox_to_anchor=(0.02 / PRINT_WIDTH, legend / figure_height),
        ncols=1,
        fontsize=TEXT - 1,
        frameon=False,
        borderaxespad=0,
    )
    if results.own_menus:
        figure.text(
            0.02 / PRINT_WIDTH,
            0.06 / figure_height,
            "* had eigen thema's naast de gemeenschappelijke; vergeleken zijn alleen deze",
            fontsize=TEXT - 1,
            color=INK,
        )
    heading(figure, title)
    return Chart(figure, describe(results))


def chart_bytes(results: RegionalResults, fmt: str) -> bytes:
    """PNG at print resolution, or SVG with real text."""
    return render(regional_chart(results), fmt)
