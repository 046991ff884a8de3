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
