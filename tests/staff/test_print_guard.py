"""No print with the wrong address: without a public address, print says VOORBEELD."""

from __future__ import annotations

import pypdfium2
import pytest
from sqlalchemy import select

from participation.extensions import db
from participation.models import StaffUser
from participation.services.ballots import codes
from participation.services.sessions import prioritisation
from tests.conftest import add_stand, login_as


def pdf_text(data: bytes) -> str:
    return "".join(page.get_textpage().get_text_range() for page in pypdfium2.PdfDocument(data))


def print_files(staff, demo):  # type: ignore[no-untyped-def]
    batch = codes.generate_batch(demo, 2, "huis-aan-huis", db.session.scalar(select(StaffUser)))
    return {
        url: staff.get(url).data
        for url in (
            "/staff/campaigns/demo/print/poster-a4.pdf",
            "/staff/campaigns/demo/print/poster-a3.pdf",
            "/staff/campaigns/demo/print/flyers-a6.pdf",
            f"/staff/campaigns/demo/codes/{batch.id}.pdf",
        )
    }


def pages(staff, demo) -> dict[str, str]:  # type: ignore[no-untyped-def]
    stand = add_stand(demo, "marum")
    session = prioritisation.create(demo, "Sessie", 3, 4, db.session.scalar(select(StaffUser)))
    urls = (
        "/staff/campaigns/demo/qr",
        "/staff/campaigns/demo/codes",
        f"/staff/stands/{stand.id}",
        f"/staff/sessions/{session.id}",
    )
    return {url: staff.get(url).get_data(as_text=True) for url in urls}


@pytest.mark.parametrize(
    "address", [None, "http://127.0.0.1:5000", "https://192.168.2.10", "http://oov-pc.local"]
)
def test_without_a_public_address_print_says_voorbeeld_and_pages_warn(app, demo, address) -> None:
    app.config["PUBLIC_BASE_URL"] = address or ""
    staff = login_as(app.test_client(), "staff")
    for url, html in pages(staff, demo).items():
        assert 'id="print-address-warning"' in html, url
        assert "geen publiek adres" in html, url
    for url, data in print_files(staff, demo).items():
        assert "VOORBEELD" in pdf_text(data), url
        assert pypdfium2.PdfDocument(data).get_metadata_dict()["Title"].startswith("VOORBEELD"), url


def test_with_a_public_address_there_is_no_stamp_and_no_warning(app, demo) -> None:
    app.config["PUBLIC_BASE_URL"] = "https://stem.westerkwartier.nl"
    staff = login_as(app.test_client(), "staff")
    for url, html in pages(staff, demo).items():
        assert "print-address-warning" not in html, url
    for url, data in print_files(staff, demo).items():
        assert "VOORBEELD" not in pdf_text(data), url
