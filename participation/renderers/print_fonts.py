"""DejaVu fonts for ReportLab's print (posters, flyers, code slips), embedded in each PDF."""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

# Condensed: as wide as the Helvetica the print was designed with, so a date stays on its line.
REGULAR = "DejaVuSansCondensed"
BOLD = "DejaVuSansCondensed-Bold"
MONO_BOLD = "DejaVuSansMono-Bold"  # a voting code, its letters apart
# Debian's fonts-dejavu-core (the reports' font too), else the copy matplotlib ships, which
# has no condensed faces: then the wider ones, and long lines wrap once more.
SYSTEM_FONTS = Path("/usr/share/fonts/truetype/dejavu")
WIDER = {REGULAR: "DejaVuSans", BOLD: "DejaVuSans-Bold", MONO_BOLD: MONO_BOLD}


def _font_file(name: str) -> Path:
    system = SYSTEM_FONTS / f"{name}.ttf"
    if system.exists():
        return system
    # Found without importing matplotlib (slow to import; only charts need it).
    spec = importlib.util.find_spec("matplotlib")
    folders = spec.submodule_search_locations if spec else None
    if not folders:
        raise FileNotFoundError(f"{name}.ttf: install fonts-dejavu-core")
    return Path(next(iter(folders))) / "mpl-data" / "fonts" / "ttf" / f"{WIDER[name]}.ttf"


@functools.cache
def registered() -> None:
    """Register the fonts with ReportLab, once per process.

    The base-14 Helvetica a PDF only names is not embedded: print shops' checks refuse such
    files, and it has no glyphs beyond Western European ones (a Polish or Turkish name typed
    by staff came out as black boxes). A TrueType font is embedded as the subset used."""
    for name in (REGULAR, BOLD, MONO_BOLD):
        pdfmetrics.registerFont(TTFont(name, str(_font_file(name))))
