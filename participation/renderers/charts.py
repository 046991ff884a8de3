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
from typing import TYPE_CHECKING

from matplotlib import rc_context
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from participation.domain.house_style import DEFAULT_COLOUR, contrast_ratio
from participation.domain.stats import whole_percent
from participation.domain.vocabulary import CHANNEL_NAMES
from participation.services.results.results import CampaignResults, VillageResult

if TYPE_CHECKING:
    from participation.models import Theme

BRAND = DEFAULT_COLOUR  # the default house colour; charts do not follow a municipality's
INK = "#1b1b1b"
GRID = "#d0d7dc"
# Okabe & Ito (2008), in an order that reads well on paper and on screen.
CHANNEL_COLOURS = {
    "qr": "#0072B2",
    "web": "#56B4E9",
    "stand": "#E69F00",
    "paper": "#009E73",
    "overig": "#767676",  # channels shown together (a release, a document for outsiders)
}
CHANNEL_LABELS = {
    **{str(key): name for key, name in CHANNEL_NAMES.items()},
    "overig": "overige samen",
}
PRINT_DPI = 200
HIDE_BELOW = 5  # villages with fewer ballots are left out of public charts


def number(value: int) -> str:
    """Dutch thousands separator: 12.345."""
    return f"{value:,}".replace(",", ".")


def _text_colour(rgba: tuple[float, float, float, float]) -> str:
    """White or ink, whichever contrasts more with the cell (WCAG, as for the house colour)."""
    cell = to_hex(rgba)
    return "white" if contrast_ratio(cell, "#ffffff") > contrast_ratio(cell, INK) else INK


@dataclass(frozen=True)
class Chart:
    figure: Figure
    alt: str  # alt text in the chart's language: what it shows, with its numbers


def _dutch_title(theme: Theme) -> str:
    return theme.title


@dataclass(frozen=True)
class Words:
    """The ranked total's words; Dutch unless a resident's page asks for its own language."""

    all_votes: str = "Alle stemmen samen (n = {n})"
    votes_axis: str = "Aantal stemmen (aandeel van de stemmers)"
    alt: str = "Staafdiagram van alle {n} stemmen samen: {listed}."
    title_of: Callable[[Theme], str] = _dutch_title
    count: Callable[[int], str] = number  # 2.295 in Dutch, 2,295 in English


DUTCH = Words()


def describe(
    name: str, results: CampaignResults, public: bool = False, words: Words = DUTCH
) -> str:
    """The chart's alt text without drawing it, for pages that embed the image."""
    if name == "totaal":
        listed = "; ".join(
            f"{words.title_of(r.theme)} {words.count(r.votes)} ({whole_percent(r.share)})"
            for r in results.total.themes
        )
        return words.alt.format(n=words.count(results.total.ballots), listed=listed)
    villages = _shown_villages(results, public)
    if name == "dorpen":
        tops = "; ".join(
            f"{v.name} (n = {number(v.tally.ballots)}): "
            + ", ".join(f"{r.theme.title} {whole_percent(r.share)}" for r in v.tally.themes[:3])
            for v in villages
        )
        return f"Kleine staafdiagrammen per dorp; de drie grootste thema's: {tops}."
    if name == "warmtekaart":
        return (
            "Warmtekaart van het aandeel per dorp en thema; "
            "dezelfde cijfers staan in de tabel 'Per dorp'."
        )
    parts = ", ".join(
        f"{CHANNEL_LABELS[c]} {number(results.channels[c].ballots)}"
        for c in CHANNEL_COLOURS
        if c in results.channels
    )
    return f"Gestapelde staven per dorp naar kanaal; in totaal: {parts}."


def _figure(width: float, height: float, layout: str | None = "constrained") -> Figure:
    figure = Figure(figsize=(width, height), layout=layout)
    figure.set_facecolor("white")
    return figure


def _style(axes) -> None:  # type: ignore[no-untyped-def]
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.spines["left"].set_color(GRID)
    axes.spines["bottom"].set_color(GRID)
    axes.tick_params(colors=INK, labelsize=9)
    axes.xaxis.grid(True, color=GRID, linewidth=0.6)
    axes.set_axisbelow(True)


