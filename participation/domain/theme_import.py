"""Reading a list of themes pasted from a spreadsheet or uploaded as CSV, line by line."""

from __future__ import annotations

import csv
import enum
import io
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from participation.domain.text_input import has_control_characters, strip_control_characters
from participation.domain.vocabulary import SAFETY_FIELDS

MAX_TITLE = 120  # the column sizes of theme.title and theme.explanation
MAX_EXPLANATION = 300
MAX_SHOWN = 80  # how much of a refused line the preview repeats
SEPARATORS = ("\t", "|", ";")
HEADER_TITLES = {"titel", "title", "thema", "theme"}
HEADER_WORDS = HEADER_TITLES | {"uitleg", "explanation", "toelichting", "veld", "field"}
# What a spreadsheet would run as a formula when the cell is opened again (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@")
# Line and paragraph separators that are not control characters but split a line on screen.
LINE_BREAKS = re.compile("[\u2028\u2029]")

# The twelve stand themes of DOMAIN.md: (title, a plain-Dutch explanation at B1 level, VNG
# field). The demo campaign uses them too.
DEFAULT_THEMES: tuple[tuple[str, str, int], ...] = (
    ("Verkeersveiligheid", "Te hard rijden, gevaarlijke kruisingen en onveilige fietspaden.", 4),
    ("Woninginbraken", "Inbrekers die in huizen, schuren of garages inbreken.", 1),
    ("Vandalisme en vernielingen", "Dingen op straat die kapot worden gemaakt of beklad.", 1),
    ("Alcohol- en drugsoverlast", "Last van mensen die te veel drinken of drugs gebruiken.", 1),
    ("Handel in drugs", "Mensen die drugs verkopen in de buurt.", 5),
    ("Ondermijnende criminaliteit", "Criminelen die legale bedrijven of panden misbruiken.", 5),
    (
        "Sociale wijkproblematiek en woonoverlast",
        "Ruzie, lawaai of problemen achter de voordeur bij buren.",
        1,
    ),
    ("Jeugdoverlast", "Groepen jongeren die voor last of een onveilig gevoel zorgen.", 3),
    (
        "Digitale criminaliteit (online oplichting, phishing)",
        "Oplichting via internet, e-mail, sms of WhatsApp.",
        5,
    ),
    ("Huiselijk geweld", "Geweld of dreiging thuis, tussen partners, ouders of kinderen.", 1),
    (
        "Personen met onbegrepen gedrag",
        "Mensen die in de war zijn en zich vreemd of bedreigend gedragen.",
        1,
    ),
    ("Brandveiligheid", "Brand voorkomen en veilig wonen, ook in oude huizen en boerderijen.", 4),
)


class LineProblem(enum.Enum):
    """Why one line of a theme list is not added."""

    EMPTY_TITLE = "empty_title"
    TITLE_TOO_LONG = "title_too_long"
    EXPLANATION_TOO_LONG = "explanation_too_long"
    TOO_MANY_CELLS = "too_many_cells"
    FIELD_MISSING = "field_missing"
    UNKNOWN_FIELD = "unknown_field"
    DUPLICATE_IN_LIST = "duplicate_in_list"
    DUPLICATE_EXISTING = "duplicate_existing"
    FORMULA = "formula"
    CONTROL_CHARACTERS = "control_characters"
    NO_ROOM = "no_room"


@dataclass(frozen=True)
class ThemeLine:
    """A line that becomes a theme. `field_from_list`: the field came from the default list."""

    line: int
    title: str
    explanation: str
    safety_field: int
    field_from_list: bool = False


@dataclass(frozen=True)
class RefusedLine:
    """A line that is not added; `same_as` is the earlier line with the same title, if any."""

    line: int
    text: str
    problem: LineProblem
    same_as: int | None = None


@dataclass(frozen=True)
class ThemeList:
    themes: list[ThemeLine]
    refused: list[RefusedLine]
    header_skipped: bool = False


