"""Result charts with matplotlib: Figure objects (never pyplot) turned into PNG or SVG bytes.

Colours: the municipality's blue for single series, Okabe–Ito for channels and cividis for
the heatmap; all three stay apart for the common kinds of colour blindness.
"""

from __future__ import annotations

import io
import math
import textwrap
from collections.abc import Callable
from dataclasses import dataclass

from matplotlib import rc_context
from matplotlib.ticker import PercentFormatter

from participation.domain.result_data import CampaignResults, VillageResult
from participation.domain.stats import whole_percent
from participation.renderers.chart_base import (
    BRAND,
    CHANNEL_COLOURS,
    CHANNEL_LABELS,
    INK,
    NO_VOTES,
    PRINT_DPI,
    STAFF_ONLY,
    Chart,
    axes_at,
    describe,
    empty,
    heading,
    heading_height,
    new_figure,
    shown_villages,
    style,
)
from participation.renderers.chart_sizes import (
    PRINT_WIDTH,
    SMALL,
    TEXT,
    TITLE,
    block_width,
    lines_height,
    text_width,
    wrap,
)
from participation.renderers.heatmap import heatmap
from participation.renderers.words import DUTCH, Words, number


def ranked_total(results: CampaignResults, public: bool = False, words: Words = DUTCH) -> Chart:
    """All votes together: one horizontal bar per theme, most votes on top, values at the bars.
    Drawn as wide as an A4 page's text, so it prints at 100 % with 9 pt type."""
    rows = results.total.themes
    titles = [wrap(words.title_of(row.theme), TEXT, PRINT_WIDTH * 0.46) for row in rows]
    labels = [f"{words.count(row.votes)} ({whole_percent(row.share)})" for row in rows]
    pitch = lines_height(max([t.count("\n") + 1 for t in titles] + [1]), TEXT) + 0.08
    title = words.all_votes.format(n=words.count(results.total.ballots))
    top, bottom, right = heading_height(title), 0.5, 0.1
    left = max([block_width(t, TEXT) for t in titles] + [0.5]) + 0.12
    width, height = PRINT_WIDTH - left - right, pitch * max(len(rows), 1)
    figure = new_figure(PRINT_WIDTH, top + height + bottom)
    axes = axes_at(figure, left, bottom, width, height)
    places = list(range(len(rows)))[::-1]
    votes = [row.votes for row in rows]
    bars = axes.barh(places, votes, color=BRAND, height=0.7)
    axes.bar_label(bars, labels=labels, padding=3, fontsize=TEXT, color=INK)
    axes.set_yticks(places, titles)
    axes.set_ylim(-0.5, max(len(rows), 1) - 0.5)
    room = max([text_width(label, TEXT) for label in labels] + [0]) + 0.1
    axes.set_xlim(0, max([*votes, 1]) * width / max(width - room, 0.5))
    axes.set_xlabel(words.votes_axis, fontsize=TEXT, color=INK)
    axes.xaxis.set_major_formatter(lambda value, _: words.count(int(value)))
    style(axes)
    heading(figure, title)
    return Chart(figure, describe("totaal", results, words=words))


MULTIPLES_COLUMNS = 3
# The tallest chart a page holds below its heading (A4 less margins, heading and footer).
MAX_HEIGHT = 9.2  # inches
MULTIPLES_TITLE = "Aandeel van de stemmers per dorp (* minder dan 30 stemmen)"


@dataclass(frozen=True)
class _Multiples:
    """The small multiples' measures, in inches, for the villages of one chart."""

    titles: list[str]  # the themes, bottom to top, wrapped
    left: float  # the labels' column
    pitch: float  # per theme
    top: float
    panel: float  # one village's width
    names: dict[str, str]  # per village: its name and n, in one line or two
    gap: float = 0.15
    foot: float = 0.25  # the scale under each village

    @property
    def head(self) -> float:
        lines = max([name.count("\n") + 1 for name in self.names.values()] + [1])
        return lines_height(lines, TEXT) + 0.06

    @property
    def row(self) -> float:
        return self.head + self.pitch * len(self.titles) + self.foot


def _multiples(results: CampaignResults, villages: list[VillageResult]) -> _Multiples:
    titles = [wrap(row.theme.title, SMALL, PRINT_WIDTH * 0.45) for row in results.total.themes]
    left = max([block_width(t, SMALL) for t in titles] + [0.5]) + 0.1
    columns, gap = max(1, min(MULTIPLES_COLUMNS, len(villages))), 0.15
    panel = min(2.2, (PRINT_WIDTH - left - 0.1 - gap * (columns - 1)) / columns)
    names = {}
    for village in villages:
        count = f"(n = {number(village.tally.ballots)}){' *' if village.tally.small else ''}"
        one_line = f"{village.name} {count}"
        fits = text_width(one_line, TEXT) <= panel + gap
        wrapped = f"{wrap(village.name, TEXT, panel + gap)}\n{count}"
        names[village.slug] = one_line if fits else wrapped
    return _Multiples(
        titles[::-1],
        left,
        lines_height(max([t.count("\n") + 1 for t in titles] + [1]), SMALL) + 0.04,
        heading_height(MULTIPLES_TITLE),
        panel,
        names,
        gap,
    )


