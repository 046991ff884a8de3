"""Reading a CSV list of villages: headings, separators, encodings, refused lines, line numbers."""

from __future__ import annotations

import pytest

from participation.domain.village_import import (
    FileProblem,
    carried_text,
    decode_upload,
    plan_import,
)
from participation.domain.villages import KnownVillage, VillageProblem

LEEK = KnownVillage(1, "Leek", "leek", 9950, ("9351",), ("leek-oud",))
MARUM = KnownVillage(2, "Marum", "marum", None, ("9363",))
KNOWN = [LEEK, MARUM]


def refused(text: str, known: list[KnownVillage] = KNOWN) -> dict[int, set[VillageProblem]]:
    plan = plan_import(text, known)
    return {line.line: {p.kind for p in line.problems} for line in plan.refused}


@pytest.mark.parametrize(
    "text",
    [
        "naam;inwoners;postcodes\nEzinge;1.650;9891\n",
        "\ufeffnaam;inwoners;postcodes\r\nEzinge;1.650;9891\r\n",
        "Name,Population,Postcodes\nEzinge,1650,9891\n",
        "POSTCODES;NAAM;Inwoners\n9891;Ezinge;1650\n",
        'name,postcodes,population\nEzinge,"9891",1650\n',
    ],
)
def test_headings_in_either_language_any_order_and_either_separator(text: str) -> None:
    plan = plan_import(text, KNOWN)
    assert [(a.line, a.fields.name, a.fields.slug) for a in plan.added] == [(2, "Ezinge", "ezinge")]
    assert plan.added[0].fields.population == 1650
    assert plan.added[0].fields.postcodes == ("9891",)
    assert plan.refused == [] and plan.has_work


def test_postcodes_with_commas_inside_a_semicolon_file() -> None:
    plan = plan_import("naam;postcodes\nEzinge;9891, 9892\n", KNOWN)
    assert plan.added[0].fields.postcodes == ("9891", "9892")


def test_a_cp1252_file_is_not_read() -> None:
    assert decode_upload("naam\nPieterbüren\n".encode("cp1252")) is None
    assert decode_upload("\ufeffnaam\nPieterbüren\n".encode()) == "naam\nPieterbüren\n"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", FileProblem.EMPTY),
        ("\ufeff \n", FileProblem.EMPTY),
        ("dorp;inwoners\nEzinge;1\n", FileProblem.UNKNOWN_COLUMN),
        ("naam;name\nEzinge;Ezinge\n", FileProblem.DUPLICATE_COLUMN),
        ("inwoners\n12\n", FileProblem.NO_NAME_COLUMN),
        ("naam\n" + "Dorp\n" * 2_000, FileProblem.TOO_LARGE),
        ("naam\r" + "Dorp\r" * 2_000, FileProblem.TOO_LARGE),  # old Mac line ends count too
        ("naam\n" + "D" * 50_000 + "\n", FileProblem.TOO_LARGE),
    ],
)
def test_a_file_refused_whole(text: str, problem: FileProblem) -> None:
    plan = plan_import(text, KNOWN)
    assert plan.file_problem is problem and not plan.has_work
    assert plan.added == plan.changed == []


def test_the_largest_allowed_file_is_read() -> None:
    plan = plan_import("naam\n" + "".join(f"Dorp {n}\n" for n in range(1_999)), [])
    assert plan.file_problem is None and len(plan.added) == 1_999


@pytest.mark.parametrize("cell", ["=1+1", " +31", "-5", "@SUM(A1)", '=HYPERLINK("x")'])
def test_a_formula_is_refused_with_its_line(cell: str) -> None:
    text = f'naam;inwoners\nEzinge;10\n"Win;sum";{cell}\n'
    assert refused(text) == {3: {VillageProblem.FORMULA}}
    assert [a.fields.name for a in plan_import(text, KNOWN).added] == ["Ezinge"]


