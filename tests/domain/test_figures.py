"""Reading figures in CBS's shape: codes, periods, Dutch decimals, and every bad line named."""

from __future__ import annotations

from pathlib import Path

import pytest

from participation.domain.figures import (
    Figure,
    Problem,
    match,
    parse_figure,
    parse_year,
    read,
    trend_over,
)

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "veiligheidsmonitor_sample.csv"


def test_the_sample_file_reads_as_statline_shapes_it() -> None:
    found = read(SAMPLE.read_bytes())
    assert found.problems == []
    # 16 lines × 3 indicators, less the one cell CBS left empty (".").
    assert len(found.figures) == 47 and found.without_figure == 1
    names = {f.indicator for f in found.figures}
    assert names == {
        "Rapportcijfer leefbaarheid woonbuurt",
        "Rapportcijfer veiligheid in de buurt",
        "Ervaart veel overlast in de buurt (%)",
    }
    vledder = [f for f in found.figures if f.code == "WK170104" and f.year == 2021]
    assert {f.indicator: f.value for f in vledder}["Ervaart veel overlast in de buurt (%)"] == 41
    first = found.figures[0]
    # The notes above the heading count as lines: line numbers are the file's own.
    assert (first.line, first.code, first.year, first.value) == (6, "BT0117", 2021, 7.7)


def test_figures_as_cbs_excel_and_people_write_them() -> None:
    assert parse_figure("8,1") == 8.1
    assert parse_figure(" 8.1 ") == 8.1
    assert parse_figure("-3") == -3.0
    assert parse_figure("1.234,5") == 1234.5
    for refused in ("1,234.5", "nan", "1e3", "8,1,2", "", "٣", "1_000", "inf"):
        assert parse_figure(refused) is None, refused


def test_periods_are_years_and_quarters_are_refused() -> None:
    assert parse_year("2023JJ00") == 2023
    assert parse_year("2021") == 2021
    assert parse_year("2023KW02") == "not_yearly"
    assert parse_year("2023MM11") == "not_yearly"
    assert parse_year("23") == "period"
    assert parse_year("3023") == "period"


def test_a_long_file_with_commas_and_quoted_decimal_commas() -> None:
    text = (
        "code,jaar,indicator,waarde\n"
        'GM1701,2022,Woninginbraken (aangiften),"43,0"\n'
        "GM1701,2023,Woninginbraken (aangiften),41\n"
    )
    found = read(text.encode())
    assert found.problems == []
    assert [(f.year, f.value) for f in found.figures] == [(2022, 43.0), (2023, 41.0)]


def test_one_value_column_takes_the_name_given_with_the_upload() -> None:
    text = b"RegioS;Perioden;Waarde\nGM1701    ;2023JJ00;43\n"
    assert read(text).problems == [Problem(1, "no_name")]
    found = read(text, "Aangiften woninginbraak")
    # CBS pads its codes with spaces; they are read past.
    assert found.figures == [Figure(2, "GM1701", 2023, "Aangiften woninginbraak", 43.0)]


def test_every_bad_line_is_named_with_its_number() -> None:
    text = (
        "code;periode;Leefbaarheid;Overlast\n"
        "GM1701;2023;8,1;28\n"  # 2: good
        ";2023;8,0;30\n"  # 3: no code
        "GM1701;vorig jaar;8,0;30\n"  # 4: not a year
        "GM1701;2023KW01;8,0;30\n"  # 5: a quarter
        "WK170101;2023;acht;30\n"  # 6: not a figure
        "GM1701;2023;8,2;27\n"  # 7: the same area and year as line 2
        "WK170102;2023;8,0;30;extra\n"  # 8: a cell too many
        "WK170103;2023;.;x\n"  # 9: no figures (CBS's signs): skipped, not wrong
    )
    found = read(text.encode())
    assert [(p.line, p.reason) for p in found.problems] == [
        (3, "code"),
        (4, "period"),
        (5, "not_yearly"),
        (6, "value"),
        (7, "twice"),
        (8, "columns"),
    ]
    assert found.problems[4].detail == "2"  # where it was before
    assert found.without_figure == 2


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (b"", "empty"),
        (b"code;jaar;waarde\n", "empty"),
        (b"naam;jaar;waarde\nWesterveld;2023;1\n", "no_code_column"),
        (b"code;naam;waarde\nGM1701;Westerveld;1\n", "no_period_column"),
        (b"code;jaar;naam\nGM1701;2023;Westerveld\n", "no_figures_column"),
        (b"\xff\xfe\x00\x81\x8d", "encoding"),
    ],
)
def test_a_file_that_cannot_be_read_says_why(text: bytes, reason: str) -> None:
    assert [p.reason for p in read(text).problems] == [reason]


def test_excel_files_in_windows_1252_and_with_a_bom_read_alike() -> None:
    text = "code;jaar;Overlast (‰)\nGM1701;2023;3,5\n"
    for data in (text.encode("cp1252"), text.encode("utf-8-sig")):
        found = read(data)
        assert found.problems == [] and found.figures[0].indicator == "Overlast (‰)"


def test_codes_match_areas_and_other_areas_are_left_out_by_line() -> None:
    found = read(SAMPLE.read_bytes())
    known = {"GM1701": None, "WK170101": 11, "WK170104": 14}
    matched, left_out = match(found.figures, known)
    assert {code for figure, _ in matched for code in [figure.code]} == set(known)
    assert {target for _, target in matched} == {None, 11, 14}
    assert left_out["GM0119"] == [8, 9] and set(left_out) == {
        "BT0117",
        "GM0119",
        "GM1731",
        "WK170102",
        "WK170103",
    }


def test_the_trend_of_the_whole_or_else_of_its_parts() -> None:
    assert trend_over([(2021, 100), (2023, 80)], [[(2021, 1), (2023, 9)]]) == "falling"
    # No figure for the municipality itself: the cores' mean over the years all of them have.
    parts = [[(2021, 10), (2023, 14)], [(2021, 10), (2022, 1), (2023, 12)]]
    assert trend_over([], parts) == "rising"
    assert trend_over([], []) == "stable"
