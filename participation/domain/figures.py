"""Figures in the shape CBS StatLine and the Veiligheidsmonitor publish: read, checked, matched."""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from participation.domain.priorities import trend_of
from participation.domain.text_input import CONTROL_CHARACTERS

T = TypeVar("T")

MAX_LINES = 5_000  # the heading included; a municipality's file has a few dozen
MAX_NAME = 200  # an indicator's name (the column's width)
MAX_CODE = 12  # an area code (Municipality.cbs_code, Area.cbs_code, Region.cbs_code)
# Column headings, Dutch or English, any case; CBS's typed downloads add "_1", "_2" (see
# `heading_key`). "RegioS" and "WijkenEnBuurten" hold the codes in CBS's own files.
CODE_HEADINGS = frozenset(
    {"code", "regiocode", "gebiedscode", "codering", "regios", "wijkenenbuurten", "areacode"}
)
PERIOD_HEADINGS = frozenset({"perioden", "periode", "jaar", "year", "period"})
VALUE_HEADINGS = frozenset({"waarde", "value"})
NAME_HEADINGS = frozenset({"indicator", "onderwerp", "onderwerpen"})
THEME_HEADINGS = frozenset({"thema", "theme"})
# Columns that say what a row is about in words; they are read past, never as a figure.
WORD_HEADINGS = frozenset(
    {"id", "naam", "name", "gemeentenaam", "soortregio", "regionaam", "wijknaam", "buurtnaam",
     "kern", "gebied", "toelichting", "bron", "source", "eenheid", "unit"}
)  # fmt: skip
# CBS's signs for a cell without a figure: "." unknown or too uncertain, "x" secret, and an
# empty cell. Such a cell is left out, not an error (CBS suppresses small groups that way).
NO_FIGURE = frozenset({"", ".", "x", "X"})
# A year as CBS writes it ("2023JJ00") or plainly ("2023"); quarters and months are refused.
YEAR = re.compile(r"(\d{4})(JJ00)?")
NOT_YEARLY = re.compile(r"\d{4}(KW0[1-4]|MM(0[1-9]|1[0-2])|X\d{3}|G\d{3})")
# A figure: "8,1", "8.1", "-3", "1.234,5" (points group thousands only before a comma).
DECIMAL_COMMA = re.compile(r"-?[0-9]{1,12}(,[0-9]{1,6})?")
DECIMAL_POINT = re.compile(r"-?[0-9]{1,12}(\.[0-9]{1,6})?")
THOUSANDS = re.compile(r"-?[0-9]{1,3}(\.[0-9]{3}){1,3},[0-9]{1,6}")

# The codes staff give an area, by level: a municipality, a village core (a district or
# neighbourhood), a region (its own code: any two letters and two to ten letters or digits).
CODE_FORMS = {
    "municipality": re.compile(r"GM\d{4}"),
    "core": re.compile(r"WK\d{6}|BU\d{8}"),
    "region": re.compile(r"[A-Z]{2}[A-Z0-9]{2,10}"),
}

# What can be wrong, by key; the views say each in words (staff: Dutch).
PROBLEM_KEYS = (
    "encoding",  # the file is not text (UTF-8, or Windows-1252 as Excel saves it)
    "empty",  # no heading, or no figure under it
    "too_long",  # more than MAX_LINES lines
    "no_code_column",  # no column with the area codes
    "no_period_column",  # no column with the period
    "no_figures_column",  # no column with figures
    "no_name",  # one column of figures, no indicator column, and no name given
    "columns",  # a row with more cells than the heading
    "code",  # no area code, or one longer than a code can be
    "period",  # not a year
    "not_yearly",  # a quarter or a month: only yearly figures are kept
    "value",  # not a figure
    "name",  # no indicator name in the indicator column
    "twice",  # the same indicator, area and year once before in the file
    "none_yours",  # no line has the code of this municipality, its cores or the region
    "theme",  # not a theme of the campaign (the service checks a theme column)
)


@dataclass(frozen=True)
class Figure:
    """One figure of the file: for an area (its code) in a year, of one indicator."""

    line: int
    code: str
    year: int
    indicator: str
    value: float
    theme: str = ""  # as a theme column gives it; empty: the theme chosen with the upload


@dataclass(frozen=True)
class Problem:
    """Why a line (0: the file as a whole) cannot be read; `detail` repeats what it said."""

    line: int
    reason: str  # one of PROBLEM_KEYS
    detail: str = ""


@dataclass
class ReadFigures:
    figures: list[Figure] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    without_figure: int = 0  # cells CBS left without a figure ('.', 'x', empty): skipped


