"""The municipality's own look (issue 15.4): name, logo, house colour and contact lines on pages,
print and reports; the colour checked for contrast, the logo for type, size and active content."""

from __future__ import annotations

import io

import pytest
import zxingcpp
from PIL import Image
from sqlalchemy import select

from participation.extensions import db
from participation.models import AuditEvent, Municipality, StaffUser
from participation.services.ballots import codes
from tests.conftest import csrf_token, login_as
from tests.staff.test_posters import PUBLIC, pdf_pages

HOUSE = "#7a1f3d"  # a wine red: 9.6 to 1 on white
LOGO_GREEN = (0, 170, 0)
PLAIN_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40" width="120" height="40">'
    b'<rect width="120" height="40" fill="#00aa00"/></svg>'
)


def png_logo(width: int = 240, height: int = 80) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), LOGO_GREEN).save(buffer, format="PNG")
    return buffer.getvalue()


def settings_form(admin, **fields):  # type: ignore[no-untyped-def]
    data = {
        "csrf_token": csrf_token(admin, "/staff/municipality"),
        "name": "Gemeente Oldambt",
        "house_colour": HOUSE,
        "contact_line": "Vragen? Bel 14 0597 of kijk op www.gemeente-oldambt.nl",
        "privacy_contact": "fg@gemeente-oldambt.nl",
    }
    data.update(fields)
    return admin.post("/staff/municipality", data=data, content_type="multipart/form-data")


def test_without_settings_everything_looks_as_before(client, demo) -> None:
    page = client.get("/v/demo").get_data(as_text=True)
    assert "Gemeente Westerkwartier" in page
    assert "huisstijl.css" not in page and "/logo" not in page
    assert client.get("/logo").status_code == 404


def test_the_look_reaches_pages_print_and_the_report(app, demo) -> None:
    app.config["PUBLIC_BASE_URL"] = PUBLIC
    admin = login_as(app.test_client(), "admin")
    saved = settings_form(admin, logo=(io.BytesIO(png_logo()), "logo.png"))
    assert saved.status_code == 303
    resident = app.test_client()
    page = resident.get("/v/demo").get_data(as_text=True)
    assert "Gemeente Oldambt" in page and "Westerkwartier</span>" not in page
    assert 'class="site-logo" src="/logo?v=1"' in page
    assert "Vragen? Bel 14 0597" in page
    css = resident.get("/huisstijl.css?v=1")
    assert f"--brand: {HOUSE}" in css.get_data(as_text=True)
    assert "immutable" in css.headers["Cache-Control"]
    logo = resident.get("/logo?v=1")
    assert logo.mimetype == "image/png"
    with Image.open(io.BytesIO(logo.data)) as served:
        assert served.size == (240, 80) and LOGO_GREEN in {
            c for _, c in served.convert("RGB").getcolors()
        }
    assert "sandbox" in logo.headers["Content-Security-Policy"]
    assert "fg@gemeente-oldambt.nl" in resident.get("/privacy").get_data(as_text=True)

    poster = admin.get("/staff/campaigns/demo/print/poster-a4.pdf")
    ((_, text, image),) = pdf_pages(poster.data, dpi=100)
    flat = " ".join(text.split())
    assert "Gemeente Oldambt" in flat and "Vragen? Bel 14 0597" in flat
    colours = {colour for _, colour in image.convert("RGB").getcolors(1_000_000)}
    assert (0x7A, 0x1F, 0x3D) in colours  # the band in the house colour
    assert LOGO_GREEN in colours  # the logo on its plate
    assert zxingcpp.read_barcodes(image)[0].text.startswith(PUBLIC)  # still scans

    report = admin.get("/results/demo/rapport.pdf")
    ((_, first_text, first_image), *_rest) = pdf_pages(report.data, dpi=72)
    assert "Gemeente Oldambt" in " ".join(first_text.split())
    assert LOGO_GREEN in {c for _, c in first_image.convert("RGB").getcolors(1_000_000)}
    event = db.session.scalars(select(AuditEvent).filter_by(action="municipality.save")).one()
    assert event.target == "municipality"


def test_a_png_logo_of_200_kb_is_taken_and_drawn_on_flyers_and_slips(app, demo) -> None:
    """Between the forms' 64 KB and the logo's 250 KB: the upload's own limit applies."""
    app.config["PUBLIC_BASE_URL"] = PUBLIC
    admin = login_as(app.test_client(), "admin")
    logo = noisy_png(260, LOGO_GREEN)
    assert 64 * 1024 < len(logo) < 250_000
    assert settings_form(admin, logo=(io.BytesIO(logo), "logo.png")).status_code == 303
    # Pages get it small (the walk: a 16-bit PNG added 9.9 KB to every ballot page); print
    # keeps the upload.
    served = app.test_client().get("/logo").data
    assert len(served) < 10_000
    with Image.open(io.BytesIO(served)) as small:
        assert small.height == 96
    flyers = admin.get("/staff/campaigns/demo/print/flyers-a6.pdf")
    ((_, _text, image),) = pdf_pages(flyers.data, dpi=150)
    assert len(zxingcpp.read_barcodes(image)) == 4
    batch = codes.generate_batch(demo, 2, "huis-aan-huis", db.session.scalar(select(StaffUser)))
    slips = admin.get(f"/staff/campaigns/demo/codes/{batch.id}.pdf")
    ((_, slip_text, _slip_image),) = pdf_pages(slips.data, dpi=150)
    assert "Gemeente Oldambt" in slip_text and "Vragen? Bel 14 0597" in " ".join(slip_text.split())
    # Other forms keep the small limit.
    staff = login_as(app.test_client(), "staff")
    token = csrf_token(staff, "/staff/campaigns/demo/edit")
    too_big = staff.post(
        "/staff/campaigns/demo/edit", data={"csrf_token": token, "title": "x" * 100_000}
    )
    assert too_big.status_code == 413