@pytest.mark.parametrize(
    "cell", ["Win\x00sum", "Win\x1bsum", "Win\tsum", '"Win\nsum"', "Win\ufffdsum"]
)
def test_a_control_character_is_refused(cell: str) -> None:
    assert refused(f"naam\n{cell}\nEzinge\n") == {2: {VillageProblem.UNREADABLE}}


def test_line_numbers_are_the_files_own() -> None:
    text = 'naam;postcodes\n\nEzinge;9891\n"Baf\n\nlo";98\n;\nWinsum;98\n'
    plan = plan_import(text, KNOWN)
    assert [a.line for a in plan.added] == [3]
    assert {r.line for r in plan.refused} == {4, 8}  # a quoted cell over three lines starts at 4


def test_a_line_matching_a_stored_village_changes_only_what_it_gives() -> None:
    plan = plan_import("naam;slug;inwoners\nLEEK;;10.000\nMarum Noord;marum;\n", KNOWN)
    first, second = plan.changed
    assert first.differences() == [("population", 9950, 10000)]
    assert first.after.postcodes == ("9351",) and first.after.slug == "leek"
    assert second.differences() == [("name", "Marum", "Marum Noord")]
    assert plan.added == []


def test_an_unchanged_line_is_neither_added_nor_changed() -> None:
    plan = plan_import("naam;inwoners\nLeek;9950\n", KNOWN)
    assert plan.unchanged == [2] and not plan.has_work


def test_duplicates_and_shared_postcodes_within_the_file() -> None:
    text = (
        "naam;slug;postcodes\n"
        "Ezinge;;9891\n"  # 2
        "ezinge;;\n"  # 3: the same village as line 2
        "Winsum;;9891\n"  # 4: line 2's postcode
        "Baflo;ezinge;\n"  # 5: line 2's short name
        "Adorp;;9351\n"  # 6: Leek's postcode
        "Sauwerd;leek-oud;\n"  # 7: Leek's earlier short name
        "Leek;;9363\n"  # 8: Marum's postcode
    )
    assert refused(text) == {
        3: {VillageProblem.DUPLICATE_IN_FILE},
        4: {VillageProblem.POSTCODE_TAKEN},
        5: {VillageProblem.SLUG_TAKEN},
        6: {VillageProblem.POSTCODE_TAKEN},
        7: {VillageProblem.SLUG_TAKEN},
        8: {VillageProblem.POSTCODE_TAKEN},
    }
    plan = plan_import(text, KNOWN)
    four = next(r for r in plan.refused if r.line == 4).problems[0]
    assert (four.detail, four.other, four.line) == ("9891", "Ezinge", 2)


def test_a_postcode_may_move_when_the_file_also_takes_it_away() -> None:
    plan = plan_import("naam;postcodes\nAdorp;9351\nLeek;9352\n", KNOWN)
    assert plan.refused == []
    assert [a.fields.postcodes for a in plan.added] == [("9351",)]


def test_a_village_may_take_back_its_earlier_short_name() -> None:
    plan = plan_import("naam;slug\nLeek;leek-oud\n", KNOWN)
    assert plan.changed[0].differences() == [("slug", "leek", "leek-oud")]


def test_bad_values_are_refused_per_line() -> None:
    text = "naam;inwoners;postcodes;\nA-dorp;12,5;;\nB-dorp;;935;\nC-dorp;;;extra\n;12;;\n"
    assert refused(text) == {
        2: {VillageProblem.POPULATION_INVALID},
        3: {VillageProblem.POSTCODE_INVALID},
        4: {VillageProblem.TOO_MANY_CELLS},
        5: {VillageProblem.NAME_MISSING},
    }


def test_the_carried_text_keeps_a_refused_line_refused() -> None:
    text = carried_text("naam\nWin\x01sum\n")
    assert "\x01" not in text
    assert refused(text) == {2: {VillageProblem.UNREADABLE}}
