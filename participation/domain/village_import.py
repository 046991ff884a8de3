"""Reading a CSV list of villages and planning what it adds and changes, line by line."""

from __future__ import annotations

import csv
import enum
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from participation.domain.text_input import CONTROL_CHARACTERS
from participation.domain.villages import (
    KnownVillage,
    Problem,
    VillageFields,
    VillageProblem,
    name_key,
    read_fields,
)

MAX_BYTES = 50_000  # the app takes 64 KB per request; the form and the file must fit in it
MAX_LINES = 2_000  # the heading included
MAX_SHOWN = 80  # how much of a refused line the preview repeats
# Column headings, Dutch or English, in any case and order.
COLUMNS = {
    "naam": "name",
    "name": "name",
    "slug": "slug",
    "korte naam": "slug",
    "inwoners": "population",
    "population": "population",
    "postcodes": "postcodes",
    "postcode": "postcodes",
}
FIELDS = ("name", "slug", "population", "postcodes")


class FileProblem(enum.Enum):
    """Why a whole file is refused; nothing of it is stored."""

    NOT_UTF8 = "not_utf8"
    TOO_LARGE = "too_large"
    EMPTY = "empty"
    NO_NAME_COLUMN = "no_name_column"
    UNKNOWN_COLUMN = "unknown_column"
    DUPLICATE_COLUMN = "duplicate_column"


@dataclass(frozen=True)
class Addition:
    line: int
    fields: VillageFields


@dataclass(frozen=True)
class Change:
    """A stored village the file changes: `before` and `after` hold every field."""

    line: int
    village_id: int
    before: VillageFields
    after: VillageFields

    def differences(self) -> list[tuple[str, object, object]]:
        """(field, old, new) for each field that changes."""
        return [
            (name, getattr(self.before, name), getattr(self.after, name))
            for name in FIELDS
            if getattr(self.before, name) != getattr(self.after, name)
        ]


@dataclass(frozen=True)
class RefusedLine:
    line: int
    text: str
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class ImportPlan:
    """What a file would add and change; refused lines are never stored."""

    added: list[Addition] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    refused: list[RefusedLine] = field(default_factory=list)
    file_problem: FileProblem | None = None
    file_detail: str = ""

    @property
    def has_work(self) -> bool:
        return self.file_problem is None and bool(self.added or self.changed)


def decode_upload(data: bytes) -> str | None:
    """A CSV file's text: UTF-8 with or without a byte order mark; None for anything else
    (Excel's Windows-1252 would turn ü into nonsense, so such a file is refused whole)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def carried_text(text: str) -> str:
    """The text as the preview sends it back: control characters become U+FFFD, which the
    app's input gate keeps, so a line refused for one stays refused on confirmation."""
    return CONTROL_CHARACTERS.sub("\ufffd", text)


def _shown(cells: Iterable[str]) -> str:
    parts = [" ".join(cell.split()) for cell in cells]
    while parts and not parts[-1]:
        parts.pop()
    text = "; ".join(parts)
    text = "".join(c if c.isprintable() else "\ufffd" for c in text)
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


def _records(text: str) -> Iterable[tuple[int, list[str]]]:
    """The CSV's records as (line where it starts, cells); the delimiter is whichever of ; and
    , the heading holds more of (Dutch Excel writes ;)."""
    heading = text.split("\n", 1)[0]
    delimiter = ";" if heading.count(";") > heading.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    try:
        for record in reader:
            yield start, record
            start = reader.line_num + 1
    except csv.Error:  # a quote left open: the rest is one unreadable line
        yield start, ["\ufffd"]


def _columns(heading: list[str]) -> tuple[list[str | None], FileProblem | None, str]:
    """The field each column holds (None: an empty heading), or why the heading is refused."""
    columns: list[str | None] = []
    for cell in heading:
        key = " ".join(cell.split()).casefold()
        if not key:
            columns.append(None)
        elif key not in COLUMNS:
            return [], FileProblem.UNKNOWN_COLUMN, _shown([cell])[:40]
        elif COLUMNS[key] in columns:
            return [], FileProblem.DUPLICATE_COLUMN, _shown([cell])[:40]
        else:
            columns.append(COLUMNS[key])
    if "name" not in columns:
        return [], FileProblem.NO_NAME_COLUMN, ""
    return columns, None, ""


