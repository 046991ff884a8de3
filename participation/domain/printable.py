"""Text any PDF can print: the one rule for what reaches WeasyPrint and ReportLab."""

from __future__ import annotations

import re
import unicodedata

# Everything but printable ASCII, tab, line feed and carriage return: only these are looked at.
_SUSPECT = re.compile(r"[^\t\n\r\x20-\x7e]+")
# Line and paragraph separators (U+2028/2029) and the old controls that mean a new line
# (vertical tab, form feed, file/group/record separators, NEL): all become a plain line feed.
_NEW_LINE = frozenset("\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85")
# The one format character worth keeping: a soft hyphen only marks where a word may break.
_KEPT_FORMAT = frozenset("\u00ad")
_WHITESPACE = re.compile(r"\s+")


def _is_noncharacter(code: int) -> bool:
    """U+FDD0..U+FDEF and the last two code points of every plane (U+FFFE, U+1FFFF, ...)."""
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


def _fix(run: str) -> str:
    kept = []
    for char in run:
        if char in _NEW_LINE:
            kept.append("\n")
            continue
        category = unicodedata.category(char)
        if category in ("Cc", "Cs") or (category == "Cf" and char not in _KEPT_FORMAT):
            continue  # controls, lone surrogates; BOM, zero-width and bidi controls
        if _is_noncharacter(ord(char)):
            continue
        kept.append(char)
    return "".join(kept)


def printable(text: str) -> str:
    """The text with only what a PDF can lay out and print, for WeasyPrint and ReportLab.

    - line and paragraph separators (U+2028, U+2029, NEL, VT, FF, FS/GS/RS) become a line
      feed (WeasyPrint stops with 'AssertionError: Got ' \\u2029' between two lines');
    - other control characters and lone surrogates are removed;
    - format characters are removed: the byte order mark (U+FEFF), zero-width space, joiner
      and non-joiner, word joiner, the bidi embeddings, overrides, isolates and marks (which
      could turn the surrounding document text around), and tag characters; only the soft
      hyphen (U+00AD) stays;
    - non-characters (U+FDD0..U+FDEF, U+FFFE, U+FFFF and their kin in every plane) go;
    - everything else stays, emoji included: WeasyPrint lays them out with a fallback font
      and ReportLab draws what its font has (tests/test_pdf_any_text.py renders them).
    Markup (HTML) passes through unharmed: it is ASCII, and nothing is ever added.
    """
    return _SUSPECT.sub(lambda match: _fix(match.group()), text)


def one_line(text: str) -> str:
    """printable(), on one line with single spaces: a title on a poster or in a PDF's info."""
    return _WHITESPACE.sub(" ", printable(text)).strip()
