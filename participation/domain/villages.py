"""What a village's name, short name, residents and postcodes may be, and what two may share."""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from participation.domain.areas import read_postcodes
from participation.domain.text_input import has_control_characters

MAX_NAME = 120  # area.name
MAX_POSTCODES = 500  # area.postcodes, codes joined by spaces
MAX_POPULATION = 9_999_999
SLUG_RULE = re.compile(r"[a-z0-9][a-z0-9-]{1,59}")
# Words the ballot and the public results already use for "no village" groups.
RESERVED_SLUGS = frozenset({"elders", "overige-dorpen", "overig"})
# What a spreadsheet would run as a formula when the cell is opened (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@")
# A whole number with or without thousands points: 12500 or 12.500.
POPULATION = re.compile(r"[0-9]{1,7}|[0-9]{1,3}(\.[0-9]{3}){1,2}")
# Characters that are not control characters but still break a line or a decoded file.
UNREADABLE = re.compile("[\t\n\r\u2028\u2029\ufffd]")


class VillageProblem(enum.Enum):
    """Why a village's fields cannot be stored; `field` on Problem says which field."""

    NAME_MISSING = "name_missing"
    NAME_TOO_LONG = "name_too_long"
    NAME_TAKEN = "name_taken"
    SLUG_INVALID = "slug_invalid"
    SLUG_RESERVED = "slug_reserved"
    SLUG_FROM_NAME = "slug_from_name"  # the name gives no usable short name
    SLUG_TAKEN = "slug_taken"
    POPULATION_INVALID = "population_invalid"
    POSTCODE_INVALID = "postcode_invalid"
    POSTCODES_TOO_LONG = "postcodes_too_long"
    POSTCODE_TAKEN = "postcode_taken"
    FORMULA = "formula"
    UNREADABLE = "unreadable"
    TOO_MANY_CELLS = "too_many_cells"  # an import line with a value under no heading
    DUPLICATE_IN_FILE = "duplicate_in_file"  # an import line for a village an earlier one has


@dataclass(frozen=True)
class Problem:
    """One problem with one field: `detail` holds the postcodes concerned, `other` the other
    village's name, `line` the other line of an import file."""

    field: str
    kind: VillageProblem
    detail: str = ""
    other: str = ""
    line: int | None = None


@dataclass(frozen=True)
class VillageFields:
    """A village as it will be stored: population None when unknown."""

    name: str
    slug: str
    population: int | None
    postcodes: tuple[str, ...]


@dataclass(frozen=True)
class KnownVillage:
    """A stored village, as plain values (`aliases`: its earlier short names)."""

    id: int
    name: str
    slug: str
    population: int | None
    postcodes: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    retired: bool = False


def make_slug(name: str) -> str:
    """'Oude Pekela' → 'oude-pekela', 'Pieterbüren' → 'pieterburen': lower-case ASCII with
    hyphens, at most 60 characters; '' when nothing usable is left."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-")


def name_key(name: str) -> str:
    """Two names are the same village when they differ only in case and spaces."""
    return " ".join(name.split()).casefold()


def read_population(text: str) -> int | None:
    """'12.500' or '12500' → 12500; a ValueError when it is not a whole number, or more
    than MAX_POPULATION (no village has ten million residents: a typo would skew the
    weighted total)."""
    text = text.strip()
    if not POPULATION.fullmatch(text):
        raise ValueError(text)
    residents = int(text.replace(".", ""))
    if residents > MAX_POPULATION:
        raise ValueError(text)
    return residents


def _unsafe(text: str) -> VillageProblem | None:
    if has_control_characters(text) or UNREADABLE.search(text):
        return VillageProblem.UNREADABLE
    if text.lstrip().startswith(FORMULA_STARTS):
        return VillageProblem.FORMULA
    return None


def read_fields(
    name: str, slug: str = "", population: str = "", postcodes: str = ""
) -> tuple[VillageFields | None, list[Problem]]:
    """The fields as typed, checked on their own.

    The name is required, at most 120 characters, and may not start with = + - or @ (a
    spreadsheet would run it). The short name is 2 to 60 lower-case letters, digits and
    hyphens, not 'elders', 'overige-dorpen' or 'overig'; left empty, it is made from the
    name. Residents are a whole number, with or without thousands points. Postcodes are
    4-digit codes separated by spaces, commas or semicolons, at most 500 characters in all.
    No field may hold a control character.
    """
    problems: list[Problem] = []
    for field, text in (("name", name), ("slug", slug), ("population", population)):
        if (unsafe := _unsafe(text)) is not None:
            problems.append(Problem(field, unsafe))
    if (unsafe := _unsafe(postcodes)) is VillageProblem.UNREADABLE:
        problems.append(Problem("postcodes", unsafe))
    if problems:
        return None, problems
    name, slug = " ".join(name.split()), slug.strip().lower()
    if not name:
        problems.append(Problem("name", VillageProblem.NAME_MISSING))
    elif len(name) > MAX_NAME:
        problems.append(Problem("name", VillageProblem.NAME_TOO_LONG))
    if not slug and name:
        slug = make_slug(name)
        if not SLUG_RULE.fullmatch(slug):
            problems.append(Problem("slug", VillageProblem.SLUG_FROM_NAME))
    elif slug and not SLUG_RULE.fullmatch(slug):
        problems.append(Problem("slug", VillageProblem.SLUG_INVALID))
    # 'overige-dorpen-2' and on name further blocks of villages shown together.
    if slug in RESERVED_SLUGS or slug.startswith("overige-dorpen-"):
        problems.append(Problem("slug", VillageProblem.SLUG_RESERVED))
    residents = None
    if population.strip():
        try:
            residents = read_population(population)
        except ValueError:
            problems.append(Problem("population", VillageProblem.POPULATION_INVALID))
    codes = read_postcodes(postcodes)
    if codes is None:
        problems.append(Problem("postcodes", VillageProblem.POSTCODE_INVALID))
    elif len(" ".join(codes)) > MAX_POSTCODES:
        problems.append(Problem("postcodes", VillageProblem.POSTCODES_TOO_LONG))
    if problems:
        return None, problems
    return VillageFields(name, slug, residents, tuple(codes or ())), []


def conflicts(
    fields: VillageFields, known: Iterable[KnownVillage], own_id: int | None = None
) -> list[Problem]:
    """What the fields share with another stored village (never with `own_id` itself).

    Names are unique whatever their case; a short name is unique among the short names
    and the earlier short names of other villages (a village may take back its own earlier
    one); a postcode belongs to one village only.
    """
    problems: list[Problem] = []
    taken_codes: dict[str, list[str]] = {}
    for other in known:
        if other.id == own_id:
            continue
        if name_key(other.name) == name_key(fields.name):
            problems.append(Problem("name", VillageProblem.NAME_TAKEN, other=other.name))
        if fields.slug == other.slug or fields.slug in other.aliases:
            problems.append(Problem("slug", VillageProblem.SLUG_TAKEN, other=other.name))
        for code in set(fields.postcodes) & set(other.postcodes):
            taken_codes.setdefault(other.name, []).append(code)
    for owner, codes in sorted(taken_codes.items()):
        detail = ", ".join(sorted(codes))
        problems.append(Problem("postcodes", VillageProblem.POSTCODE_TAKEN, detail, owner))
    return problems


def merged_population(first: int | None, second: int | None) -> int | None:
    """Merging two villages adds their residents when both are known. When one is unknown
    the sum is unknown too: keeping one village's figure would weight the merged village as
    if it were smaller than it is."""
    return first + second if first is not None and second is not None else None
