"""The session board on the projector (1920×1080): the five stakeholder groups' dots told apart
from the back of the room by hue and by pattern (WCAG 1.4.1), each segment edged at 3:1
against its neighbours and the background (WCAG 1.4.11)."""

from __future__ import annotations

import colorsys
from itertools import combinations

import pytest
from playwright.sync_api import expect

from participation.services.accounts import create_user
from participation.services.sessions import prioritisation
from tests.e2e.test_session import prepare, theme_id

pytestmark = pytest.mark.e2e
GROUPS = ("council", "association", "watch", "police", "staff")


def rgb(colour: str) -> tuple[float, float, float]:
    """'rgb(0, 114, 178)' as three floats 0–1."""
    parts = colour[colour.index("(") + 1 : colour.index(")")].split(",")
    return tuple(float(p) / 255 for p in parts[:3])  # type: ignore[return-value]


def luminance(colour: str) -> float:
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str) -> float:
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def hue(colour: str) -> float:
    return colorsys.rgb_to_hsv(*rgb(colour))[0] * 360


def hue_distance(one: str, other: str) -> float:
    apart = abs(hue(one) - hue(other))
    return min(apart, 360 - apart)


READ_GROUPS = """() => {
  const out = {};
  const row = document.querySelector('#board-rows > li');
  for (const rect of row.querySelectorAll('rect[data-group]')) {
    const group = rect.dataset.group;
    const style = getComputedStyle(rect);
    const id = style.fill.match(/#([\\w-]+)/)[1];
    const pattern = document.getElementById(id);
    const base = pattern.querySelector('.base');
    const marks = Array.from(pattern.children).filter(e => e !== base);
    const legend = document.querySelector(`.board-legend rect.g-${group}`);
    const text = row.querySelector(`text[data-group="${group}"]`);
    out[group] = {
      pattern: id,
      base: getComputedStyle(base).fill,
      marks: marks.map(m => m.outerHTML.replace(/ class="[^"]*"/, '')).join(''),
      markColours: marks.map(m => {
        const s = getComputedStyle(m);
        return s.stroke !== 'none' ? s.stroke : s.fill;
      }),
      edge: style.stroke,
      edgeWidth: parseFloat(style.strokeWidth),
      legend: legend ? getComputedStyle(legend).fill : null,
      text: text.textContent,
      textColour: getComputedStyle(text).fill,
      width: rect.getBoundingClientRect().width,
    };
  }
  return out;
}"""


def test_the_board_tells_the_groups_apart_without_colour_alone(
    chromium, live_server, app, demo, tmp_path
) -> None:
    print(f"screenshots: {tmp_path}")
    prepare(app, demo)
    actor = create_user("bord@example.org", "een-lang-wachtwoord", "staff")
    session = prioritisation.create(demo, "Sessie raad en partners", 5, 6, actor)
    burglary = theme_id(demo, "Woninginbraken")
    drugs = theme_id(demo, "Handel in drugs")
    # Every group on one bar, so each segment has neighbours; another bar to compare.
    for group, dots in zip(GROUPS, (3, 2, 2, 3, 3), strict=True):
        prioritisation.place_dots(
            prioritisation.join(session, group), {burglary: dots, drugs: 5 - dots}
        )
    prioritisation.close_round(session, actor)

    context = chromium.new_context(locale="nl-NL", viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    page.goto(f"{live_server}/staff/login")
    page.get_by_label("E-mailadres").fill("bord@example.org")
    page.get_by_label("Wachtwoord").fill("een-lang-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    page.goto(f"{live_server}/staff/sessions/{session.id}/board?presentatie=1")
    expect(page.locator("#board-round-text")).to_have_text("Ronde 1: gesloten")
    page.screenshot(path=tmp_path / "board-1920x1080.png")

    found = page.evaluate(READ_GROUPS)
    assert set(found) == set(GROUPS)
    background = "rgb(255, 255, 255)"
    for group, seen in found.items():
        # The legend shows the same fill as the bar.
        assert seen["legend"] == f'url("#{seen["pattern"]}")', group
        # An edge at 3:1 against the segment's own colour (so against any neighbour's too:
        # neighbours meet at the edge) and against the board's background.
        assert seen["edgeWidth"] >= 2, group
        assert contrast(seen["edge"], seen["base"]) >= 3, group
        assert contrast(seen["edge"], background) >= 3, group
        # The count on the bar is readable on its segment (large text: 3:1).
        assert seen["text"].strip() and contrast(seen["textColour"], seen["base"]) >= 3, group
        # The pattern's marks, if any, stand out from the segment's colour.
        for mark in seen["markColours"]:
            assert contrast(mark, seen["base"]) >= 3, group
    # A second cue: no two groups share a pattern, and at most one is plain.
    assert len({seen["marks"] for seen in found.values()}) == len(GROUPS)
    assert sum(1 for seen in found.values() if not seen["marks"]) <= 1
    # Clearly different hues (the closest pair, vermillion and yellow, also differ threefold in
    # lightness); the council and the municipality's staff far apart.
    bases = {group: seen["base"] for group, seen in found.items()}
    for one, other in combinations(GROUPS, 2):
        assert hue_distance(bases[one], bases[other]) >= 25, (one, other, bases)
    assert hue_distance(bases["council"], bases["staff"]) >= 90, bases
    context.close()