def _read_line(columns: list[str | None], cells: list[str]) -> tuple[dict[str, str], list[Problem]]:
    given: dict[str, str] = {}
    problems: list[Problem] = []
    for index, cell in enumerate(cells):
        column = columns[index] if index < len(columns) else None
        if column is None:
            if cell.strip():
                problems.append(Problem("", VillageProblem.TOO_MANY_CELLS))
        elif cell.strip():
            given[column] = cell
    return given, problems


def _fields(given: dict[str, str]) -> tuple[VillageFields | None, list[Problem]]:
    """The line's fields checked on their own; without a slug the one made from the name,
    or '' when the name gives none (only a new village needs one)."""
    values = [given.get(name, "") for name in FIELDS]
    fields, problems = read_fields(*values)
    no_slug = [Problem("slug", VillageProblem.SLUG_FROM_NAME)]
    if problems == no_slug and "slug" not in given:
        fields, problems = read_fields(values[0], "placeholder", values[2], values[3])
        fields = replace(fields, slug="") if fields else None
    return fields, problems


@dataclass
class _Line:
    line: int
    text: str
    fields: VillageFields
    target: KnownVillage | None


def _target(
    fields: VillageFields, given: dict[str, str], known: Sequence[KnownVillage]
) -> KnownVillage | None:
    """The stored village a line is about: the one with its slug, else the one with its name."""
    if "slug" in given:
        found = next((k for k in known if k.slug == fields.slug), None)
        if found is not None:
            return found
    return next((k for k in known if name_key(k.name) == name_key(fields.name)), None)


def _after(line: _Line, target: KnownVillage, given: dict[str, str]) -> VillageFields:
    """The village's fields after the line: only the fields the line gives change."""
    before = _as_fields(target)
    same_name = name_key(line.fields.name) == name_key(before.name)
    return VillageFields(
        name=before.name if same_name else line.fields.name,
        slug=line.fields.slug if "slug" in given else before.slug,
        population=line.fields.population if "population" in given else before.population,
        postcodes=line.fields.postcodes if "postcodes" in given else before.postcodes,
    )


def _as_fields(village: KnownVillage) -> VillageFields:
    return VillageFields(village.name, village.slug, village.population, village.postcodes)


def plan_import(text: str, known: Sequence[KnownVillage]) -> ImportPlan:
    """What the file adds and changes, and which lines are refused and why.

    The first line names the columns: naam/name (required), slug, inwoners/population,
    postcodes, in any case and order; a file that is too large (over 50 KB or 2,000 lines),
    empty or has an unknown column is refused whole. A line matches a stored village by
    its slug, else by its name (case-insensitive): it changes only the fields it gives.
    Other lines add a village. A line is refused when a field breaks the rules of
    domain.villages.read_fields (formulas and control characters included), when it
    repeats a village an earlier line has, or when the result would give two villages one
    name, short name (earlier short names included) or postcode: then the later line is
    refused, or the line against a stored village the file leaves alone. A stored village
    always keeps its short names, also when the file renames it (printed QR codes use them).
    A name matched whatever its case keeps its stored spelling. Empty lines are skipped.
    """
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES or len(text.rstrip("\r\n").splitlines()) > MAX_LINES:
        return ImportPlan(file_problem=FileProblem.TOO_LARGE)
    text = text.lstrip("\ufeff")
    if not text.strip():
        return ImportPlan(file_problem=FileProblem.EMPTY)
    records = iter(_records(text))
    _, heading = next(records)
    columns, problem, detail = _columns(heading)
    if problem is not None:
        return ImportPlan(file_problem=problem, file_detail=detail)
    lines: list[_Line] = []
    refused: dict[int, RefusedLine] = {}
    claimed: dict[int | str, int] = {}  # stored village id or new name → its line
    for number, cells in records:
        if not any(cell.strip() for cell in cells):
            continue
        given, problems = _read_line(columns, cells)
        fields, field_problems = _fields(given)
        problems += field_problems
        target = _target(fields, given, known) if fields else None
        key = (target.id if target else name_key(fields.name)) if fields else ""
        if key in claimed:
            problems.append(Problem("", VillageProblem.DUPLICATE_IN_FILE, line=claimed[key]))
        if fields and target is None and not fields.slug:
            problems.append(Problem("slug", VillageProblem.SLUG_FROM_NAME))
        if problems or fields is None:
            refused[number] = RefusedLine(number, _shown(cells), tuple(problems))
            continue
        line = _Line(number, _shown(cells), fields, target)
        claimed[key] = number
        if target is not None:
            line.fields = _after(line, target, given)
        lines.append(line)
    for number, problems in _clashes(lines, known).items():
        line = next(item for item in lines if item.line == number)
        refused[number] = RefusedLine(number, line.text, tuple(problems))
    return _plan(lines, refused)