def village_groups(results: CampaignResults, public: bool = False) -> list[list[VillageResult]]:
    """The villages in groups that each fit one printed page as small multiples."""
    villages = shown_villages(results, public)
    sizes = _multiples(results, villages)
    rows = max(1, int((MAX_HEIGHT - sizes.top) // sizes.row))
    per_page = rows * MULTIPLES_COLUMNS
    return [villages[start : start + per_page] for start in range(0, len(villages), per_page)]


def village_multiples(
    results: CampaignResults, public: bool = False, villages: list[VillageResult] | None = None
) -> Chart:
    """One small bar chart per village (`villages`, or every one shown), themes in the order
    of the total, shares on one scale; at print width, with 8.5 and 9 pt type."""
    shown = shown_villages(results, public) if villages is None else villages
    alt = describe("dorpen", results, public, villages=shown)
    if not shown:
        return empty(alt)
    sizes = _multiples(results, shown)
    columns = min(MULTIPLES_COLUMNS, len(shown))
    rows = math.ceil(len(shown) / columns)
    height = sizes.top + rows * sizes.row
    figure = new_figure(PRINT_WIDTH, height)
    places = list(range(len(sizes.titles)))
    theme_ids = [row.theme.id for row in results.total.themes][::-1]
    for index, village in enumerate(shown):
        row, column = divmod(index, columns)
        bottom = height - sizes.top - (row + 1) * sizes.row + sizes.foot
        axes = axes_at(
            figure,
            sizes.left + column * (sizes.panel + sizes.gap),
            bottom,
            sizes.panel,
            sizes.pitch * max(len(places), 1),
        )
        shares = [village.tally.by_theme(theme_id).share for theme_id in theme_ids]
        axes.barh(places, shares, color=BRAND, height=0.7)
        # The themes' names in the first column only; no tick marks (fewer parts to draw).
        axes.set_yticks(places if column == 0 else [], sizes.titles if column == 0 else [])
        axes.set_ylim(-0.5, max(len(places), 1) - 0.5)
        axes.set_title(sizes.names[village.slug], fontsize=TEXT, color=INK, pad=3)
        axes.set_xlim(0, 1)
        # A scale under every village, labelled at 50 % only: side by side, labels at 0 and
        # 100 % ran together ("100%0%") and 25 % steps crowd a narrow panel.
        axes.set_xticks([0.25, 0.5, 0.75], ["", "50%", ""])
        style(axes, SMALL)
        axes.tick_params(axis="y", left=False)
    heading(figure, MULTIPLES_TITLE)
    return Chart(figure, alt)


def channel_breakdown(results: CampaignResults, public: bool = False) -> Chart:
    """Ballots per village, stacked by channel; the totals per channel in the title. At print
    width, with 9 pt type.

    The public sees no village's own channels (services.results.public_results): an empty chart.
    """
    villages = [v for v in shown_villages(results, public) if v.channels]
    if not villages:
        # The public never sees a village's channels: with votes in, say so, not "no votes".
        message = STAFF_ONLY if public and results.total.ballots else NO_VOTES
        return empty(describe("kanalen", results, public), message)
    names = [v.name for v in villages]
    totals = [sum(c.ballots for c in v.channels.values()) for v in villages]
    parts = ", ".join(
        f"{CHANNEL_LABELS[c]} {number(results.channels[c].ballots)}"
        for c in CHANNEL_COLOURS
        if c in results.channels
    )
    title = "Hoe de stemmen binnenkwamen\n" + wrap(
        f"in totaal {number(results.total.ballots)}: {parts}", TITLE, PRINT_WIDTH - 0.1
    )
    top, bottom, right = heading_height(title), 0.85, 0.1  # below: the scale and the legend
    left = max(block_width(name, TEXT) for name in names) + 0.12
    width, height = PRINT_WIDTH - left - right, 0.3 * len(names)
    figure = new_figure(PRINT_WIDTH, top + height + bottom)
    axes = axes_at(figure, left, bottom, width, height)
    places = list(range(len(names)))[::-1]
    start = [0] * len(names)
    for channel, colour in CHANNEL_COLOURS.items():
        counts = [v.channels[channel].ballots if channel in v.channels else 0 for v in villages]
        if not any(counts):
            continue
        axes.barh(
            places,
            counts,
            left=start,
            color=colour,
            height=0.65,
            label=CHANNEL_LABELS[channel],
            edgecolor="white",
            linewidth=0.6,
        )
        start = [a + b for a, b in zip(start, counts, strict=True)]
    for place, total in zip(places, totals, strict=True):
        axes.text(total, place, f" {number(total)}", va="center", fontsize=TEXT, color=INK)
    axes.set_yticks(places, names)
    axes.set_ylim(-0.5, len(names) - 0.5)
    room = max(text_width(f" {number(total)}", TEXT) for total in totals) + 0.1
    axes.set_xlim(0, max([*totals, 1]) * width / max(width - room, 0.5))
    axes.xaxis.set_major_formatter(lambda value, _: number(int(value)))
    axes.set_xlabel("Aantal stemmen", fontsize=TEXT, color=INK)
    figure.legend(
        loc="lower center", bbox_to_anchor=(0.5, 0.0), ncols=4, fontsize=TEXT, frameon=False
    )
    style(axes)
    heading(figure, title)
    return Chart(figure, describe("kanalen", results, public))


def survey_question(
    text: str,
    base: int,
    options: list[tuple[str, float | None]],
    words: Words = DUTCH,
) -> Chart:
    """One survey question: a bar per answer with its percent of those who answered; an
    answer hidden from the public (None) gets no bar, only '< 5'. The title's words and
    figures are Dutch unless a resident's page asks for its language."""
    figure = new_figure(8, 0.42 * len(options) + 1.3, "constrained")
    axes = figure.add_subplot()
    labels = [label for label, _ in options][::-1]
    shown = [value for _, value in options][::-1]
    values = [(value or 0) / 100 for value in shown]
    bars = axes.barh(labels, values, color=BRAND, height=0.7)
    axes.bar_label(
        bars,
        labels=[
            "< 5" if value is None else f"{value / 100:.1%}".replace(".", words.decimal)
            for value in shown
        ],
        padding=3,
        fontsize=9,
    )
    axes.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    axes.set_xlim(0, max([*values, 0.01]) * 1.2)
    title = f"{text} ({words.base}: {words.count(base)})"
    axes.set_title(title, loc="left", fontsize=10, color=INK, wrap=True)
    style(axes)
    listed = "; ".join(
        f"{label} minder dan 5" if value is None else f"{label} {value:.1f}%".replace(".", ",")
        for label, value in options
    )
    return Chart(figure, f"Staafdiagram '{text}', van {number(base)} antwoorden: {listed}.")


def ranked_total_phone(
    results: CampaignResults, public: bool = False, words: Words = DUTCH
) -> Chart:
    """The ranked total drawn for a phone: each theme's name above its bar, in type that
    stays at least 12 px when the chart is shown 360 px wide."""
    rows = results.total.themes
    names = [textwrap.wrap(f"{row.rank}. {words.title_of(row.theme)}", 30) for row in rows]
    heights = [0.3 + 0.2 * len(lines) for lines in names]  # inches per theme
    figure = new_figure(3.6, sum(heights) + 0.7, layout=None)
    top = max([row.votes for row in rows] + [1])
    axes = figure.add_axes((0.03, 0.02, 0.94, 1 - 0.6 / (sum(heights) + 0.7)))
    y = 0.0
    for row, lines, height in zip(rows, names, heights, strict=True):
        y -= height
        axes.barh(y, row.votes, height=0.16, color=BRAND, align="edge")
        axes.text(0, y + 0.2, "\n".join(lines), fontsize=11, color=INK, va="bottom")
        label = f"{words.count(row.votes)} ({whole_percent(row.share)})"
        axes.text(row.votes + top * 0.02, y + 0.08, label, fontsize=11, color=INK, va="center")
    axes.set_xlim(0, top * 1.45)
    axes.set_ylim(y - 0.05, 0)
    axes.set_axis_off()
    figure.text(
        0.03,
        1 - 0.25 / (sum(heights) + 0.7),
        words.all_votes.format(n=words.count(results.total.ballots)),
        fontsize=12,
        color=INK,
        va="center",
    )
    return Chart(figure, describe("totaal", results, words=words))


# Charts drawn in the language of a resident's page (?taal=); the others are always Dutch.
WORDED_CHARTS = {"totaal"}
# Charts with a phone-sized drawing (?formaat=telefoon), for pages read on a phone.
PHONE_CHARTS: dict[str, Callable[..., Chart]] = {"totaal": ranked_total_phone}

CHARTS: dict[str, Callable[..., Chart]] = {
    "totaal": ranked_total,
    "dorpen": village_multiples,
    "warmtekaart": heatmap,
    "kanalen": channel_breakdown,
}


def render(chart: Chart, fmt: str) -> bytes:
    """PNG at print resolution, or SVG with real text (selectable, editable, smaller)."""
    buffer = io.BytesIO()
    options = {"dpi": PRINT_DPI} if fmt == "png" else {"metadata": {"Date": None}}
    with rc_context({"svg.fonttype": "none", "font.family": "DejaVu Sans"}):
        chart.figure.savefig(buffer, format=fmt, **options)
    return buffer.getvalue()
