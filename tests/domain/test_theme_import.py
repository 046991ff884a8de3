"""Reading a pasted or uploaded theme list: each line a theme, or refused with its reason."""

from __future__ import annotations

import pytest

from participation.domain.theme_import import (
    DEFAULT_THEMES,
    LineProblem,
    as_text,
    decode_upload,
    default_text,
    parse_field,
    read_csv,
    read_text,
)
from participation.domain.theme_order import OrderProblem, moved, new_order


def added(text: str, existing: tuple[str, ...] = (), room: int = 63) -> list[tuple]:
    return [
        (t.line, t.title, t.explanation, t.safety_field)
        for t in read_text(text, existing, room).themes
    ]


def refused(text: str, existing: tuple[str, ...] = (), room: int = 63) -> list[tuple]:
    return [(r.line, r.problem) for r in read_text(text, existing, room).refused]


@pytest.mark.parametrize(
    ("text", "themes"),
    [
        ("Inbraak\tIn huizen.\t1", [(1, "Inbraak", "In huizen.", 1)]),
        ("Inbraak;In huizen.;1", [(1, "Inbraak", "In huizen.", 1)]),
        ("Inbraak | In huizen. | 1", [(1, "Inbraak", "In huizen.", 1)]),
        ("Inbraak|In huizen; schuren|1", [(1, "Inbraak", "In huizen; schuren", 1)]),
        ("Inbraak\tIn huizen | schuren\t1", [(1, "Inbraak", "In huizen | schuren", 1)]),
        ("titel\tuitleg\tveld\nInbraak\t\t1", [(2, "Inbraak", "", 1)]),
        ("Title;Explanation;Field\r\nInbraak;;1\r\n", [(2, "Inbraak", "", 1)]),
        ("THEMA | UITLEG\nInbraak | x | 1", [(2, "Inbraak", "x", 1)]),
        ("\n\nInbraak;;5\n\n", [(3, "Inbraak", "", 5)]),
        ("Inbraak;;fysieke VEILIGHEID", [(1, "Inbraak", "", 4)]),
        ("Inbraak;;4. Fysieke veiligheid", [(1, "Inbraak", "", 4)]),
        ("Inbraak;;Jeugd en  veiligheid", [(1, "Inbraak", "", 3)]),
        ("Woninginbraken", [(1, "Woninginbraken", "", 1)]),  # the default list's field
        ("  verkeersveiligheid ;  Te   hard ", [(1, "verkeersveiligheid", "Te hard", 4)]),
        ('"Jeugd ""hangplek"""\tx\t3', [(1, 'Jeugd "hangplek"', "x", 3)]),
        ("Inbraak\t\t1\t\t", [(1, "Inbraak", "", 1)]),  # empty cells Excel copies at the end
    ],
)
def test_lines_that_become_themes(text: str, themes: list[tuple]) -> None:
    assert added(text) == themes
    assert refused(text) == []


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        (";uitleg;1", [(1, LineProblem.EMPTY_TITLE)]),
        ("x" * 121 + ";;1", [(1, LineProblem.TITLE_TOO_LONG)]),
        ("Inbraak;" + "x" * 301 + ";1", [(1, LineProblem.EXPLANATION_TOO_LONG)]),
        ("Inbraak;a;b;1", [(1, LineProblem.TOO_MANY_CELLS)]),
        ("Inbraak;uitleg", [(1, LineProblem.FIELD_MISSING)]),
        ("Inbraak;;6", [(1, LineProblem.UNKNOWN_FIELD)]),
        ("Inbraak;;0", [(1, LineProblem.UNKNOWN_FIELD)]),
        ("Inbraak;;3. Fysieke veiligheid", [(1, LineProblem.UNKNOWN_FIELD)]),
        ("Inbraak;;veiligheid", [(1, LineProblem.UNKNOWN_FIELD)]),
        ("Inbraak;;١", [(1, LineProblem.UNKNOWN_FIELD)]),  # an Arabic-Indic one
        ("Goed;;1\n=SUM(A1);;1", [(2, LineProblem.FORMULA)]),
        (
            "Goed;;1\n\n+31 6;;1\n-x;;1\n@cmd;;1",
            [(3, LineProblem.FORMULA), (4, LineProblem.FORMULA), (5, LineProblem.FORMULA)],
        ),
        ("Inbraak;=1+1;1", [(1, LineProblem.FORMULA)]),
        ("Inbraak;uitleg;+1", [(1, LineProblem.FORMULA)]),
        ("In\x00braak;;1", [(1, LineProblem.CONTROL_CHARACTERS)]),
        ("Inbraak;\x1b[31m;1", [(1, LineProblem.CONTROL_CHARACTERS)]),
        ("Inbraak\x0bB;;1", [(1, LineProblem.CONTROL_CHARACTERS)]),  # not a line break
        ("Inbraak\u2028B;;1", [(1, LineProblem.CONTROL_CHARACTERS)]),
        ("Inbraak;;1\ninbraak ;;2", [(2, LineProblem.DUPLICATE_IN_LIST)]),
        ("Brand;;4", [(1, LineProblem.DUPLICATE_EXISTING)]),
    ],
)
def test_lines_that_are_refused_with_their_line_number(text: str, problems: list) -> None:
    assert refused(text, existing=("BRAND",)) == problems


def test_a_duplicate_names_the_line_it_repeats() -> None:
    found = read_text("A;;1\nB;;1\n\na;;2", [], 63)
    assert [(r.line, r.same_as) for r in found.refused] == [(4, 1)]