def title_key(title: str) -> str:
    """Two titles are the same theme when they differ only in case and spaces."""
    return " ".join(title.split()).casefold()


DEFAULT_FIELDS = {title_key(title): field for title, _, field in DEFAULT_THEMES}
FIELD_NAMES = {title_key(name): number for number, name in SAFETY_FIELDS.items()}
FIELD_WITH_NUMBER = re.compile(r"([1-5])\s*[.):-]?\s*(.*)")


def default_text() -> str:
    """The default list as staff can paste it: a header, then title | explanation | field."""
    lines = ["titel | uitleg | veld"]
    lines += [f"{title} | {explanation} | {field}" for title, explanation, field in DEFAULT_THEMES]
    return "\n".join(lines) + "\n"


def as_text(themes: Iterable[ThemeLine]) -> str:
    """Accepted themes as tab-separated lines with the field as a number: what a confirmation
    sends back, so it stores exactly what the preview showed."""
    return "".join(
        f"{_quoted(t.title)}\t{_quoted(t.explanation)}\t{t.safety_field}\n" for t in themes
    )


def _quoted(cell: str) -> str:
    """A cell with a quote in it, quoted as Excel does, so _unquote gives it back unchanged."""
    return '"' + cell.replace('"', '""') + '"' if '"' in cell else cell


def parse_field(cell: str) -> int | None:
    """A VNG field as 1–5, its Dutch name (any case), or both ('4. Fysieke veiligheid')."""
    key = title_key(cell)
    if key in FIELD_NAMES:
        return FIELD_NAMES[key]
    match = FIELD_WITH_NUMBER.fullmatch(key)
    if match is None:
        return None
    number, name = int(match.group(1)), match.group(2)
    return number if not name or FIELD_NAMES.get(name) == number else None


def _separator(lines: list[str]) -> str:
    """A tab when there is one (a paste from Excel); else whichever of | and ; more lines
    hold, | on a tie. One list uses one separator, so an explanation may hold the other."""
    if any("\t" in line for line in lines):
        return "\t"
    pipes = sum("|" in line for line in lines)
    semicolons = sum(";" in line for line in lines)
    return ";" if semicolons > pipes else "|"


def _unquote(cell: str) -> str:
    """Excel wraps a copied cell that holds a quote in quotes and doubles the quote inside."""
    cell = cell.strip()
    if len(cell) >= 2 and cell[0] == cell[-1] == '"':
        cell = cell[1:-1].replace('""', '"')
    return cell


def split_text(text: str) -> list[tuple[int, list[str]]]:
    """Pasted text as (line number, cells); line numbers count every line, empty ones too.

    Only line feeds and carriage returns end a line: other breaks are refused as control
    characters, so they cannot make a line out of half a cell.
    """
    text = text.removeprefix("\ufeff")  # a byte order mark copied along from a file
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    separator = _separator(lines)
    return [(number, line.split(separator)) for number, line in enumerate(lines, start=1)]


