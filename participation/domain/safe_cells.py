"""Text bound for a CSV: never a live formula, never a line break or control character.

Anything typed by residents or staff (open answers, remarks, reasons, titles, names) can start
with '=', '+', '-' or '@'. In a CSV, Excel would run it as a formula (CSV injection, OWASP);
there it gets a leading apostrophe, the usual neutraliser. Control characters are dropped.
Plain Python (no Flask, no spreadsheet library), so services and renderers both use it;
renderers.safe_cells does the same for XLSX cells.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

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
