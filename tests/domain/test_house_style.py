"""The house colour's contrast (WCAG 2.1) and the logo's type: a PNG, never an SVG."""

from __future__ import annotations

import pytest

from participation.domain.house_style import (
    PNG,
    LogoProblem,
    contrast_ratio,
    darker,
    logo_type,
    readable_on_white,
)
from tests.staff.test_municipality import PLAIN_SVG, png_logo


def test_contrast_ratios_match_the_wcag_formula() -> None:
    assert contrast_ratio("#000000") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff") == pytest.approx(1.0)
    assert contrast_ratio("#767676") == pytest.approx(4.54, abs=0.01)  # the classic AA grey
    assert contrast_ratio("#00567a") == pytest.approx(8.04, abs=0.01)  # worked by hand
    assert readable_on_white("#767676") and not readable_on_white("#777777")
    assert not readable_on_white("00567a") and not readable_on_white("#00567")


def test_darker_keeps_the_hue_and_stays_a_colour() -> None:
    assert darker("#00567a") == "#003c55"
    assert darker("#ffffff", 0.5) == "#7f7f7f"


def test_a_png_passes_and_any_svg_is_refused() -> None:
    assert logo_type(png_logo()) == PNG
    gradient = (
        b'<svg xmlns="http://www.w3.org/2000/svg"><defs><linearGradient id="g"/></defs>'
        b'<rect fill="url(#g)" width="9" height="9"/></svg>'
    )
    for svg in (PLAIN_SVG, gradient, b'<?xml version="1.0"?>\n<svg xmlns="x"/>'):
        assert logo_type(svg) is LogoProblem.SVG_NOT_TAKEN
    assert logo_type(b"\xff\xfe\x00garbage") is LogoProblem.NOT_AN_IMAGE
    assert logo_type(b"x" * 300_000) is LogoProblem.TOO_LARGE


def test_pages_get_the_logo_small_whatever_was_uploaded() -> None:
    """The walk: an uploaded logo added 9.9 KB to every ballot page; pages get it at 96 px."""
    import io

    from PIL import Image, ImageDraw, ImageFilter

    from participation.domain.house_style import web_logo

    drawn = Image.new("RGB", (1200, 400), "white")
    pen = ImageDraw.Draw(drawn)
    pen.ellipse((20, 20, 380, 380), fill=(0, 86, 122))
    pen.rectangle((440, 120, 1160, 280), fill=(122, 31, 61))
    big = drawn.filter(ImageFilter.GaussianBlur(2))
    buffer = io.BytesIO()
    big.save(buffer, format="PNG")
    small = web_logo(buffer.getvalue())
    assert len(small) < 10_000 < len(buffer.getvalue())
    with Image.open(io.BytesIO(small)) as image:
        assert image.size == (288, 96)
    tiny = png_logo(60, 20)
    assert web_logo(tiny) == tiny  # already small: served as uploaded
