"""`HOST=0.0.0.0 make run`: links and QR codes use this machine's LAN address, marked VOORBEELD."""

from __future__ import annotations

import io

import pypdfium2
import zxingcpp

from participation.chores.lan import base_url
from tests.conftest import login_as


def test_loopback_keeps_the_request_host_and_every_interface_takes_the_lan_address() -> None:
    assert base_url("127.0.0.1", 5000) == ""
    assert base_url("0.0.0.0", 5000, found="192.168.1.23") == "http://192.168.1.23:5000"
    assert base_url("10.0.0.5", 8000) == "http://10.0.0.5:8000"


def test_a_poster_made_on_the_lan_reads_back_to_it_and_says_voorbeeld(app, client, demo) -> None:
    app.config["PUBLIC_BASE_URL"] = base_url("0.0.0.0", 5000, found="192.168.1.23")
    login_as(client, "staff")
    response = client.get("/staff/campaigns/demo/print/poster-a4.pdf?dorp=leek&bron=poster")
    assert response.status_code == 200
    page = pypdfium2.PdfDocument(io.BytesIO(response.data))[0]
    text = page.get_textpage().get_text_range()
    assert "VOORBEELD" in text
    image = page.render(scale=3).to_pil()
    codes = [found.text for found in zxingcpp.read_barcodes(image)]
    assert any(code.startswith("http://192.168.1.23:5000/v/demo?") for code in codes), codes
    assert any("dorp=leek" in code for code in codes), codes
