"""Print-ready posters (A4, A3) and A6 flyers, four to an A4 sheet with cut marks, as PDF."""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass
from datetime import datetime, time, timedelta

import pypdfium2
from babel.dates import format_date
from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.pagesizes import A3, A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from participation.domain.printable import one_line
from participation.renderers.brand import Brand, draw_logo, logo_aspect
from participation.renderers.print_fonts import BOLD, MONO_BOLD, REGULAR, registered
from participation.renderers.qr import make_code
from participation.timeutil import utc_to_local

INK = HexColor("#1b1b1b")
CUT = Color(0.35, 0.35, 0.35)
PAGE_SIZES = {"a4": A4, "a3": A3}
_PDFIUM = threading.Lock()

# Printed for residents, so always in Dutch, at B1 level.
CALL_TO_ACTION = "Wat moet er veiliger in {place}? Geef uw mening."
SCAN = "Scan de code met de camera van uw telefoon."
TYPE_LINK = "Geen camera? Ga naar:"
ANONYMOUS = "U hoeft geen naam of adres te geven."
YOUR_CODE = "Uw stemcode:"
ONCE = "Deze code werkt één keer. Uw stem blijft geheim."
SCAN_OR_TYPE = "Scan de QR-code, of ga naar de website en vul de code in:"
FEEDBACK_TITLE = "U koos – dit gaan we doen"
FEEDBACK_ACTION = "Na uw stem koos de gemeenteraad deze prioriteiten voor de veiligheid:"
FEEDBACK_SCAN = "Scan de code: lees waarom, en hoe het ervoor staat."
SAMPLE = "VOORBEELD – niet drukken"
SAMPLE_RED = Color(0.75, 0.05, 0.05, alpha=0.55)


@dataclass(frozen=True)
class PrintText:
    """What every poster and flyer says."""

    brand: Brand
    title: str
    url: str  # in the QR code, with ?dorp= and ?bron=
    short_link: str  # typed by people who cannot scan
    closes_at: datetime | None  # naive UTC
    village: str | None = None
    # Made without a public address (services.links): stamped so nobody prints it.
    sample: bool = False
    # The feedback poster says what was chosen instead of asking to vote.
    action_text: str | None = None
    items: tuple[str, ...] = ()
    scan_text: str = SCAN
    reassurance: str | None = ANONYMOUS  # nothing to reassure about on the feedback poster

    @property
    def municipality(self) -> str:
        return self.brand.name

    @property
    def call_to_action(self) -> str:
        return self.action_text or CALL_TO_ACTION.format(place=self.village or "uw dorp")

    @property
    def closing_line(self) -> str | None:
        """'Stemmen kan tot en met 14 maart 2027.' in local time; None without a closing moment."""
        local = utc_to_local(self.closes_at)
        if local is None:
            return None
        if local.time() == time(0, 0):  # closes at midnight: the day before is the last day
            last_day = format_date(local.date() - timedelta(days=1), "d MMMM y", locale="nl")
            return f"Stemmen kan tot en met {last_day}."
        day = format_date(local.date(), "d MMMM y", locale="nl")
        return f"Stemmen kan tot {day}, {local:%H.%M} uur."


@dataclass(frozen=True)
class Style:
    """Type sizes (pt) and spacing for one print size."""

    margin: float
    band: float
    municipality: float
    title: float
    action: float
    body: float
    link: float
    small: float


# For older eyes: posters ≥ 14 pt; flyer instructions ≥ 11 pt, nothing < 9 pt (test_posters.py).
POSTER = Style(18 * mm, 26 * mm, 20, 38, 21, 17, 24, 14)
FLYER = Style(8 * mm, 12 * mm, 11, 15, 12, 11, 13, 9)
# Office printers leave this much of the paper's edge blank: nothing is drawn there.
EDGE = 5 * mm


