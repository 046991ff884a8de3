"""Exports never run code and never break, whatever residents and staff typed."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import date

import pandas as pd
import pypdfium2
from openpyxl import load_workbook
from sqlalchemy import select

from participation.domain.programme import ActionStatus, GoalKind
from participation.extensions import db
from participation.models import Remark, StaffUser
from participation.services.campaigns import associations, indicators
from participation.services.outcome import programme
from participation.services.sessions import prioritisation
from tests.conftest import add_stand, answer_demo_survey, login_as, send_ballot

FORMULA = '=HYPERLINK("http://evil.example","klik")'
MARKUP = '<b>vet</b><img src="x"/><a href="http://evil.example">link</a>'


def hostile_world(app, demo):  # type: ignore[no-untyped-def]
    """Formula-like and markup text everywhere staff and residents type, and a control
    character already stored (from before the input gate existed)."""
    staff = login_as(app.test_client(), "staff")
    actor = db.session.scalar(select(StaffUser))
    demo.themes[0].title = FORMULA
    demo.themes[1].title = "-2+3"
    demo.themes[2].title = MARKUP
    demo.themes[3].title = "@SUM(A1)"
    db.session.commit()
    client = app.test_client()
    for _ in range(6):
        assert send_ballot(client, demo, village="marum").status_code == 303
    stand = add_stand(demo, "marum")
    db.session.add(Remark(remark_key=uuid.uuid4(), stand_id=stand.id, text="+31 6\x01 bellen"))
    marum = next(a for a in demo.areas if a.slug == "marum")
    association = associations.register(demo, marum, "=Dorpsbelang", "", actor)
    associations.submit_view(association, [(demo.themes[0].id, "=1+1")], "@remark")
    indicators.add(
        demo,
        indicators.IndicatorInput(demo.themes[0].id, "=Aangiften", "-Politie", [(2022, 3)]),
        actor,
    )
    answer_demo_survey("=1+1")
    session = prioritisation.create(demo, "=Sessie", 3, 4, actor)
    prioritisation.record_decision(
        session, demo.themes[2], True, "=reden die lang genoeg is", 1, actor
    )
    # The programme under that priority (the outcome takes the latest session's decisions).
    written = programme.GoalInput(demo.themes[2].id, FORMULA, GoalKind.WRITTEN)
    programme.add_goal(demo, written, actor)
    action = programme.add_action(demo, demo.themes[2].id, MARKUP, "=Politie", None, actor)
    programme.update_action(action, date(2027, 3, 1), ActionStatus.UNDERWAY, "@noot", actor)
    db.session.commit()
    return staff, session


def test_csv_exports_neutralise_formulas(app, demo) -> None:
    staff, _ = hostile_world(app, demo)
    tallies = list(csv.reader(io.StringIO(staff.get("/results/demo/tallies.csv").text)))
    titles = {row[2] for row in tallies[1:]}
    assert "'" + FORMULA in titles and "'-2+3" in titles and "'@SUM(A1)" in titles
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in tallies for cell in row)

    ballots = list(csv.reader(io.StringIO(staff.get("/results/demo/stemmen.csv").text)))
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in ballots for cell in row)

    answers = staff.get("/s/demo-vragenlijst/resultaten.csv").text
    rows = list(csv.reader(io.StringIO(answers)))
    assert any(cell == "'=1+1" for row in rows for cell in row)
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_workbooks_hold_typed_text_as_text_and_open_despite_control_characters(app, demo) -> None:
    staff, session = hostile_world(app, demo)
    for url in (
        "/results/demo/uitslag.xlsx",
        "/results/demo/totalen.xlsx",
        f"/staff/sessions/{session.id}/report.xlsx",
        "/results/demo/voortgang.xlsx",
    ):
        response = staff.get(url)
        assert response.status_code == 200, url
        book = load_workbook(io.BytesIO(response.data))
        cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
        assert not [c.coordinate for c in cells if c.data_type == "f"], url
        assert any(c.value == FORMULA and c.data_type == "s" for c in cells), url
        frames = pd.read_excel(io.BytesIO(response.data), sheet_name=None)
        assert frames, url
    book = load_workbook(io.BytesIO(staff.get("/results/demo/uitslag.xlsx").data))
    remarks = [c.value for row in book["Opmerkingen"].iter_rows() for c in row]
    assert "+31 6 bellen" in remarks  # the control character dropped, the text kept as text


def pdf_text(data: bytes) -> str:
    pdf = pypdfium2.PdfDocument(data)
    return "\n".join(page.get_textpage().get_text_range() for page in pdf)


def test_pdfs_print_typed_markup_as_text_and_carry_no_links(app, demo) -> None:
    staff, session = hostile_world(app, demo)
    for url in (
        "/results/demo/rapport.pdf",
        f"/staff/sessions/{session.id}/report.pdf",
        "/results/demo/voortgang.pdf",
    ):
        response = staff.get(url)
        assert response.status_code == 200, url
        text = pdf_text(response.data).replace("\r", "").replace("\n", "")
        assert "<b>vet</b>" in text, url
        assert b"/URI" not in response.data, url
