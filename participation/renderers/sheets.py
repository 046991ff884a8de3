"""One table per worksheet, made to open right: header in row 1, frozen, with an autofilter,
columns as wide as their content, counts with a thousands format and shares as fractions
shown as percentages (one scale everywhere). Works in openpyxl's write-only mode.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import cast

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from participation.renderers.safe_cells import text_cell, xlsx_value

# Excel's own formats; they follow the reader's locale (2.295 and 53% in Dutch Excel).
FORMATS = {
    "count": "#,##0",
    "share": "0%",
    "share1": "0.0%",
    "number": "0.0",
    "date": "DD-MM-YYYY",
}
MIN_WIDTH, MAX_WIDTH = 6, 60


@dataclass(frozen=True)
class Column:
    """A column: its Dutch title, what its values are, and what it means (for Toelichting)."""

    title: str
    kind: str = "text"  # text, count, share, share1, number, date, or int (no format)
    meaning: str = ""


@dataclass(frozen=True)
class Table:
    """A sheet's name, what it holds (for Toelichting), and its columns."""

    name: str
    about: str
    columns: Sequence[Column]


def _shown(column: Column, value: object) -> str:
    """Roughly what Excel shows, to size the column."""
    if value is None:
        return ""
    if column.kind in {"share", "share1"} and isinstance(value, float):
        return f"{value:.1%}"
    if isinstance(value, date):
        return "00-00-0000"
    if column.kind == "count" and isinstance(value, int):
        return f"{value:,}"
    return str(value)


def fitted_widths(columns: Sequence[Column], rows: Iterable[Sequence[object]]) -> list[float]:
    widths = [len(column.title) for column in columns]
    for row in rows:
        for index, (column, value) in enumerate(zip(columns, row, strict=False)):
            widths[index] = max(widths[index], len(_shown(column, value)))
    return [min(max(width + 2, MIN_WIDTH), MAX_WIDTH) for width in widths]


def _cell(sheet: WriteOnlyWorksheet, column: Column, value: object) -> object:
    if column.kind == "text" or isinstance(value, str):
        return xlsx_value(sheet, value)
    if value is None or column.kind == "int":
        return value
    # Counts, shares and dates (a date is what openpyxl's stubs call a datetime).
    cell = WriteOnlyCell(sheet, cast("float | datetime", value))
    cell.number_format = FORMATS[column.kind]
    return cell


def write_table(
    book: Workbook,
    table: Table,
    rows: Iterable[Sequence[object]],
    widths: Sequence[float] | None = None,
) -> None:
    """The table on a sheet of its own. Without `widths` the rows are read twice, to fit the
    columns to them: give widths for a stream (the ballots)."""
    if widths is None:
        rows = [list(row) for row in rows]
        widths = fitted_widths(table.columns, rows)
    sheet = book.create_sheet(table.name)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    _print_setup(sheet)  # before the first row: a write-only sheet writes its head then
    header = []
    for column in table.columns:
        cell = text_cell(sheet, column.title)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        header.append(cell)
    sheet.append(header)
    count = 0
    for row in rows:
        sheet.append([_cell(sheet, c, v) for c, v in zip(table.columns, row, strict=True)])
        count += 1
    used = f"A1:{get_column_letter(len(table.columns))}{count + 1}"
    sheet.auto_filter.ref = used
    sheet.print_area = used


def _print_setup(sheet: WriteOnlyWorksheet) -> None:
    """Printed, a sheet is A4 landscape, as wide as the page, its header row on every page:
    the walk printed a workbook as 141 pages of cut-off columns."""
    # A write-only sheet has a Worksheet's print settings; openpyxl's stubs leave them out.
    printed = cast(Worksheet, sheet)
    printed.page_setup.orientation = "landscape"
    printed.page_setup.paperSize = "9"  # A4
    printed.page_setup.fitToWidth = 1
    printed.page_setup.fitToHeight = 0  # as many pages down as it takes
    printed.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    printed.print_title_rows = "1:1"


# A sheet as (name, column titles, rows); a title is a text column's name, or (name, kind).
SimpleSheet = tuple[str, Sequence[str | tuple[str, str]], Iterable[Sequence[object]]]


def simple_workbook(sheets: Iterable[SimpleSheet]) -> bytes:
    """A small workbook of plain tables, one per sheet, as bytes (the memo, the progress report)."""
    book = Workbook(write_only=True)
    for name, titles, rows in sheets:
        columns = [Column(*t) if isinstance(t, tuple) else Column(t) for t in titles]
        write_table(book, Table(name, "", columns), rows)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