def ranked_total(results: CampaignResults, public: bool = False, words: Words = DUTCH) -> Chart:
    """All votes together: one horizontal bar per theme, most votes on top, values at the bars."""
    rows = results.total.themes
    figure = _figure(8, 0.42 * len(rows) + 1.2)
    axes = figure.add_subplot()
    titles = [words.title_of(row.theme) for row in rows][::-1]
    votes = [row.votes for row in rows][::-1]
    bars = axes.barh(titles, votes, color=BRAND, height=0.7)
    labels = [f"{words.count(row.votes)} ({whole_percent(row.share)})" for row in rows][::-1]
    axes.bar_label(bars, labels=labels, padding=3, fontsize=9, color=INK)
    axes.set_xlim(0, max([*votes, 1]) * 1.18)
    axes.set_xlabel(words.votes_axis, fontsize=9, color=INK)
    axes.set_title(
        words.all_votes.format(n=words.count(results.total.ballots)),
        loc="left",
        fontsize=11,
        color=INK,
    )
    axes.xaxis.set_major_formatter(lambda value, _: words.count(int(value)))
    _style(axes)
    return Chart(figure, describe("totaal", results, words=words))


NO_VOTES = "Nog geen stemmen"
STAFF_ONLY = "De stemmen per dorp en kanaal zijn alleen voor medewerkers"


def _empty(alt: str, message: str = NO_VOTES) -> Chart:
    figure = _figure(6, 1.2)
    figure.text(0.5, 0.5, message, ha="center", va="center", fontsize=11, color=INK)
    return Chart(figure, alt)


def _shown_villages(results: CampaignResults, public: bool) -> list[VillageResult]:
    minimum = HIDE_BELOW if public else 1
    return [v for v in results.villages if v.tally.ballots >= minimum]


def village_multiples(results: CampaignResults, public: bool = False) -> Chart:
    """One small bar chart per village, themes in the order of the total, shares on one scale."""
    villages = _shown_villages(results, public)
    if not villages:
        return _empty(describe("dorpen", results, public))
    order = [row.theme for row in results.total.themes][::-1]
    columns = 3
    rows = max(1, math.ceil(len(villages) / columns))
    height = rows * (0.24 * len(order) + 1.0) + 0.4
    # Fixed margins: the layout solver would double the render time of this largest chart.
    figure = _figure(11, height, layout=None)
    figure.subplots_adjust(
        left=0.28,
        right=0.98,
        top=1 - 0.85 / height,
        bottom=0.35 / height,
        wspace=0.12,
        hspace=0.9 / (0.24 * len(order) + 1.0),
    )
    axes_grid = figure.subplots(rows, columns, sharex=True, sharey=True, squeeze=False)
    for index, axes in enumerate(axes_grid.flat):
        if index >= len(villages):
            axes.set_visible(False)
            continue
        village = villages[index]
        shares = [village.tally.by_theme(theme.id).share for theme in order]
        axes.barh([theme.title for theme in order], shares, color=BRAND, height=0.7)
        marker = " *" if village.tally.small else ""
        axes.set_title(f"{village.name} (n = {number(village.tally.ballots)}){marker}", fontsize=10)
        axes.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        axes.set_xlim(0, 1)
        # No labels at 0 and 100 %: side by side they ran together ("100%0%").
        axes.set_xticks([0.25, 0.5, 0.75])
        _style(axes)
        axes.tick_params(labelsize=8, labelbottom=True)  # a scale under every village
    figure.suptitle(
        "Aandeel van de stemmers per dorp (* minder dan 30 stemmen)",
        fontsize=11,
        x=0.01,
        y=1 - 0.15 / height,
        ha="left",
    )
    return Chart(figure, describe("dorpen", results, public))


