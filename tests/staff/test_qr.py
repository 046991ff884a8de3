"""QR codes: they scan back to the ballot link with village and source, nothing more."""

from __future__ import annotations

import io

import pytest
import zxingcpp
from PIL import Image

from tests.conftest import login_as

pytestmark = pytest.mark.sqlite_only  # how it is drawn: the same from either database


def decode_png(data: bytes) -> tuple[str, str]:
    (result,) = zxingcpp.read_barcodes(Image.open(io.BytesIO(data)))
    return result.text, result.ec_level


def test_a_print_png_scans_to_the_ballot_link_with_village_and_source(app, demo) -> None:
    viewer = login_as(app.test_client(), "viewer")
    response = viewer.get("/staff/campaigns/demo/qr.png?dorp=leek&bron=poster-bakker&download=1")
    assert response.mimetype == "image/png"
    assert "demo-qr-leek-poster-bakker-" in response.headers["Content-Disposition"]
    image = Image.open(io.BytesIO(response.data))
    assert image.size == (2480, 2480)
    assert round(image.info["dpi"][0]) == 300
    text, level = decode_png(response.data)
    assert text == "http://localhost/v/demo?dorp=leek&bron=poster-bakker"
    assert level == "H"


def test_unknown_villages_and_bad_tags_are_left_out(app, demo) -> None:
    viewer = login_as(app.test_client(), "viewer")
    response = viewer.get("/staff/campaigns/demo/qr.png?dorp=atlantis&bron=Naam%20Bewoner!")
    assert decode_png(response.data)[0] == "http://localhost/v/demo"
    page = viewer.get("/staff/campaigns/demo/qr?bron=Naam%20Bewoner!").get_data(as_text=True)
    assert "Deze tag kan niet" in page


def test_the_svg_is_a_scalable_image(app, demo) -> None:
    viewer = login_as(app.test_client(), "viewer")
    response = viewer.get("/staff/campaigns/demo/qr.svg?dorp=marum")
    assert response.mimetype == "image/svg+xml"
    assert response.data.startswith(b"<?xml") and b"<svg" in response.data
    assert viewer.get("/staff/campaigns/demo/qr.gif").status_code == 404


def test_qr_codes_need_a_login(client, demo) -> None:
    assert client.get("/staff/campaigns/demo/qr.png").status_code == 302


def test_staff_see_which_source_brought_how_many_ballots(staff_client, demo) -> None:
    from tests.conftest import send_ballot

    for query in ("?bron=poster-leek", "?bron=poster-leek", "?bron=flyer-marum", ""):
        assert send_ballot(staff_client, demo, query=query).status_code == 303
    page = staff_client.get("/results/demo").get_data(as_text=True)
    table = page.split('id="sources"')[1].split("</table>")[0]
    assert table.index("poster-leek") < table.index("flyer-marum")
    assert '<td>QR-code</td><td>poster-leek</td><td class="num">2</td>' in table
    assert '<td>weblink</td><td>–</td><td class="num">1</td>' in table