def test_no_more_themes_than_free_places() -> None:
    text = "\n".join(f"Thema {n};;1" for n in range(1, 6))
    found = read_text(text, [], 3)
    assert [t.title for t in found.themes] == ["Thema 1", "Thema 2", "Thema 3"]
    assert [(r.line, r.problem) for r in found.refused] == [
        (4, LineProblem.NO_ROOM),
        (5, LineProblem.NO_ROOM),
    ]
    assert read_text("=x;;1\nA;;1", [], 1).themes[0].title == "A"  # refused lines take no room


def test_only_a_first_line_can_be_a_header() -> None:
    found = read_text("titel;uitleg;veld\nA;;1\ntitel;uitleg;veld", [], 63)
    assert found.header_skipped and [t.title for t in found.themes] == ["A"]
    assert [(r.line, r.problem) for r in found.refused] == [(3, LineProblem.UNKNOWN_FIELD)]
    assert not read_text("Titel van mij;;1", [], 63).header_skipped


def test_a_refused_line_is_shown_shortened_and_without_control_characters() -> None:
    found = read_text("=" + "x" * 200 + ";;1", [], 63)
    assert len(found.refused[0].text) == 80 and found.refused[0].text.endswith("…")
    assert read_csv("In\x00braak\x1b;;1", [], 63).refused[0].text == "Inbraak |  | 1"


def test_a_byte_order_mark_at_the_start_is_not_part_of_the_title() -> None:
    assert added("\ufeffInbraak;;1") == [(1, "Inbraak", "", 1)]


def test_the_default_list_reads_back_as_the_twelve_themes() -> None:
    found = read_text(default_text(), [], 63)
    assert found.header_skipped and found.refused == []
    assert [(t.title, t.explanation, t.safety_field) for t in found.themes] == list(DEFAULT_THEMES)


@pytest.mark.parametrize(
    "text",
    [
        "Woninginbraken\nA | b; c | Jeugd en veiligheid",
        # Quotes Excel doubles: the preview shows '"=cmd"', the confirmation must keep it.
        '""=cmd""|dq|5\n"""@SUM(1)"""|tq|5\nDe "wijk"|Uitleg met "aanhalingstekens"|1',
    ],
)
def test_accepted_themes_as_text_read_back_the_same(text: str) -> None:
    found = read_text(text, [], 63)
    assert found.themes
    again = read_text(as_text(found.themes), [], 63)
    assert [(t.title, t.explanation, t.safety_field) for t in again.themes] == [
        (t.title, t.explanation, t.safety_field) for t in found.themes
    ]


@pytest.mark.parametrize(
    ("data", "titles"),
    [
        (b'titel,uitleg,veld\r\nA,"b, c",1\r\nB,,2\r\n', ["A", "B"]),
        (b"\xef\xbb\xbftitel;uitleg;veld\nA;b, c;1\nB;;2\n", ["A", "B"]),
        ('A;"twee\nregels";3\nÉén;;4\n'.encode(), ["A", "Één"]),
        (b"A\tb\t1\n", ["A"]),
    ],
)
def test_csv_files_with_comma_or_semicolon(data: bytes, titles: list[str]) -> None:
    text = decode_upload(data)
    assert text is not None
    assert [t.title for t in read_csv(text, [], 63).themes] == titles


def test_csv_rows_keep_their_line_numbers() -> None:
    found = read_csv('A;"x\ny";1\n=B;;1\n', [], 63)
    assert [(r.line, r.problem) for r in found.refused] == [(3, LineProblem.FORMULA)]
    assert read_csv('A;;1\n"open', [], 63).refused[0].problem is not None


def test_another_encoding_is_not_read() -> None:
    assert decode_upload("Woninginbraak;ë;1".encode("cp1252")) is None
    assert decode_upload("Woninginbraak;ë;1".encode("utf-16")) is None


@pytest.mark.parametrize(
    ("cell", "field"),
    [
        ("1", 1),
        ("5", 5),
        ("5.", 5),
        ("BEDRIJVIGHEID EN VEILIGHEID", 2),
        ("6", None),
        ("", None),
        ("1 Fysieke veiligheid", None),
        ("01", None),
    ],
)
def test_fields_by_number_or_name(cell: str, field: int | None) -> None:
    assert parse_field(cell) == field


def test_a_new_order_names_every_theme_once() -> None:
    assert new_order([1, 2, 3], ["3", "1", "2"]) == ([3, 1, 2], [])
    assert new_order([1, 2, 3], ["3", "1"])[1] == [OrderProblem.MISSING_THEME]
    assert new_order([1, 2, 3], ["3", "1", "2", "9"])[1] == [OrderProblem.UNKNOWN_THEME]
    assert new_order([1, 2, 3], ["3", "1", "2", "2"])[1] == [OrderProblem.REPEATED_THEME]
    assert new_order([1, 2, 3], ["3", "1", "x"])[1] == [
        OrderProblem.NOT_A_NUMBER,
        OrderProblem.MISSING_THEME,
    ]
    assert new_order([1, 2], [])[0] == [1, 2]


def test_moving_at_the_ends_keeps_the_order() -> None:
    assert moved([1, 2, 3], 1, "up") == [1, 2, 3]
    assert moved([1, 2, 3], 3, "down") == [1, 2, 3]
    assert moved([1, 2, 3], 2, "up") == [2, 1, 3]
    assert moved([1, 2, 3], 2, "down") == [1, 3, 2]
