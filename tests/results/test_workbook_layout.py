"""The workbook opens right: one table per sheet, header in row 1, frozen, filtered, widths
fitted, counts and shares as numbers with formats, Dutch labels, every sheet explained."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from participation.extensions import db
from participation.models import Area, StaffUser
from participation.services.campaigns import associations
from tests.conftest import answer_demo_survey, login_as, send_ballot

pytestmark = pytest.mark.sqlite_only  # how it is drawn: the same from either database


def test_every_sheet_is_one_clean_table(app, demo) -> None:
    ids = [t.id for t in demo.themes]
    for index, village in enumerate(["leek", "leek", "marum", "elders"]):
        picks = ids[index : index + 6]  # overlapping picks: shares between 0 and 1
        assert (
            send_ballot(app.test_client(), demo, village=village, themes=picks).status_code == 303
        )
    answer_demo_survey("Meer licht")
    staff = login_as(app.test_client(), "staff")
    actor = db.session.scalar(db.select(StaffUser))
    marum = db.session.scalar(db.select(Area).where(Area.slug == "marum"))
    view = associations.register(demo, marum, "Dorpsbelang Marum", "", actor)
    associations.submit_view(view, [(demo.themes[0].id, "Hard rijden")], "")
    data = staff.get("/results/demo/uitslag.xlsx").data
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames[-1] == "Toelichting"
    explained = {row[0] for row in book["Toelichting"].iter_rows(min_row=2, values_only=True)}
    for sheet in book.worksheets:
        header = [cell.value for cell in sheet[1]]
        assert all(isinstance(title, str) and title for title in header), sheet.title
        assert sheet.freeze_panes == "A2", sheet.title
        assert (
            sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(header)).column_letter}{sheet.max_row}"
        )
        assert sheet.column_dimensions["A"].width >= len(str(header[0])), sheet.title
        assert sheet.title == "Toelichting" or sheet.title in explained
    total = book["Totaal"]
    assert [c.value for c in total[1]][:5] == ["plaats", "thema", "stemmen", "stemmers", "aandeel"]
    assert total["C2"].number_format == "#,##0" and isinstance(total["C2"].value, int)
    assert total["E2"].number_format == "0%" and 0 < total["E2"].value <= 1
    assert total.column_dimensions["B"].width >= max(len(t.title) for t in demo.themes)
    survey = book["Vragenlijst 1"]
    assert survey["F2"].number_format == "0.0%" and survey["F2"].value <= 1
    kinds = {row[1] for row in survey.iter_rows(min_row=2, values_only=True)}
    assert "single" not in kinds and "één antwoord" in kinds
    ballots = [row[0] for row in book["Stemmen"].iter_rows(min_row=2, values_only=True)]
    assert "Elders of onbekend" in ballots and "elders" not in ballots

    frames = pd.read_excel(io.BytesIO(data), sheet_name=None)
    for name, frame in frames.items():
        assert not [c for c in frame.columns if str(c).startswith("Unnamed")], name
    assert frames["Totaal"]["stemmen"].dtype.kind == "i"
    assert frames["Totaal"]["aandeel"].dtype.kind == "f"
    assert frames["Per dorp"]["stemmers"].dtype.kind == "i"
    assert frames["Vragenlijst 1"]["aandeel"].dtype.kind == "f"
    assert frames["Stemmen"]["datum"].dtype.kind == "M"


def test_every_sheet_prints_a4_landscape_as_wide_as_the_page_with_its_header(app, demo) -> None:
    """The walk printed a workbook as 141 pages of cut-off columns."""
    for village in ["leek"] * 3 + ["marum"] * 2:
        send_ballot(app.test_client(), demo, village=village)
    staff = login_as(app.test_client(), "staff")
    for kind in ("uitslag", "totalen"):
        book = load_workbook(io.BytesIO(staff.get(f"/results/demo/{kind}.xlsx").data))
        for sheet in book.worksheets:
            setup = sheet.page_setup
            assert (setup.orientation, setup.paperSize) == ("landscape", 9), sheet.title
            assert (setup.fitToWidth, setup.fitToHeight) == (1, 0), sheet.title
            assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
            assert sheet.print_title_rows == "$1:$1", sheet.title
            assert sheet.print_area.endswith(f"${sheet.max_row}"), sheet.title