def _plan(lines: list[_Line], refused: dict[int, RefusedLine]) -> ImportPlan:
    plan = ImportPlan(refused=[refused[n] for n in sorted(refused)])
    for line in lines:
        if line.line in refused:
            continue
        if line.target is None:
            plan.added.append(Addition(line.line, line.fields))
        elif line.fields == _as_fields(line.target):
            plan.unchanged.append(line.line)
        else:
            change = Change(line.line, line.target.id, _as_fields(line.target), line.fields)
            plan.changed.append(change)
    return plan


def _clashes(lines: list[_Line], known: Sequence[KnownVillage]) -> dict[int, list[Problem]]:
    """Lines refused because the villages after the import would share a name, a short
    name or a postcode; repeated until what is left shares nothing."""
    refused: dict[int, list[Problem]] = {}
    while True:
        kept = [line for line in lines if line.line not in refused]
        found = _clashes_once(kept, known)
        if not found:
            return refused
        for number, problems in found.items():
            refused.setdefault(number, []).extend(problems)


def _claims(fields: VillageFields) -> Iterable[tuple[str, str]]:
    """What a village holds: ('name', key), ('slug', slug), ('postcodes', code)."""
    yield "name", name_key(fields.name)
    yield "slug", fields.slug
    yield from (("postcodes", code) for code in fields.postcodes)


Holder = tuple["_Line | None", KnownVillage | None]


def _holders(
    lines: list[_Line], known: Sequence[KnownVillage]
) -> dict[tuple[str, str], dict[object, Holder]]:
    """Who holds each name, short name and postcode after the import, one entry per village.

    A stored village the file leaves alone holds all it has; one the file changes still
    holds its short name and earlier ones (they become its aliases), whatever the file says.
    """
    touched = {line.target.id for line in lines if line.target is not None}
    owners: dict[tuple[str, str], dict[object, Holder]] = {}
    for village in known:
        claims: Iterable[tuple[str, str]] = [
            ("slug", slug) for slug in (village.slug, *village.aliases)
        ]
        if village.id not in touched:
            claims = [*claims, *_claims(_as_fields(village))]
        for claim in claims:
            owners.setdefault(claim, {}).setdefault(village.id, (None, village))
    for line in lines:
        key = line.target.id if line.target is not None else ("line", line.line)
        for claim in _claims(line.fields):
            owners.setdefault(claim, {}).setdefault(key, (line, line.target))
    return owners


def _clashes_once(lines: list[_Line], known: Sequence[KnownVillage]) -> dict[int, list[Problem]]:
    losers: dict[tuple[int, str, str, int | None], list[str]] = {}
    for (kind, value), by_village in _holders(lines, known).items():
        if len(by_village) < 2:
            continue
        holders = list(by_village.values())
        stored = next((v for ln, v in holders if ln is None), None)
        in_file = sorted((ln for ln, _ in holders if ln is not None), key=lambda ln: ln.line)
        if stored is None and len(in_file) < 2:
            continue  # only stored villages share it: not this file's doing
        beaten = in_file[1:] if stored is None else in_file
        for loser in beaten:
            first = in_file[0]
            other = (stored.name, None) if stored else (first.fields.name, first.line)
            losers.setdefault((loser.line, kind, *other), []).append(value)
    found: dict[int, list[Problem]] = {}
    kinds = {
        "name": VillageProblem.NAME_TAKEN,
        "slug": VillageProblem.SLUG_TAKEN,
        "postcodes": VillageProblem.POSTCODE_TAKEN,
    }
    for (number, kind, other_name, other_line), values in sorted(losers.items(), key=str):
        detail = ", ".join(sorted(values)) if kind == "postcodes" else ""
        problem = Problem(kind, kinds[kind], detail, other_name, other_line)
        found.setdefault(number, []).append(problem)
    return found
