"""Indicators from the safety analysis (the forms live in participation.web.figure_forms)."""

from participation.web.figure_forms import IndicatorForm, IndicatorImportForm

__all__ = ["IndicatorForm", "IndicatorImportForm"]
