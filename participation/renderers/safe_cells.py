"""Text bound for an XLSX sheet: never a live formula, never a character Excel cannot hold.

Anything typed by residents or staff can start with '='; in an XLSX it is typed as text, so
Excel shows exactly what was typed. Control characters are dropped: XML refuses them. The
CSV side (csv_value, SafeCsvWriter, the dialects) is domain.safe_cells.
"""

from __future__ import annotations

from collections.abc import Iterable

from openpyxl.cell.cell import Cell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from participation.domain.text_input import strip_control_characters


def text_cell(sheet: Worksheet | WriteOnlyWorksheet, text: str) -> Cell:
    """A cell that holds `text` as text, whatever it starts with, without control characters."""
    cell = Cell(sheet, column=1, row=1, value=strip_control_characters(text))  # append() places it
    cell.data_type = "s"  # openpyxl makes '=…' a formula; a string cell shows it as typed
    return cell


def xlsx_value(sheet: Worksheet | WriteOnlyWorksheet, value: object) -> object:
    """A worksheet value: text is cleaned, and text starting with '=' is stored as text."""
    if not isinstance(value, str):
        return value
    value = strip_control_characters(value)
    return text_cell(sheet, value) if value.startswith("=") else value


def append_row(sheet: Worksheet, values: Iterable[object]) -> None:
    """sheet.append, with every text cell passed through xlsx_value."""
    sheet.append([xlsx_value(sheet, value) for value in values])
