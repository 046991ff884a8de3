"""Charts drawn at the size they are printed: the A4 text width, type sizes in points, labels
measured in the font they are drawn in."""

from __future__ import annotations

from functools import lru_cache

from matplotlib.font_manager import FontProperties
from matplotlib.textpath import text_to_path

# The text width of an A4 page in static/css/print.css (210 mm less 2 × 18 mm), in inches:
# a chart this wide is printed at 100 %, so its type comes out at the sizes below.
PRINT_WIDTH = (210 - 2 * 18) / 25.4
# Type sizes in points; nothing printed is under 8 pt (tests/results/test_report_print.py).
TEXT = 9.0
SMALL = 8.5
TITLE = 10.5
FONT = "DejaVu Sans"  # charts.render draws with it; WeasyPrint prints the SVG text with it
LINE = 1.25  # line height, in ems


@lru_cache(maxsize=4096)
def text_width(text: str, size: float) -> float:
    """The width of one line of `text` at `size` points, in inches."""
    properties = FontProperties(family=FONT, size=size)
    width, _, _ = text_to_path.get_text_width_height_descent(text, properties, ismath=False)
    return float(width) / 72


def wrap(text: str, size: float, width: float) -> str:
    """`text` broken at spaces into lines no wider than `width` inches (a single word wider
    than that keeps its own line), joined with newlines."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return "\n".join(lines) or text


def block_width(text: str, size: float) -> float:
    """The width of the widest line of a wrapped text, in inches."""
    return max(text_width(line, size) for line in text.split("\n"))


def lines_height(lines: int, size: float) -> float:
    """The height of `lines` lines of type of `size` points, in inches."""
    return lines * size * LINE / 72
