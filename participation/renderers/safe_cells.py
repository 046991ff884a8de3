"""Text bound for a spreadsheet: never a live formula, never a character Excel cannot hold.

Anything typed by residents or staff (open answers, remarks, reasons, titles, names) can start
with '=', '+', '-' or '@'. In a CSV, Excel would run it as a formula (CSV injection, OWASP);
there it gets a leading apostrophe, the usual neutraliser. In an XLSX it is typed as text,
so Excel shows exactly what was typed. Control characters are dropped: XML refuses them.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

from participation.domain.text_input import strip_control_characters

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Inside a cell, a line break would let a spreadsheet start a new row there (a bare CR is not
# even quoted by the csv module when rows end in LF), and that row could start with '='.
LINE_BREAKS = re.compile("\r\n|[\r\n\u0085\u2028\u2029]")


def csv_value(value: object) -> object:
    """A CSV cell on one line; text that Excel would read as a formula gets an apostrophe."""
    if not isinstance(value, str):
        return value
    value = strip_control_characters(LINE_BREAKS.sub(" ", value))
    return "'" + value if value.startswith(FORMULA_START) else value


class _Writer(Protocol):
    def writerow(self, row: Iterable[Any], /) -> Any: ...


@dataclass(frozen=True)
class CsvDialect:
    """How a CSV is written: the contract's plain one, or one Dutch Excel opens right."""

    delimiter: str
    lineterminator: str
    decimal: str
    bom: str


PLAIN = CsvDialect(",", "\n", ".", "")
# Dutch Excel reads ';' between cells and a decimal comma, and needs the byte-order mark to
# read UTF-8 (else 'é' and '’' come out garbled).
EXCEL = CsvDialect(";", "\r\n", ",", "\ufeff")


class SafeCsvWriter:
    """csv.writer whose text cells pass through csv_value; numbers with the dialect's decimal
    sign (a Decimal keeps its digits: Decimal('0.1230') is written 0.1230 or 0,1230)."""

    def __init__(self, buffer: Any, dialect: CsvDialect = PLAIN) -> None:
        buffer.write(dialect.bom)
        self._dialect = dialect
        self._writer: _Writer = csv.writer(
            buffer, delimiter=dialect.delimiter, lineterminator=dialect.lineterminator
        )

    def _cell(self, value: object) -> object:
        if isinstance(value, float | Decimal) and self._dialect.decimal != ".":
            return str(value).replace(".", self._dialect.decimal)
        return csv_value(value)

    def writerow(self, row: Iterable[object]) -> None:
        self._writer.writerow([self._cell(value) for value in row])

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
