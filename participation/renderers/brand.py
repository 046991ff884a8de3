"""The municipality's look as print needs it, and its logo drawn into a ReportLab canvas."""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from participation.domain.house_style import DEFAULT_COLOUR


@dataclass(frozen=True)
class Brand:
    """Name, house colour, logo (PNG or SVG bytes) and contact line for print and reports."""

    name: str
    colour: str = DEFAULT_COLOUR
    logo: bytes | None = None
    logo_type: str | None = None
    contact_line: str = ""

    @property
    def fill(self) -> Color:
        return HexColor(self.colour)


def logo_aspect(brand: Brand) -> float | None:
    """The logo's width over its height, or None without a (drawable) logo."""
    if not brand.logo:
        return None
    image_w, image_h = ImageReader(io.BytesIO(brand.logo)).getSize()
    return image_w / image_h if image_h else None


def draw_logo(
    canvas: Canvas, brand: Brand, x: float, y: float, width: float, height: float
) -> None:
    """The logo fitted into the box, centred; nothing without a logo."""
    if not brand.logo:
        return
    image = ImageReader(io.BytesIO(brand.logo))
    image_w, image_h = image.getSize()
    scale = min(width / image_w, height / image_h)
    drawn_w, drawn_h = image_w * scale, image_h * scale
    canvas.drawImage(
        image, x + (width - drawn_w) / 2, y + (height - drawn_h) / 2, drawn_w, drawn_h, mask="auto"
    )
