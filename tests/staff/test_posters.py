"""Posters and flyers: the PDFs say what residents need, and their QR codes scan to the link."""

from __future__ import annotations

import io
from datetime import datetime

import pikepdf
import pypdfium2
import pytest
import zxingcpp
from PIL import Image

from participation.extensions import db
from tests.conftest import login_as

pytestmark = pytest.mark.sqlite_only  # how it is drawn: the same from either database

A4_PT = (595.3, 841.9)
A3_PT = (841.9, 1190.6)
QUERY = "?dorp=leek&bron=poster-bakker-leek"
PUBLIC = "https://stem.westerkwartier.nl"
LINK = f"{PUBLIC}/v/demo{QUERY}"


def pdf_pages(data: bytes, dpi: int = 150) -> list[tuple[tuple[float, float], str, Image.Image]]:
    """Each page's size in points, its text, and the page rendered as a printer would."""
    document = pypdfium2.PdfDocument(data)
    pages = []
    for page in document:
        text = page.get_textpage().get_text_range()
        pages.append((page.get_size(), text, page.render(scale=dpi / 72).to_pil()))
    document.close()
    return pages


def qr_links(image: Image.Image) -> list[str]:
    return sorted(result.text for result in zxingcpp.read_barcodes(image))


@pytest.fixture
def closing_demo(app, demo):  # type: ignore[no-untyped-def]
    # A public address: without one, print is stamped VOORBEELD (tests/staff/test_print_guard).
    app.config["PUBLIC_BASE_URL"] = PUBLIC
    # 23:00 UTC on 14 March is midnight in Amsterdam, so the last day to vote is the 14th.
    demo.closes_at = datetime(2027, 3, 14, 23, 0)
    db.session.commit()
    return demo


@pytest.mark.parametrize(("kind", "size"), [("poster-a4", A4_PT), ("poster-a3", A3_PT)])
def test_a_poster_has_everything_a_resident_needs(app, closing_demo, kind, size) -> None:
    viewer = login_as(app.test_client(), "viewer")
    response = viewer.get(f"/staff/campaigns/demo/print/{kind}.pdf{QUERY}")
    assert response.mimetype == "application/pdf"
    disposition = response.headers["Content-Disposition"]
    assert f'filename="demo-{kind}-leek-poster-bakker-leek-' in disposition
    ((page_size, text, image),) = pdf_pages(response.data)
    assert page_size == pytest.approx(size, abs=0.5)
    flat = " ".join(text.split())
    assert "Gemeente Westerkwartier" in flat
    assert "Wat vindt u belangrijk voor de veiligheid in uw dorp?" in flat
    assert "Wat moet er veiliger in Leek? Geef uw mening." in flat
    assert "stem.westerkwartier.nl/v/demo" in flat
    assert "Stemmen kan tot en met 14 maart 2027." in flat
    assert qr_links(image) == [LINK]


