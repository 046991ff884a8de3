"""A forged Host header never reaches print: every link that leaves the app uses the public
address, whatever host the request claims."""

from __future__ import annotations

import io

import pypdfium2
import zxingcpp
from PIL import Image
from sqlalchemy import select

from participation.extensions import db
from participation.models import StaffUser
from participation.services.ballots import codes
from participation.services.campaigns import associations
from participation.services.sessions import prioritisation
from tests.conftest import add_stand, login_as

PUBLIC = "https://stem.westerkwartier.nl"


def codes_in_pdf(data: bytes) -> list[str]:
    found = []
    for page in pypdfium2.PdfDocument(data):
        image = page.render(scale=300 / 72).to_pil()
        found += [result.text for result in zxingcpp.read_barcodes(image)]
    return found


def text_of_pdf(data: bytes) -> str:
    return "".join(p.get_textpage().get_text_range() for p in pypdfium2.PdfDocument(data))


def test_print_and_shown_links_use_the_public_address_not_the_request_host(app, demo) -> None:
    app.config["PUBLIC_BASE_URL"] = PUBLIC
    staff = app.test_client()
    staff.environ_base["HTTP_HOST"] = "evil.example"  # every request claims this host
    login_as(staff, "staff")
    actor = db.session.scalar(select(StaffUser))
    stand = add_stand(demo, "marum")
    marum = next(a for a in demo.areas if a.slug == "marum")
    associations.register(demo, marum, "Dorpsbelang Marum", "", actor)
    batch = codes.generate_batch(demo, 2, "huis-aan-huis", actor)
    session = prioritisation.create(demo, "Sessie", 3, 4, actor)
    db.session.commit()

    (qr,) = zxingcpp.read_barcodes(
        Image.open(io.BytesIO(staff.get("/staff/campaigns/demo/qr.png").data))
    )
    assert qr.text.startswith(PUBLIC + "/v/demo")
    for kind in ("poster-a4", "flyers-a6"):
        pdf = staff.get(f"/staff/campaigns/demo/print/{kind}.pdf").data
        found = codes_in_pdf(pdf)
        assert found and all(url.startswith(PUBLIC + "/v/demo") for url in found), kind
        assert "evil" not in text_of_pdf(pdf) and "stem.westerkwartier.nl" in text_of_pdf(pdf)
    slips = staff.get(f"/staff/campaigns/demo/codes/{batch.id}.pdf").data
    found = codes_in_pdf(slips)
    assert found and all(url.startswith(PUBLIC + "/v/demo?code=") for url in found)
    pages = [
        "/staff/campaigns/demo",
        "/staff/campaigns/demo/qr",
        f"/staff/stands/{stand.id}",
        "/staff/campaigns/demo/associations",
        f"/staff/sessions/{session.id}",
        f"/staff/sessions/{session.id}/board",
    ]
    for page in pages:
        html = staff.get(page).get_data(as_text=True)
        assert "evil.example" not in html, page
    assert PUBLIC + "/stand/" in staff.get(f"/staff/stands/{stand.id}").get_data(as_text=True)
    assert PUBLIC + "/dorpsbelang/" in staff.get("/staff/campaigns/demo/associations").text