def heading_key(heading: str) -> str:
    """A heading as the columns are known: 'Perioden', 'RegioS', 'Regio's' → 'perioden',
    'regios', 'regios'; CBS's numbered 'Gemeentenaam_1' → 'gemeentenaam'."""
    plain = re.sub(r"_\d+$", "", heading.strip())
    return re.sub(r"[^a-z]", "", plain.lower())


def parse_figure(text: str) -> float | None:
    """A figure as CBS, Excel or a person writes it; None for anything else.

    A comma is a decimal comma ("8,1"); a point is a decimal point ("8.1") unless a comma
    follows, when points group thousands ("1.234,5"). "1,234.5" and "nan" are refused.
    """
    text = text.strip()
    if DECIMAL_COMMA.fullmatch(text):
        return float(text.replace(",", "."))
    if DECIMAL_POINT.fullmatch(text):
        return float(text)
    if THOUSANDS.fullmatch(text):
        return float(text.replace(".", "").replace(",", "."))
    return None


def parse_year(text: str) -> int | str:
    """The year of a period ("2023", "2023JJ00"), or the problem's key."""
    text = text.strip().upper()
    found = YEAR.fullmatch(text)
    if found and 1900 <= int(found.group(1)) <= 2100:
        return int(found.group(1))
    return "not_yearly" if NOT_YEARLY.fullmatch(text) else "period"