def test_a_flyer_sheet_holds_four_a6_flyers_that_each_scan(app, closing_demo) -> None:
    viewer = login_as(app.test_client(), "viewer")
    response = viewer.get(f"/staff/campaigns/demo/print/flyers-a6.pdf{QUERY}")
    ((page_size, text, image),) = pdf_pages(response.data)
    assert page_size == pytest.approx(A4_PT, abs=0.5)
    assert " ".join(text.split()).count("Stemmen kan tot en met 14 maart 2027.") == 4
    assert qr_links(image) == [LINK] * 4
    # Each quarter is one flyer: cut along the marks and each piece still scans on its own.
    width, height = image.size
    for left, top in ((0, 0), (width // 2, 0), (0, height // 2), (width // 2, height // 2)):
        piece = image.crop((left, top, left + width // 2, top + height // 2))
        assert qr_links(piece) == [LINK]


def test_the_preview_is_the_first_page_as_an_image(app, demo) -> None:
    viewer = login_as(app.test_client(), "viewer")
    page = viewer.get("/staff/campaigns/demo/qr?dorp=marum").get_data(as_text=True)
    assert "/staff/campaigns/demo/print/flyers-a6.png?dorp=marum" in page
    response = viewer.get("/staff/campaigns/demo/print/flyers-a6.png?dorp=marum")
    assert response.mimetype == "image/png"
    image = Image.open(io.BytesIO(response.data))
    assert image.width == 600
    assert image.height == pytest.approx(600 * 297 / 210, abs=2)


def test_print_uses_the_public_address_when_one_is_set(app, demo) -> None:
    app.config["PUBLIC_BASE_URL"] = "https://stem.westerkwartier.nl/"
    viewer = login_as(app.test_client(), "viewer")
    response = viewer.get("/staff/campaigns/demo/print/poster-a4.pdf?bron=flyer-marum")
    ((_, text, image),) = pdf_pages(response.data)
    assert qr_links(image) == ["https://stem.westerkwartier.nl/v/demo?bron=flyer-marum"]
    assert "stem.westerkwartier.nl/v/demo" in text
    assert "Stemmen kan" not in text  # no closing moment set, so no date is promised


def test_print_needs_a_login_and_a_known_kind(app, client, demo) -> None:
    assert client.get("/staff/campaigns/demo/print/poster-a4.pdf").status_code == 302
    viewer = login_as(app.test_client(), "viewer")
    assert viewer.get("/staff/campaigns/demo/print/poster-a5.pdf").status_code == 404
    assert viewer.get("/staff/campaigns/demo/print/poster-a4.docx").status_code == 404


def font_sizes(data: bytes) -> list[float]:
    """The size of every printed character on the first page, in points, read from the PDF."""
    import pypdfium2.raw as pdfium_c

    page = pypdfium2.PdfDocument(data)[0]
    text = page.get_textpage()
    return [
        pdfium_c.FPDFText_GetFontSize(text, index)
        for index in range(text.count_chars())
        if text.get_text_range(index, 1).strip()
    ]


def edge_is_blank(image: Image.Image, dpi: int, keep_out: list[tuple[int, int]] = ()) -> bool:  # type: ignore[assignment]
    """Nothing printed within 5 mm of the paper's edge (office printers clip it), except in
    the given column ranges (cut-mark ticks belong at the edge)."""
    edge = round(5 / 25.4 * dpi)
    grey = image.convert("L")
    width, height = grey.size
    for x in range(width):
        if any(start <= x <= end for start, end in keep_out):
            continue
        for y in (*range(edge), *range(height - edge, height)):
            if grey.getpixel((x, y)) < 200:
                return False
    for y in range(edge, height - edge):
        for x in (*range(edge), *range(width - edge, width)):
            if grey.getpixel((x, y)) < 200 and not any(s <= y <= e for s, e in keep_out):
                return False
    return True


def test_print_is_large_enough_for_older_eyes_and_keeps_off_the_paper_edge(
    app, closing_demo
) -> None:
    viewer = login_as(app.test_client(), "viewer")
    poster = viewer.get("/staff/campaigns/demo/print/poster-a4.pdf").data
    flyers = viewer.get("/staff/campaigns/demo/print/flyers-a6.pdf").data
    assert min(font_sizes(poster)) >= 14
    assert min(font_sizes(flyers)) >= 9
    instructions = [size for size in font_sizes(flyers) if size >= 11]
    assert len(instructions) > len(font_sizes(flyers)) * 0.8  # the instructions are 11 pt+
    dpi = 72
    ((_, _, page),) = pdf_pages(poster, dpi=dpi)
    assert edge_is_blank(page, dpi)
    ((_, _, sheet),) = pdf_pages(flyers, dpi=dpi)
    middle_x, middle_y = sheet.size[0] // 2, sheet.size[1] // 2
    assert edge_is_blank(
        sheet, dpi, keep_out=[(middle_x - 3, middle_x + 3), (middle_y - 3, middle_y + 3)]
    )


def test_the_print_pages_ask_for_a_closing_date_first(app, demo) -> None:
    staff = login_as(app.test_client(), "staff")
    for url in ("/staff/campaigns/demo/qr", "/staff/campaigns/demo/codes"):
        assert 'id="no-closing-date"' in staff.get(url).get_data(as_text=True)
    demo.closes_at = datetime(2027, 3, 14, 23, 0)
    db.session.commit()
    assert 'id="no-closing-date"' not in staff.get("/staff/campaigns/demo/qr").get_data(
        as_text=True
    )


def unembedded_fonts(data: bytes) -> list[str]:
    """The fonts a PDF only names (no font file inside it), as a print shop's check lists them."""
    named = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            for font in page.Resources.get("/Font", {}).values():
                described = font.DescendantFonts[0] if "/DescendantFonts" in font else font
                descriptor = described.get("/FontDescriptor", {})
                if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                    named.append(str(font.BaseFont))
    return named


def test_print_embeds_its_fonts_and_prints_letters_beyond_western_europe(app, closing_demo) -> None:
    """Print shops refuse PDFs whose fonts are only named; the base-14 Helvetica posters used
    had no Ł or ğ either: a title typed with them came out as black boxes."""
    closing_demo.title = "Veiligheid in Łomża en Ağrı"
    db.session.commit()
    viewer = login_as(app.test_client(), "viewer")
    for kind in ("poster-a4", "poster-a3", "flyers-a6"):
        data = viewer.get(f"/staff/campaigns/demo/print/{kind}.pdf{QUERY}").data
        assert unembedded_fonts(data) == [], kind
        ((_, text, image),) = pdf_pages(data)
        assert "Łomża en Ağrı" in " ".join(text.split()), kind
        assert "■" not in text, kind
        assert qr_links(image) in ([LINK], [LINK] * 4), kind