def poster_pdf(text: PrintText, size: str = "a4") -> bytes:
    """One poster page; A3 is the A4 design scaled by √2, as ISO sizes are."""
    width, height = PAGE_SIZES[size]
    buffer = io.BytesIO()
    canvas = _canvas(buffer, (width, height), text)
    scale = width / A4[0]
    canvas.scale(scale, scale)
    _draw(canvas, text, A4[0], A4[1], POSTER)
    _stamp_if_sample(canvas, text, A4[0], A4[1])
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def flyer_sheet_pdf(text: PrintText) -> bytes:
    """An A4 sheet with four A6 flyers and cut marks on the two cut lines."""
    width, height = A4
    buffer = io.BytesIO()
    canvas = _canvas(buffer, A4, text)
    flyer_w, flyer_h = width / 2, height / 2
    for column in range(2):
        for row in range(2):
            canvas.saveState()
            canvas.translate(column * flyer_w, row * flyer_h)
            _draw(canvas, text, flyer_w, flyer_h, FLYER)
            _stamp_if_sample(canvas, text, flyer_w, flyer_h)  # on each flyer, once cut
            canvas.restoreState()
    _cut_marks(canvas, width, height, columns=2, rows=2)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def code_sheet_pdf(text: PrintText, codes: list[tuple[str, str]]) -> bytes:
    """Slips of 105 × 74 mm, eight to an A4 sheet with cut marks; one (printed code, URL) each."""
    width, height = A4
    slip_w, slip_h = width / 2, height / 4
    buffer = io.BytesIO()
    canvas = _canvas(buffer, A4, text)
    for start in range(0, len(codes), 8):
        for index, (code, url) in enumerate(codes[start : start + 8]):
            canvas.saveState()
            canvas.translate((index % 2) * slip_w, height - (index // 2 + 1) * slip_h)
            _draw_code_slip(canvas, text, code, url, slip_w, slip_h)
            _stamp_if_sample(canvas, text, slip_w, slip_h)  # on each slip, once cut
            canvas.restoreState()
        _cut_marks(canvas, width, height, columns=2, rows=4)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def preview_png(pdf: bytes, width_px: int = 600) -> bytes:
    """The first page of a PDF as a PNG `width_px` wide, for the staff preview.

    PDFium is not thread-safe, and a threaded server renders three previews at once: one
    render at a time per process (it crashed the process without the lock).
    """
    with _PDFIUM:
        document = pypdfium2.PdfDocument(pdf)
        try:
            page = document[0]
            image = page.render(scale=width_px / page.get_width()).to_pil()
        finally:
            document.close()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _canvas(buffer: io.BytesIO, pagesize: tuple[float, float], text: PrintText) -> Canvas:
    registered()
    # Else each page starts in an unused Helvetica, named and not embedded (the stub's type
    # for initialFontName is wrong: ReportLab takes a font's name).
    canvas = Canvas(buffer, pagesize, pageCompression=1, initialFontName=REGULAR)  # type: ignore[arg-type]
    canvas.setTitle(one_line(f"{SAMPLE}: {text.title}" if text.sample else text.title))
    canvas.setAuthor(one_line(text.municipality))
    canvas.setSubject(text.short_link)
    return canvas


def _stamp_if_sample(canvas: Canvas, text: PrintText, width: float, height: float) -> None:
    """Across the whole page, in large red letters that still let the QR code be read."""
    if not text.sample:
        return
    canvas.saveState()
    canvas.setFillColor(SAMPLE_RED)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(35 if height > width else 20)
    size = width / 7.5
    canvas.setFont(BOLD, size)
    canvas.drawCentredString(0, size * 0.15, "VOORBEELD")
    canvas.setFont(BOLD, size * 0.3)
    canvas.drawCentredString(0, -size * 0.35, "niet drukken: geen publiek adres ingesteld")
    canvas.restoreState()


def _draw(canvas: Canvas, text: PrintText, width: float, height: float, style: Style) -> None:
    """Band, title and call to action from the top; link and dates from the bottom; QR between."""
    inner = width - 2 * style.margin
    band_top = height - EDGE
    _band(canvas, text.brand, width, band_top, style.band, style.margin, style.municipality)

    canvas.setFillColor(INK)
    top = band_top - style.band - style.margin * 0.5
    top = _lines(canvas, text.title, BOLD, style.title, style.margin, top, inner)
    top = _lines(
        canvas,
        text.call_to_action,
        REGULAR,
        style.action,
        style.margin,
        top - style.action * 0.4,
        inner,
    )
    for number, item in enumerate(text.items, start=1):
        top = _lines(
            canvas,
            f"{number}. {item}",
            BOLD,
            style.action,
            style.margin,
            top - style.action * 0.3,
            inner,
        )

    bottom = style.margin * 0.8
    if text.reassurance:
        bottom = _lines_up(
            canvas, text.reassurance, REGULAR, style.small, style.margin, bottom, inner
        )
    if text.brand.contact_line:
        bottom = _lines_up(
            canvas, text.brand.contact_line, REGULAR, style.small, style.margin, bottom, inner
        )
    if text.closing_line:
        bottom = _lines_up(
            canvas,
            text.closing_line,
            BOLD,
            style.body,
            style.margin,
            bottom + style.small * 0.6,
            inner,
        )
    bottom = _lines_up(
        canvas, text.short_link, BOLD, style.link, style.margin, bottom + style.body * 0.6, inner
    )
    bottom = _lines_up(canvas, TYPE_LINK, REGULAR, style.body, style.margin, bottom, inner)
    bottom = _lines_up(
        canvas, text.scan_text, REGULAR, style.body, style.margin, bottom + style.body * 0.5, inner
    )

    gap = style.body * 0.8
    side = min(inner, top - bottom - 2 * gap)
    _qr(
        canvas,
        text.url,
        (width - side) / 2,
        bottom + gap + (top - bottom - 2 * gap - side) / 2,
        side,
    )


def _draw_code_slip(
    canvas: Canvas, text: PrintText, code: str, url: str, width: float, height: float
) -> None:
    """Text on the left, the QR code (with the code in its link) on the right."""
    margin, band = 8 * mm, 9 * mm
    band_top = height - EDGE
    _band(canvas, text.brand, width, band_top, band, margin, 9)
    side = 34 * mm
    _qr(canvas, url, width - margin - side + 2 * mm, (band_top - band - side) / 2, side, mask=2)
    column = width - 2 * margin - side + 1 * mm
    canvas.setFillColor(INK)
    top = band_top - band - 2.5 * mm
    top = _lines(canvas, text.title, BOLD, 10.5, margin, top, column)
    top = _lines(canvas, YOUR_CODE, REGULAR, 9, margin, top - 4, column)
    top = _lines(canvas, code, MONO_BOLD, 19, margin, top - 1, column)
    top = _lines(canvas, ONCE, REGULAR, 9, margin, top - 3, column)
    top = _lines(canvas, SCAN_OR_TYPE, REGULAR, 9, margin, top - 4, column)
    top = _lines(canvas, text.short_link, BOLD, 9, margin, top, column)
    if text.closing_line:
        top = _lines(canvas, text.closing_line, REGULAR, 9, margin, top - 3, column)
    if text.brand.contact_line:
        _lines(canvas, text.brand.contact_line, REGULAR, 9, margin, top - 3, column)


def _band(
    canvas: Canvas, brand: Brand, width: float, top: float, band: float, margin: float, size: float
) -> None:
    """The house-colour band from edge to edge (within EDGE): the name in white on the left,
    the logo on a white plate on the right."""
    canvas.setFillColor(brand.fill)
    canvas.rect(EDGE, top - band, width - 2 * EDGE, band, stroke=0, fill=1)
    canvas.setFillColor(white)
    canvas.setFont(BOLD, size)
    canvas.drawString(margin, top - band / 2 - size * 0.35, one_line(brand.name))
    aspect = logo_aspect(brand)
    if aspect:
        pad = band * 0.12
        plate_h = band - 2 * pad
        inset = plate_h * 0.1
        logo_h = plate_h - 2 * inset
        # Never over the name: a long name leaves the logo less room, and no room, no logo.
        name_end = margin + stringWidth(one_line(brand.name), BOLD, size) + 3 * mm
        room = width - EDGE - pad - 2 * inset - name_end
        logo_w = min(logo_h * aspect, (width - 2 * margin) * 0.4, room)
        if logo_w < logo_h * min(aspect, 1) * 0.8:
            return
        plate_x = width - EDGE - pad - logo_w - 2 * inset
        canvas.roundRect(
            plate_x, top - band + pad, logo_w + 2 * inset, plate_h, pad, stroke=0, fill=1
        )
        draw_logo(canvas, brand, plate_x + inset, top - band + pad + inset, logo_w, logo_h)


def _lines(
    canvas: Canvas, value: str, font: str, size: float, x: float, top: float, width: float
) -> float:
    """Draw wrapped text (domain.printable, one line) downwards from `top`; the new top."""
    canvas.setFont(font, size)
    for line in simpleSplit(one_line(value), font, size, width):
        top -= size * 1.2
        canvas.drawString(x, top, line)
    return top


def _lines_up(
    canvas: Canvas, value: str, font: str, size: float, x: float, bottom: float, width: float
) -> float:
    """Draw wrapped text upwards from `bottom`, last line lowest; returns the new bottom."""
    canvas.setFont(font, size)
    lines = simpleSplit(one_line(value), font, size, width)
    for line in reversed(lines):
        canvas.drawString(x, bottom, line)
        bottom += size * 1.2
    return bottom


def _qr(canvas: Canvas, url: str, x: float, y: float, side: float, mask: int | None = None) -> None:
    """The QR code as vector squares, one run per row; see qr.make_code for `mask`."""
    code = make_code(url, mask)
    matrix = code.get_matrix()  # includes the quiet zone
    module = side / len(matrix)
    canvas.setFillColor(white)
    canvas.rect(x, y, side, side, stroke=0, fill=1)
    canvas.setFillColor(INK)
    for row_index, row in enumerate(matrix):
        row_y = y + side - (row_index + 1) * module
        start = None
        for col_index, dark in enumerate([*row, False]):
            if dark and start is None:
                start = col_index
            elif not dark and start is not None:
                # A hair of overlap so no white seams show between runs when printed.
                canvas.rect(
                    x + start * module,
                    row_y - 0.05,
                    (col_index - start) * module,
                    module + 0.1,
                    stroke=0,
                    fill=1,
                )
                start = None


def _cut_marks(canvas: Canvas, width: float, height: float, columns: int, rows: int) -> None:
    """Ticks at the sheet's edges on every cut line, with a thin dashed guide between them."""
    tick = 9 * mm
    xs = [width * i / columns for i in range(1, columns)]
    ys = [height * i / rows for i in range(1, rows)]
    canvas.saveState()
    canvas.setStrokeColor(CUT)
    canvas.setLineWidth(0.6)
    for x in xs:
        canvas.line(x, 0, x, tick)
        canvas.line(x, height - tick, x, height)
    for y in ys:
        canvas.line(0, y, tick, y)
        canvas.line(width - tick, y, width, y)
    canvas.setLineWidth(0.3)
    canvas.setDash(2, 3)
    for x in xs:
        canvas.line(x, tick, x, height - tick)
    for y in ys:
        canvas.line(tick, y, width - tick, y)
    canvas.restoreState()
