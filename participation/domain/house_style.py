"""The municipality's own look: a house colour that stays readable, and a logo that is safe.

The colour fills the header band and the print band behind white text, and colours links on
white, so it needs 4.5:1 against white (WCAG 2.1, 1.4.3). A logo is a PNG that Pillow reads,
at most 4000 pixels a side. SVG is not taken: it can hold scripts, animation, CSS that loads
other files and element bombs, and no check we could write stays ahead of that (an outside
probe got five past the last one); a PNG is only pixels.
"""

from __future__ import annotations

import enum
import io
import re

from PIL import Image, UnidentifiedImageError

DEFAULT_COLOUR = "#00567a"
MIN_CONTRAST = 4.5
MAX_LOGO_BYTES = 250_000
MAX_LOGO_SIDE = 4000  # pixels, for a PNG
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
PNG = "image/png"


class LogoProblem(enum.Enum):
    TOO_LARGE = "too_large"
    NOT_AN_IMAGE = "not_an_image"  # not a PNG
    SVG_NOT_TAKEN = "svg_not_taken"  # an SVG: upload it as a PNG


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast_ratio(first: str, second: str = "#ffffff") -> float:
    """WCAG 2.1 contrast ratio of two '#rrggbb' colours, from 1 to 21."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def readable_on_white(colour: str) -> bool:
    return bool(HEX_COLOUR.match(colour)) and contrast_ratio(colour) >= MIN_CONTRAST


def darker(colour: str, factor: float = 0.7) -> str:
    """The colour darkened, for hover states and the footer."""
    parts = (int(int(colour[i : i + 2], 16) * factor) for i in (1, 3, 5))
    return "#" + "".join(f"{part:02x}" for part in parts)


def logo_type(data: bytes) -> str | LogoProblem:
    """'image/png' for an acceptable logo, else what is wrong with it."""
    if len(data) > MAX_LOGO_BYTES:
        return LogoProblem.TOO_LARGE
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG if _sound_png(data) else LogoProblem.NOT_AN_IMAGE
    if _looks_like_svg(data):
        return LogoProblem.SVG_NOT_TAKEN
    return LogoProblem.NOT_AN_IMAGE


def _looks_like_svg(data: bytes) -> bool:
    return b"<svg" in data[:4096].lower()


def _sound_png(data: bytes) -> bool:
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
            return image.format == "PNG" and max(image.size) <= MAX_LOGO_SIDE
    except (UnidentifiedImageError, OSError, SyntaxError):
        return False


WEB_LOGO_HEIGHT = 96  # pixels: twice the 48 px the header shows, sharp on a phone's screen


def web_logo(data: bytes) -> bytes:
    """The logo for pages: at most WEB_LOGO_HEIGHT high, in at most 256 colours, optimised,
    so it stays within the ballot page's few kilobytes (print keeps the uploaded PNG)."""
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        picture = image.convert("RGBA")
    if picture.height > WEB_LOGO_HEIGHT:
        width = max(1, round(picture.width * WEB_LOGO_HEIGHT / picture.height))
        picture = picture.resize((width, WEB_LOGO_HEIGHT), Image.Resampling.LANCZOS)
    small = picture.quantize(colors=256, method=Image.Quantize.FASTOCTREE)
    buffer = io.BytesIO()
    small.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue() if len(buffer.getvalue()) < len(data) else data
