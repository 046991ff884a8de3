"""Text bound for a spreadsheet: never a live formula, never a character Excel cannot hold.

Anything typed by residents or staff (open answers, remarks, reasons, titles, names) can start
with '=', '+', '-' or '@'. In a CSV, Excel would run it as a formula (CSV injection, OWASP);
there it gets a leading apostrophe, the usual neutraliser. In an XLSX it is typed as text,
so Excel shows exactly what was typed. Control characters are dropped: XML refuses them.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, Protocol

from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

from participation.domain.text_input import strip_control_characters

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_value(value: object) -> object:
    """A CSV cell: text that Excel would read as a formula gets a leading apostrophe."""
    if not isinstance(value, str):
        return value
    value = strip_control_characters(value)
    return "'" + value if value.startswith(FORMULA_START) else value


class _Writer(Protocol):
    def writerow(self, row: Iterable[Any], /) -> Any: ...


class SafeCsvWriter:
    """csv.writer whose text cells pass through csv_value."""

    def __init__(self, buffer: Any) -> None:
        self._writer: _Writer = csv.writer(buffer, lineterminator="\n")

    def writerow(self, row: Iterable[object]) -> None:
        self._writer.writerow([csv_value(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        for row in rows:
            self.writerow(row)


def text_cell(sheet: Worksheet, text: str) -> Cell:
    """A cell that holds `text` as text, whatever it starts with, without control characters."""
    cell = Cell(sheet, column=1, row=1, value=strip_control_characters(text))  # append() places it
    cell.data_type = "s"  # openpyxl makes '=…' a formula; a string cell shows it as typed
    return cell


def xlsx_value(sheet: Worksheet, value: object) -> object:
    """A worksheet value: text is cleaned, and text starting with '=' is stored as text."""
    if not isinstance(value, str):
        return value
    value = strip_control_characters(value)
    return text_cell(sheet, value) if value.startswith("=") else value


def append_row(sheet: Worksheet, values: Iterable[object]) -> None:
    """sheet.append, with every text cell passed through xlsx_value."""
    sheet.append([xlsx_value(sheet, value) for value in values])
