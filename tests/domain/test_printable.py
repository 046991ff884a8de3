"""domain.printable: the one rule for text that reaches WeasyPrint and ReportLab."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from participation.domain.printable import one_line, printable


def test_line_and_paragraph_separators_become_line_feeds() -> None:
    assert printable("Veel \u2029inbraken\u2028hier") == "Veel \ninbraken\nhier"
    assert printable("a\x0bb\x0cc\x85d\x1ce") == "a\nb\nc\nd\ne"
    assert printable("tab\tlf\ncr\r") == "tab\tlf\ncr\r"


def test_invisible_and_direction_changing_characters_go() -> None:
    assert printable("\ufeffbom") == "bom"
    assert printable("zero\u200bwidth\u2060joiner\u200d\u200c") == "zerowidthjoiner"
    # 'redro' would print as 'order', turning the text after it around as well.
    assert printable("a \u202eredro\u202c b \u2066x\u2069 \u200f") == "a redro b x "
    assert printable("\x00nul\x07bel\x9bcsi\x7f") == "nulbelcsi"
    assert printable("woord\u00adafbreking") == "woord\u00adafbreking"  # a soft hyphen stays


def test_non_characters_go() -> None:
    for code in (0xFDD0, 0xFDEF, 0xFFFE, 0xFFFF, 0x1FFFE, 0x10FFFF):
        assert printable(f"a{chr(code)}b") == "ab"


def test_emoji_other_scripts_and_accents_stay() -> None:
    text = "😀 👍🏽 🇳🇱 漢字 שלום مرحبا é e\u0301 Ĳsselmonde"
    assert printable(text) == text
    assert printable("👨\u200d👩\u200d👧") == "👨👩👧"  # the joiners go, the people stay


def test_markup_and_plain_text_pass_unchanged() -> None:
    html = '<p class="x">Wat vindt u &amp; uw buren? <b>Ja</b></p>\n'
    assert printable(html) == html
    assert printable("") == ""


def test_one_line_is_a_single_line_with_single_spaces() -> None:
    assert one_line("  Veel\u2029 inbraken\n\n in\tMarum\u2028 ") == "Veel inbraken in Marum"


@given(st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF)))
def test_what_comes_out_is_only_what_a_pdf_can_print(text: str) -> None:
    out = printable(text)
    assert printable(out) == out
    for char in out:
        category = unicodedata.category(char)
        assert category not in ("Cs", "Zl", "Zp"), repr(char)
        assert category != "Cc" or char in "\t\n\r", repr(char)
        assert category != "Cf" or char == "\u00ad", repr(char)
        code = ord(char)
        assert not (0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE), repr(char)
    assert "\n" not in one_line(text) and "  " not in one_line(text)
