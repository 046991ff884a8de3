"""Charts: PNG at print resolution and SVG with real Dutch text; small groups hidden in public."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from tests.conftest import publish_results, send_ballot

pytestmark = pytest.mark.sqlite_only  # how it is drawn: the same from either database

NAMES = ("totaal", "dorpen", "warmtekaart", "kanalen")


@pytest.fixture
def voted(staff_client, demo):  # type: ignore[no-untyped-def]
    for village in ["leek"] * 6 + ["marum"] * 5 + ["tolbert"] * 2:
        assert send_ballot(staff_client, demo, village).status_code == 303
    return demo


@pytest.mark.parametrize("name", NAMES)
def test_each_chart_comes_as_print_png_and_as_svg(staff_client, voted, name) -> None:
    png = staff_client.get(f"/results/demo/grafiek/{name}.png?download=1")
    assert png.mimetype == "image/png"
    assert f'attachment; filename="demo-grafiek-{name}-' in png.headers["Content-Disposition"]
    image = Image.open(io.BytesIO(png.data))
    # As wide as an A4 page's text (17.4 cm: renderers/chart_sizes.py) at 200 dpi.
    assert round(image.info["dpi"][0]) == 200 and image.width >= 1360
    svg = staff_client.get(f"/results/demo/grafiek/{name}.svg")
    assert svg.mimetype == "image/svg+xml" and b"<svg" in svg.data


def test_the_total_chart_carries_dutch_labels_and_the_page_describes_it(
    staff_client, voted
) -> None:
    svg = staff_client.get("/results/demo/grafiek/totaal.svg").get_data(as_text=True)
    assert "Alle stemmen samen (n = 13)" in svg
    assert "Verkeersveiligheid" in svg
    page = staff_client.get("/results/demo").get_data(as_text=True)
    assert 'alt="Staafdiagram van alle 13 stemmen samen: Verkeersveiligheid 13 (100%)' in page


def test_public_charts_wait_for_publication_and_hide_small_villages(
    app, staff_client, voted
) -> None:
    visitor = app.test_client()
    assert visitor.get("/results/demo/grafiek/dorpen.svg").status_code == 404
    publish_results(voted)
    public = visitor.get("/results/demo/grafiek/dorpen.svg").get_data(as_text=True)
    # A name too long for its village's narrow chart keeps its n on a line of its own.
    assert "Leek (n = 6)" in public and ">Overige dorpen samen</text>" in public
    assert ">(n = 7) *</text>" in public
    # Tolbert's 2 ballots are too few to show, and would follow from the total without
    # Marum, the smallest other village, folded in with them.
    assert "Tolbert" not in public and "Marum" not in public
    staff = staff_client.get("/results/demo/grafiek/dorpen.svg").get_data(as_text=True)
    assert "Tolbert (n = 2) *" in staff
    # Channels per village are for staff: the public chart says so, not "no votes yet".
    channels = visitor.get("/results/demo/grafiek/kanalen.svg").get_data(as_text=True)
    assert "Nog geen stemmen" not in channels
    assert "alleen voor medewerkers" in channels


def test_unknown_charts_are_404(staff_client, demo) -> None:
    assert staff_client.get("/results/demo/grafiek/taart.png").status_code == 404
    assert staff_client.get("/results/demo/grafiek/totaal.gif").status_code == 404


@pytest.mark.parametrize("name", NAMES)
def test_charts_of_a_campaign_without_ballots_say_so(staff_client, demo, name) -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        svg = staff_client.get(f"/results/demo/grafiek/{name}.svg").get_data(as_text=True)
    assert "Nog geen stemmen" in svg or "n = 0" in svg


def test_heatmap_numbers_take_the_colour_that_contrasts_more_with_their_cell() -> None:
    from participation.renderers.chart_base import INK, text_colour

    assert text_colour((0.0, 0.2, 0.35, 1.0)) == "white"  # a dark blue cell
    assert text_colour((0.95, 0.97, 1.0, 1.0)) == INK  # a pale cell
