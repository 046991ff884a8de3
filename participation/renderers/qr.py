"""QR codes for ballot links: SVG for design tools, PNG at 300 dpi across an A4 page."""

from __future__ import annotations

import io
from typing import Any

import qrcode
import qrcode.image.svg
from PIL import Image

# A4 is 210 mm wide: 8.27 in × 300 dpi.
A4_WIDTH_PX = 2480
PRINT_DPI = 300


def make_code(url: str, mask: int | None = None) -> qrcode.QRCode[Any]:
    """The QR code for a link: level H, four-module quiet zone.

    Level H survives 30 % damage: a creased poster, a sticker over a corner, glare. A fixed
    `mask` skips scoring all eight, most of the work for thousands of code slips; every mask
    decodes, the scoring only avoids patterns that are a little harder to read.
    """
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_H, border=4, mask_pattern=mask
    )
    code.add_data(url)
    code.make(fit=True)
    return code


def qr_svg(url: str) -> bytes:
    """A scalable SVG of the QR code, black on white."""
    image = make_code(url).make_image(image_factory=qrcode.image.svg.SvgPathFillImage)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue()


def qr_png(url: str, width_px: int = A4_WIDTH_PX) -> bytes:
    """A square PNG `width_px` wide at 300 dpi, with whole-pixel modules for sharp printing."""
    code = make_code(url)
    modules = code.modules_count + 2 * code.border
    code.box_size = max(1, width_px // modules)
    image = code.make_image(fill_color="black", back_color="white").get_image().convert("L")
    canvas = Image.new("L", (width_px, width_px), 255)
    offset = (width_px - image.width) // 2
    canvas.paste(image, (offset, offset))
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG", dpi=(PRINT_DPI, PRINT_DPI), optimize=True)
    return buffer.getvalue()