def noisy_png(side: int, colour: tuple[int, int, int]) -> bytes:
    """A PNG that does not compress: about 3 bytes a pixel, with a block of `colour`."""
    image = Image.effect_noise((side, side), 100).convert("RGB")
    image.paste(colour, (0, 0, side // 2, side // 2))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_stored_svg_logo_is_no_longer_shown_or_printed(app, demo) -> None:
    """An SVG logo saved before logos became PNG only stays in the database, unused."""
    app.config["PUBLIC_BASE_URL"] = PUBLIC
    row = db.session.scalar(select(Municipality))
    row.name, row.house_colour = "Gemeente Oldambt", HOUSE
    row.logo, row.logo_type = PLAIN_SVG, "image/svg+xml"
    db.session.commit()
    assert app.test_client().get("/logo").status_code == 404
    assert "/logo" not in app.test_client().get("/v/demo").get_data(as_text=True)
    admin = login_as(app.test_client(), "admin")
    flyers = admin.get("/staff/campaigns/demo/print/flyers-a6.pdf")
    ((_, _text, image),) = pdf_pages(flyers.data, dpi=150)
    assert LOGO_GREEN not in {c for _, c in image.convert("RGB").getcolors(1_000_000)}
    page = admin.get("/staff/municipality").get_data(as_text=True)
    assert "Het eerder opgeslagen SVG-logo wordt niet meer getoond of gedrukt" in page


@pytest.mark.parametrize(
    "colour", ["#ffcc00", "#00aaff", "#ffffff", "#777777"]
)  # yellow, light blue, white, mid grey: all under 4.5:1 on white
def test_a_colour_white_text_cannot_be_read_on_is_refused(app, demo, colour) -> None:
    admin = login_as(app.test_client(), "admin")
    refused = settings_form(admin, house_colour=colour)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422 and "nodig is minstens 4,5 op 1" in page
    assert "Kies een donkerdere kleur" in page
    assert db.session.scalar(select(Municipality.version)) == 0  # nothing stored


# The probe's SVGs (CSS-escaped url(, image-set(), SMIL on href, a stylesheet instruction, a
# <use> bomb) and the earlier ones: an SVG is refused whatever is in it, by name or by content.
BOMB = (
    b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink">'
    b'<g id="a"><rect width="1" height="1"/></g>'
    + b"".join(
        f'<g id="{c}"><use x:href="#{p}"/><use x:href="#{p}"/><use x:href="#{p}"/></g>'.encode()
        for p, c in zip("abcdefghij", "bcdefghijk", strict=True)
    )
    + b'<use x:href="#k"/></svg>'
)
PROBE_SVGS = [
    b'<svg xmlns="http://www.w3.org/2000/svg"><style>rect{fill:u\\72l(http://x.example/a)}'
    b"</style><rect width='9' height='9'/></svg>",
    b'<svg xmlns="http://www.w3.org/2000/svg" '
    b"style=\"background:image-set('http://x.example/a' 1x)\"/>",
    b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink">'
    b'<a><animate attributeName="href" to="http://x.example"/><text>k</text></a></svg>',
    b'<?xml-stylesheet href="http://x.example/s.css"?><svg xmlns="http://www.w3.org/2000/svg"/>',
    BOMB,
    PLAIN_SVG,
]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("logo.svg", PLAIN_SVG, "sla het eerst op als PNG"),
        *[("logo.png", svg, "nemen we niet aan: een SVG kan scripts") for svg in PROBE_SVGS],
        ("logo.png", b"\x89PNG\r\n\x1a\nnot really a png", "geen PNG"),
        ("logo.png", b"<html><body>hello</body></html>", "geen PNG"),
        ("logo.gif", b"GIF89a", "Kies een PNG-bestand"),
    ],
)
def test_a_logo_that_is_not_a_plain_image_is_refused(app, demo, name, data, message) -> None:
    admin = login_as(app.test_client(), "admin")
    refused = settings_form(admin, logo=(io.BytesIO(data), name))
    assert refused.status_code == 422 and message in refused.get_data(as_text=True)
    assert db.session.scalar(select(Municipality.version)) == 0


def test_too_large_a_logo_is_a_clear_refusal(app, demo) -> None:
    admin = login_as(app.test_client(), "admin")
    big = png_logo(3000, 3000)
    noise = Image.effect_noise((900, 900), 100).convert("RGB")
    buffer = io.BytesIO()
    noise.save(buffer, format="PNG")
    big = buffer.getvalue()
    assert len(big) > 250_000
    refused = settings_form(admin, logo=(io.BytesIO(big), "logo.png"))
    assert refused.status_code in (413, 422)
    assert db.session.scalar(select(Municipality.version)) == 0


def test_only_admins_change_the_look(app, demo) -> None:
    staff = login_as(app.test_client(), "staff")
    assert staff.get("/staff/municipality").status_code == 403
    admin = login_as(app.test_client(), "admin")
    assert settings_form(admin).status_code == 303
    assert settings_form(admin, remove_logo="y").status_code == 303
    assert db.session.scalar(select(Municipality.version)) == 2
