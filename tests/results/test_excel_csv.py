"""CSV for Dutch Excel (?format=excel): BOM, ';', decimal comma, CRLF; the plain CSV unchanged."""

from __future__ import annotations

import io

import pandas as pd

from tests.conftest import answer_demo_survey, login_as, send_ballot


def test_the_tallies_come_in_both_dialects(app, demo) -> None:
    for village in ["leek", "leek", "marum"]:
        assert send_ballot(app.test_client(), demo, village=village).status_code == 303
    staff = login_as(app.test_client(), "viewer")
    plain = staff.get("/results/demo/tallies.csv").data
    excel = staff.get("/results/demo/tallies.csv?format=excel")
    assert plain.startswith(b"village,theme_id,theme,votes,ballots,share\n")
    assert b"\r\n" not in plain and b";" not in plain and b",1.0000\n" in plain
    body = excel.data
    assert body.startswith("\ufeffvillage;theme_id;theme;votes;ballots;share\r\n".encode())
    assert b";1,0000\r\n" in body
    assert "excel-" in excel.headers["Content-Disposition"]
    table = pd.read_csv(io.BytesIO(body), sep=";", decimal=",", encoding="utf-8-sig")
    assert list(table.columns) == ["village", "theme_id", "theme", "votes", "ballots", "share"]
    assert table["share"].dtype.kind == "f" and table["share"].max() == 1.0
    assert (pd.read_csv(io.BytesIO(plain))["share"] == table["share"]).all()
    overview = staff.get("/results/demo").get_data(as_text=True)
    assert "tallies.csv?format=excel" in overview and "CSV voor Excel" in overview


def test_ballots_and_survey_results_for_excel(app, demo) -> None:
    assert send_ballot(app.test_client(), demo).status_code == 303
    answer_demo_survey("Meer licht bij het café")
    staff = login_as(app.test_client(), "staff")
    ballots = staff.get("/results/demo/stemmen.csv?format=excel").data
    assert ballots.startswith(b"\xef\xbb\xbfdorp;kanaal;") and b"\r\n" in ballots
    survey = staff.get("/s/demo-vragenlijst/resultaten.csv?format=excel").data
    assert survey.startswith(b"\xef\xbb\xbf") and "café".encode() in survey
    assert b";100,0\r\n" in survey  # the one answer: 100,0 %, with a decimal comma
    rows = pd.read_csv(io.BytesIO(survey), sep=";", decimal=",", encoding="utf-8-sig")
    assert len(rows.columns) > 3 and not any(str(c).startswith("Unnamed") for c in rows.columns)