def decode(data: bytes) -> str | None:
    """The file's text: UTF-8 (with or without Excel's BOM), else Windows-1252; None if neither."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _lines(text: str) -> list[tuple[int, str]]:
    """The lines to read with their numbers in the file: blank lines and '#' notes left out."""
    return [
        (number, line)
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]


def _delimiter(heading: str) -> str:
    """';' as Dutch Excel and CBS write, ',' or a tab otherwise: whichever the heading has most."""
    counts = {mark: heading.count(mark) for mark in (";", ",", "\t")}
    return max(counts, key=lambda mark: (counts[mark], mark == ";"))


@dataclass(frozen=True)
class _Columns:
    code: int
    period: int
    value: int | None  # the long shape: one figure per line, its indicator named beside it
    name: int | None
    theme: int | None
    indicators: tuple[tuple[int, str], ...]  # the wide shape: one column per indicator


def _columns(headings: Sequence[str]) -> _Columns | Problem:
    keys = [heading_key(h) for h in headings]

    def first(known: frozenset[str]) -> int | None:
        return next((i for i, key in enumerate(keys) if key in known), None)

    code, period = first(CODE_HEADINGS), first(PERIOD_HEADINGS)
    value, name, theme = first(VALUE_HEADINGS), first(NAME_HEADINGS), first(THEME_HEADINGS)
    if code is None:
        return Problem(1, "no_code_column")
    if period is None:
        return Problem(1, "no_period_column")
    taken = {code, period, value, name, theme}
    wide = tuple(
        (i, CONTROL_CHARACTERS.sub("", h).strip()[:MAX_NAME])
        for i, (h, key) in enumerate(zip(headings, keys, strict=True))
        if i not in taken and key not in WORD_HEADINGS and h.strip()
    )
    if value is None and not wide:
        return Problem(1, "no_figures_column")
    return _Columns(code, period, value, name, theme, () if value is not None else wide)


def read(data: bytes, default_name: str = "") -> ReadFigures:
    """The figures of a CSV file in CBS's shape, every bad line with its number.

    Columns: the area code (GM…. for a municipality, WK…/BU… for a district or neighbourhood,
    or a region's own code), the period (a year: "2023" or "2023JJ00"), and either one
    column per indicator headed by its name (as StatLine downloads are), or a `waarde` /
    `value` column with an `indicator` / `onderwerp` column beside it (without one, all
    figures are of the indicator `default_name`). An optional `thema` / `theme` column names
    each line's theme. Separated by ';', ',' or a tab; a decimal comma or point; lines
    starting with '#' are notes. Cells with CBS's '.' or 'x' or nothing are skipped.
    """
    result = ReadFigures()
    text = decode(data)
    if text is None:
        result.problems.append(Problem(0, "encoding"))
        return result
    lines = _lines(text)
    if len(lines) > MAX_LINES:
        result.problems.append(Problem(0, "too_long", str(MAX_LINES)))
        return result
    if len(lines) < 2:
        result.problems.append(Problem(0, "empty"))
        return result
    delimiter = _delimiter(lines[0][1])
    rows = [(number, next(csv.reader([line], delimiter=delimiter), [])) for number, line in lines]
    heading_line, headings = rows[0]
    columns = _columns(headings)
    if isinstance(columns, Problem):
        result.problems.append(Problem(heading_line, columns.reason))
        return result
    if columns.value is not None and columns.name is None and not default_name.strip():
        result.problems.append(Problem(heading_line, "no_name"))
        return result
    seen: dict[tuple[str, str, int], int] = {}
    for number, cells in rows[1:]:
        found = _read_row(number, cells, len(headings), columns, default_name.strip(), result)
        keys = [(figure.indicator.casefold(), figure.code, figure.year) for figure in found]
        earlier = next((seen[key] for key in keys if key in seen), None)
        if earlier is not None:
            result.problems.append(Problem(number, "twice", str(earlier)))
            continue
        seen.update(dict.fromkeys(keys, number))
        result.figures.extend(found)
    if not result.figures and not result.problems:
        result.problems.append(Problem(0, "empty"))
    return result


def _read_row(
    number: int,
    cells: list[str],
    width: int,
    columns: _Columns,
    default_name: str,
    result: ReadFigures,
) -> list[Figure]:
    """The figures of one line; its problems go to `result` (then none of its figures)."""
    if len(cells) > width:
        result.problems.append(Problem(number, "columns", str(len(cells))))
        return []
    cells = [CONTROL_CHARACTERS.sub("", cell).strip() for cell in cells] + [""] * width
    code = normal_code(cells[columns.code])
    if not code or len(code) > MAX_CODE:
        result.problems.append(Problem(number, "code", cells[columns.code][:40]))
        return []
    year = parse_year(cells[columns.period])
    if isinstance(year, str):
        result.problems.append(Problem(number, year, cells[columns.period][:40]))
        return []
    theme = cells[columns.theme][:120] if columns.theme is not None else ""
    if columns.value is not None:
        name = cells[columns.name][:MAX_NAME] if columns.name is not None else default_name
        if not name:
            result.problems.append(Problem(number, "name"))
            return []
        wanted = [(columns.value, name[:MAX_NAME])]
    else:
        wanted = list(columns.indicators)
    found = []
    for index, name in wanted:
        cell = cells[index]
        if cell in NO_FIGURE:
            result.without_figure += 1
            continue
        value = parse_figure(cell)
        if value is None:
            result.problems.append(Problem(number, "value", cell[:40]))
            return []
        found.append(Figure(number, code, year, name, value, theme))
    return found


def match(
    figures: Sequence[Figure], known: Mapping[str, T]
) -> tuple[list[tuple[Figure, T]], dict[str, list[int]]]:
    """Each figure with what its code stands for (a village core, a municipality, the
    region), and the codes of other areas with their lines: left out, not an error (a
    download for the whole region serves each municipality), but said back to staff."""
    matched: list[tuple[Figure, T]] = []
    left_out: dict[str, list[int]] = {}
    for figure in figures:
        if figure.code in known:
            matched.append((figure, known[figure.code]))
        elif figure.line not in left_out.setdefault(figure.code, []):
            left_out[figure.code].append(figure.line)
    return matched, left_out


def trend_over(
    whole: Sequence[tuple[int, float]], parts: Sequence[Sequence[tuple[int, float]]]
) -> str:
    """The trend of an indicator given at several levels: of the whole's own values (the
    municipality's, the region's) when it has them; else of the parts' mean per year, over
    the years every part has a value for (so a part missing a year moves nothing)."""
    if whole or not parts:
        return trend_of(whole)
    shared = set.intersection(*({year for year, _ in part} for part in parts))
    by_part = [dict(part) for part in parts]
    return trend_of(
        [(year, sum(part[year] for part in by_part) / len(by_part)) for year in sorted(shared)]
    )


def normal_code(code: str) -> str:
    """A code as files and forms give it, without spaces, in capitals: ' gm1701 ' → 'GM1701'."""
    return re.sub(r"\s+", "", code).upper()


def codes_problems(given: Mapping[str, tuple[str, str]]) -> dict[str, str]:
    """Per key the problem with the code given for it (key → (level, code)): 'form' when it
    is not a code of that level, 'twice' when another key has it too; empty codes are fine."""
    problems: dict[str, str] = {}
    seen: dict[str, str] = {}
    for key, (level, code) in given.items():
        code = normal_code(code)
        if not code:
            continue
        if not CODE_FORMS[level].fullmatch(code):
            problems[key] = "form"
        elif code in seen:
            problems[key] = "twice"
        seen.setdefault(code, key)
    return problems