def decode_upload(data: bytes) -> str | None:
    """A CSV file's text: UTF-8 with or without a byte order mark; None for anything else
    (Windows-1252 from an old Excel would turn ë into nonsense, so it is refused whole)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def split_csv(text: str) -> list[tuple[int, list[str]]]:
    """A CSV file's rows as (line number where the row starts, cells).

    The separator is a tab, ; or , — whichever the first line holds most of (Dutch Excel
    writes ;). Quoted cells may hold the separator.
    """
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    delimiter = max(("\t", ";", ","), key=lambda d: (first.count(d), d == ","))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows, start = [], 1
    try:
        for row in reader:
            rows.append((start, row))
            start = reader.line_num + 1
    except csv.Error:  # a quote left open, or a NUL: the rest is one refused line
        rows.append((start, ["\x00"]))
    return rows


def _is_header(cells: list[str]) -> bool:
    keys = [title_key(cell) for cell in cells]
    return bool(keys) and keys[0] in HEADER_TITLES and all(k in HEADER_WORDS | {""} for k in keys)


def _problem(cells: list[str], raw: list[str]) -> LineProblem | None:
    """What is wrong with one line on its own, if anything."""
    if any(has_control_characters(c) or LINE_BREAKS.search(c) for c in raw):
        return LineProblem.CONTROL_CHARACTERS
    if any(cell.startswith(FORMULA_STARTS) for cell in cells):
        return LineProblem.FORMULA
    if len(cells) > 3:
        return LineProblem.TOO_MANY_CELLS
    title, explanation = cells[0], cells[1] if len(cells) > 1 else ""
    if not title:
        return LineProblem.EMPTY_TITLE
    if len(title) > MAX_TITLE:
        return LineProblem.TITLE_TOO_LONG
    if len(explanation) > MAX_EXPLANATION:
        return LineProblem.EXPLANATION_TOO_LONG
    return None


def _shown(raw: list[str], separator: str = " | ") -> str:
    """A refused line as the preview repeats it: without what cannot be shown, shortened."""
    cells = (" ".join(strip_control_characters(cell).split()) for cell in raw)
    text = separator.join(cells).strip(" |")
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


def read_rows(
    rows: Iterable[tuple[int, list[str]]], existing_titles: Collection[str], room: int
) -> ThemeList:
    """Each row becomes a theme, in order, or is refused with one reason.

    A row is refused when its title is empty or over 120 characters, its explanation over
    300, it has more than three cells, a cell starts with = + - or @ (a spreadsheet would run
    it as a formula), it holds a control character, its title is already a theme of the
    campaign or an earlier row, or there is no room left (`room`: free places, a campaign
    holds at most 63 themes). The field is 1–5 or its Dutch name; when the cell is empty,
    the field of a theme of the default list with the same title, and otherwise refused:
    guessing a field from other words is not reliable. Empty rows are skipped; so is a first
    row that is a header (titel, uitleg, veld).
    """
    existing = {title_key(title) for title in existing_titles}
    seen: dict[str, int] = {}
    themes: list[ThemeLine] = []
    refused: list[RefusedLine] = []
    header_skipped, first = False, True
    for number, raw in rows:
        cells = [" ".join(_unquote(cell).split()) for cell in raw]
        while cells and not cells[-1]:
            cells.pop()
        if not cells:
            continue
        if first and _is_header(cells):
            header_skipped, first = True, False
            continue
        first = False
        problem, same_as, field = _problem(cells, raw), None, None
        if problem is None:
            key, given = title_key(cells[0]), cells[2] if len(cells) > 2 else ""
            field = parse_field(given) if given else DEFAULT_FIELDS.get(key)
            if field is None:
                problem = LineProblem.UNKNOWN_FIELD if given else LineProblem.FIELD_MISSING
            elif key in existing:
                problem = LineProblem.DUPLICATE_EXISTING
            elif key in seen:
                problem, same_as = LineProblem.DUPLICATE_IN_LIST, seen[key]
            elif len(themes) >= room:
                problem = LineProblem.NO_ROOM
            else:
                seen[key] = number
        if problem is not None:
            refused.append(RefusedLine(number, _shown(raw), problem, same_as))
        elif field is not None:
            explanation = cells[1] if len(cells) > 1 else ""
            from_list = not (len(cells) > 2 and cells[2])
            themes.append(ThemeLine(number, cells[0], explanation, field, from_list))
    return ThemeList(themes, refused, header_skipped)


def read_text(text: str, existing_titles: Collection[str], room: int) -> ThemeList:
    """A pasted list: one theme per line, cells separated by a tab, | or ;."""
    return read_rows(split_text(text), existing_titles, room)


def read_csv(text: str, existing_titles: Collection[str], room: int) -> ThemeList:
    """An uploaded CSV file's text (see decode_upload), read as read_rows does."""
    return read_rows(split_csv(text), existing_titles, room)
