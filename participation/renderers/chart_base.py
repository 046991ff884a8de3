"""What every result chart shares: colours, the figure and its axes at print size, the empty
chart, and the alt text of each chart (said without drawing it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from matplotlib.axes import Axes
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from participation.domain.house_style import DEFAULT_COLOUR, contrast_ratio
from participation.domain.result_data import CampaignResults, VillageResult
from participation.domain.stats import whole_percent
from participation.domain.vocabulary import CHANNEL_NAMES
from participation.renderers.chart_sizes import PRINT_WIDTH, TEXT, TITLE, lines_height
from participation.renderers.words import DUTCH, Words, number

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


def text_colour(rgba: tuple[float, float, float, float]) -> str:
    """White or ink, whichever contrasts more with the cell (WCAG, as for the house colour)."""
    cell = to_hex(rgba)
    return "white" if contrast_ratio(cell, "#ffffff") > contrast_ratio(cell, INK) else INK


@dataclass(frozen=True)
class Chart:
    figure: Figure
    alt: str  # alt text in the chart's language: what it shows, with its numbers


def describe(
    name: str,
    results: CampaignResults,
    public: bool = False,
    words: Words = DUTCH,
    villages: list[VillageResult] | None = None,
) -> str:
    """The chart's alt text without drawing it, for pages that embed the image; the small
    multiples of some `villages` (a printed page's) describe those."""
    if name == "totaal":
        listed = "; ".join(
            f"{words.title_of(r.theme)} {words.count(r.votes)} ({whole_percent(r.share)})"
            for r in results.total.themes
        )
        return words.alt.format(n=words.count(results.total.ballots), listed=listed)
    if villages is None:
        villages = shown_villages(results, public)
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


def new_figure(
    width: float, height: float, layout: Literal["constrained", "tight"] | None = None
) -> Figure:
    figure = Figure(figsize=(width, height), layout=layout)
    figure.set_facecolor("white")
    return figure


def axes_at(figure: Figure, left: float, bottom: float, width: float, height: float) -> Axes:
    """Axes placed in inches from the figure's lower left corner: margins measured from the
    labels, so no layout solver has to draw the chart twice."""
    figure_width, figure_height = figure.get_size_inches()
    return figure.add_axes(
        (left / figure_width, bottom / figure_height, width / figure_width, height / figure_height)
    )


def style(axes: Axes, size: float = TEXT) -> None:
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.spines["left"].set_color(GRID)
    axes.spines["bottom"].set_color(GRID)
    axes.tick_params(colors=INK, labelsize=size)
    axes.xaxis.grid(True, color=GRID, linewidth=0.6)
    axes.set_axisbelow(True)


def heading(figure: Figure, text: str, size: float = TITLE) -> None:
    """The chart's title at its top left, in as many lines as it has."""
    _, height = figure.get_size_inches()
    figure.text(0.02 / PRINT_WIDTH, 1 - 0.08 / height, text, fontsize=size, color=INK, va="top")


def heading_height(text: str, size: float = TITLE) -> float:
    return lines_height(text.count("\n") + 1, size) + 0.16


NO_VOTES = "Nog geen stemmen"
STAFF_ONLY = "De stemmen per dorp en kanaal zijn alleen voor medewerkers"


def empty(alt: str, message: str = NO_VOTES) -> Chart:
    figure = new_figure(6, 1.2)
    figure.text(0.5, 0.5, message, ha="center", va="center", fontsize=11, color=INK)
    return Chart(figure, alt)


def shown_villages(results: CampaignResults, public: bool) -> list[VillageResult]:
    minimum = HIDE_BELOW if public else 1
    return [v for v in results.villages if v.tally.ballots >= minimum]