def heatmap(results: CampaignResults, public: bool = False) -> Chart:
    """Villages × themes, coloured and labelled by the share of the village's voters."""
    villages = _shown_villages(results, public)
    if not villages:
        return _empty(describe("warmtekaart", results, public))
    themes = [row.theme for row in results.total.themes]
    grid = [[v.tally.by_theme(t.id).share for v in villages] for t in themes]
    figure = _figure(1.3 * len(villages) + 4.5, 0.42 * len(themes) + 1.6)
    axes = figure.add_subplot()
    image = axes.imshow(grid, cmap="cividis", vmin=0, vmax=1, aspect="auto")
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
            colour = _text_colour(image.cmap(image.norm(value)))
            axes.text(
                x, y, whole_percent(value), ha="center", va="center", fontsize=8, color=colour
            )
    bar = figure.colorbar(image, ax=axes, shrink=0.6, format=PercentFormatter(1.0, decimals=0))
    bar.ax.tick_params(labelsize=8)
    bar.set_label("aandeel van de stemmers", fontsize=8)
    figure.suptitle("Aandeel van de stemmers per dorp en thema", fontsize=11, x=0.01, ha="left")
    return Chart(figure, describe("warmtekaart", results, public))


def channel_breakdown(results: CampaignResults, public: bool = False) -> Chart:
    """Ballots per village, stacked by channel; the totals per channel in the title.

    The public sees no village's own channels (services.results.public_results): an empty chart.
    """
    villages = [v for v in _shown_villages(results, public) if v.channels]
    if not villages:
        # The public never sees a village's channels: with votes in, say so, not "no votes".
        message = STAFF_ONLY if public and results.total.ballots else NO_VOTES
        return _empty(describe("kanalen", results, public), message)
    labels = [v.name for v in villages][::-1]
    figure = _figure(8, 0.45 * len(labels) + 1.8)
    axes = figure.add_subplot()
    left = [0] * len(labels)
    for channel, colour in CHANNEL_COLOURS.items():
        counts = [v.channels[channel].ballots if channel in v.channels else 0 for v in villages]
        if not any(counts):
            continue
        axes.barh(
            labels,
            counts[::-1],
            left=left,
            color=colour,
            height=0.65,
            label=CHANNEL_LABELS[channel],
            edgecolor="white",
            linewidth=0.6,
        )
        left = [a + b for a, b in zip(left, counts[::-1], strict=True)]
    for y, total in enumerate(left):
        axes.text(total, y, f" {number(total)}", va="center", fontsize=9, color=INK)
    axes.xaxis.set_major_formatter(lambda value, _: number(int(value)))
    axes.set_xlim(0, max([*left, 1]) * 1.12)
    axes.set_xlabel("Aantal stemmen", fontsize=9, color=INK)
    figure.legend(loc="outside lower center", ncols=4, fontsize=9, frameon=False)
    parts = ", ".join(
        f"{CHANNEL_LABELS[c]} {number(results.channels[c].ballots)}"
        for c in CHANNEL_COLOURS
        if c in results.channels
    )
    axes.set_title(
        f"Hoe de stemmen binnenkwamen\nin totaal {number(results.total.ballots)}: {parts}",
        loc="left",
        fontsize=10,
        color=INK,
    )
    _style(axes)
    return Chart(figure, describe("kanalen", results, public))


def survey_question(text: str, base: int, options: list[tuple[str, float | None]]) -> Chart:
    """One survey question: a bar per answer with its percent of those who answered; an
    answer hidden from the public (None) gets no bar, only '< 5'."""
    figure = _figure(8, 0.42 * len(options) + 1.3)
    axes = figure.add_subplot()
    labels = [label for label, _ in options][::-1]
    shown = [value for _, value in options][::-1]
    values = [(value or 0) / 100 for value in shown]
    bars = axes.barh(labels, values, color=BRAND, height=0.7)
    axes.bar_label(
        bars,
        labels=[
            "< 5" if value is None else f"{value / 100:.1%}".replace(".", ",") for value in shown
        ],
        padding=3,
        fontsize=9,
    )
    axes.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    axes.set_xlim(0, max([*values, 0.01]) * 1.2)
    axes.set_title(f"{text} (basis: {number(base)})", loc="left", fontsize=10, color=INK, wrap=True)
    _style(axes)
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
    figure = _figure(3.6, sum(heights) + 0.7, layout=None)
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
