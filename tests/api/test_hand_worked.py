"""A hand-worked example: three villages, kiosk, web and paper ballots, and ties.

Campaign 'hand': themes T1-T4, pick exactly 2, villages Zuidhorn, Leek and Marum.
- Zuidhorn, stand tablet: {T1,T2}, {T1,T3}, {T1,T2}
- Leek, web: {T2,T3}, {T3,T4}
- Marum, paper (two agreeing counts): 5 participants; T1 3, T2 3, T3 2, T4 2
Totals (n = 10): T1 6, T2 6, T3 5, T4 3; ranks 1, 1, 3, 4; shares 60 %, 60 %, 50 %, 30 %.
Wilson 95 % intervals, from tables: 6/10 → 31.27-83.18 %, 5/10 → 23.66-76.34 %,
3/10 → 10.78-60.32 %.
"""

from __future__ import annotations

import csv
import io
import uuid

import pytest
from sqlalchemy import select

from participation.extensions import db
from participation.models import Area, Campaign, Theme
from participation.services.accounts import create_user
from participation.services.stands import paper
from tests.conftest import add_stand, paired_kiosk, send_ballot

EXPECTED_TOTAL = {  # title: (votes, rank, share, interval)
    "T1": (6, 1, 0.6, [0.3127, 0.8318]),
    "T2": (6, 1, 0.6, [0.3127, 0.8318]),
    "T3": (5, 3, 0.5, [0.2366, 0.7634]),
    "T4": (3, 4, 0.3, [0.1078, 0.6032]),
}
EXPECTED_VILLAGES = {  # slug: (ballots, {title: (votes, rank)})
    "zuidhorn": (3, {"T1": (3, 1), "T2": (2, 2), "T3": (1, 3), "T4": (0, 4)}),
    "leek": (2, {"T3": (2, 1), "T2": (1, 2), "T4": (1, 2), "T1": (0, 4)}),
    "marum": (5, {"T1": (3, 1), "T2": (3, 1), "T3": (2, 3), "T4": (2, 3)}),
}


@pytest.fixture
def hand(app, demo, staff_client):  # type: ignore[no-untyped-def]
    areas = {a.slug: a for a in db.session.scalars(select(Area))}
    campaign = Campaign(
        slug="hand",
        title="Handwerk",
        status="open",
        min_picks=2,
        max_picks=2,
        areas=[areas["zuidhorn"], areas["leek"], areas["marum"]],
        themes=[
            Theme(title=f"T{i}", explanation="", safety_field=1, position=i, bit=i - 1)
            for i in range(1, 5)
        ],
    )
    db.session.add(campaign)
    db.session.commit()
    t = {theme.title: theme.id for theme in campaign.themes}
    stand = add_stand(campaign, "zuidhorn")
    kiosk = [
        {"ballot_key": str(uuid.uuid4()), "village": "zuidhorn", "themes": [t[a], t[b]]}
        for a, b in (("T1", "T2"), ("T1", "T3"), ("T1", "T2"))
    ]
    tablet = paired_kiosk(stand)
    report = tablet.post(f"/stand/{stand.token}/ballots", json={"ballots": kiosk})
    assert len(report.get_json()["stored"]) == 3
    for a, b in (("T2", "T3"), ("T3", "T4")):
        assert send_ballot(staff_client, campaign, "leek", [t[a], t[b]]).status_code == 303
    marum = add_stand(campaign, "marum")
    counts = {t["T1"]: 3, t["T2"]: 3, t["T3"]: 2, t["T4"]: 2}
    for email in ("een@example.org", "twee@example.org"):
        paper.save_entry(marum, create_user(email, "een-lang-wachtwoord", "staff"), 5, counts)
    return campaign


def test_the_json_gives_the_hand_worked_ranks_shares_and_intervals(staff_client, hand) -> None:
    data = staff_client.get("/api/v1/campaigns/hand/results").get_json()
    assert data["ballots"] == 10
    got = {t["title"]: (t["votes"], t["rank"], t["share"], t["interval"]) for t in data["themes"]}
    assert got == EXPECTED_TOTAL
    assert [t["title"] for t in data["themes"]] == ["T1", "T2", "T3", "T4"]
    for village in data["villages"]:
        ballots, themes = EXPECTED_VILLAGES[village["slug"]]
        assert village["ballots"] == ballots
        assert {t["title"]: (t["votes"], t["rank"]) for t in village["themes"]} == themes
    channels = {k: v["ballots"] for k, v in data["channels"].items()}
    assert channels == {"stand": 3, "web": 2, "paper": 5}


def test_the_csv_gives_the_same_numbers(staff_client, hand) -> None:
    rows = list(csv.DictReader(io.StringIO(staff_client.get("/results/hand/tallies.csv").text)))
    total = {
        r["theme"]: (int(r["votes"]), int(r["ballots"]), r["share"])
        for r in rows
        if r["village"] == "TOTAL"
    }
    assert total == {
        "T1": (6, 10, "0.6000"),
        "T2": (6, 10, "0.6000"),
        "T3": (5, 10, "0.5000"),
        "T4": (3, 10, "0.3000"),
    }
    leek = {r["theme"]: (int(r["votes"]), r["share"]) for r in rows if r["village"] == "leek"}
    assert leek == {
        "T1": (0, "0.0000"),
        "T2": (1, "0.5000"),
        "T3": (2, "1.0000"),
        "T4": (1, "0.5000"),
    }


def test_the_page_shows_the_same_ranks_shares_and_intervals(staff_client, hand) -> None:
    page = staff_client.get("/results/hand").get_data(as_text=True)
    table = page.split('id="total"')[1].split("</table>")[0]
    rows = [row for row in table.split("<tr>")[2:]]
    expected = [
        ("1", "T1", "6", "60%", "(31–83%)"),
        ("1", "T2", "6", "60%", "(31–83%)"),
        ("3", "T3", "5", "50%", "(24–76%)"),
        ("4", "T4", "3", "30%", "(11–60%)"),
    ]
    for row, (rank, title, votes, share, interval) in zip(rows, expected, strict=True):
        assert f'<td>{rank}</td><th scope="row">{title}</th>' in row
        assert f'<td class="num">{votes}</td>' in row
        assert share in row and interval in row
    assert "In totaal 10 deelnemers: weblink 2, tablet bij de stand 3, papier 5." in page


def test_the_filters_narrow_the_page(staff_client, hand) -> None:
    page = staff_client.get("/results/hand?dorp=leek").get_data(as_text=True)
    village = page.split('id="village"')[1].split("</table>")[0]
    assert "Leek" in village and "n = 2" in village
    assert "Minder dan 30 stemmen" in page
    assert "In totaal 5 deelnemers." in staff_client.get("/results/hand?kanaal=paper").text
    assert "In totaal 0 deelnemers." in staff_client.get("/results/hand?van=2099-01-01").text
    wrong = staff_client.get("/results/hand?van=2027-03-02&tot=2027-03-01")
    assert wrong.status_code == 400
    assert "De einddatum mag niet voor de begindatum liggen." in wrong.text


def test_the_excel_workbook_gives_the_same_numbers_and_the_ballots(staff_client, hand) -> None:
    from openpyxl import load_workbook

    response = staff_client.get("/results/hand/uitslag.xlsx")
    assert 'filename="hand-uitslag-' in response.headers["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.data), read_only=True)
    assert book.sheetnames == [
        "Totaal",
        "Per dorp",
        "Per kanaal",
        "Per betrouwbaarheid",
        "Per bron",
        "Stemmen",
        "Opmerkingen",
        "Toelichting",
    ]
    total = list(book["Totaal"].iter_rows(min_row=2, values_only=True))
    got = {row[1]: (row[2], row[0], row[4], [row[5], row[6]]) for row in total}
    assert got == EXPECTED_TOTAL
    assert all(row[3] == 10 for row in total)
    villages = list(book["Per dorp"].iter_rows(min_row=2, values_only=True))
    leek = {row[2]: (row[3], row[1]) for row in villages if row[0] == "Leek"}
    assert leek == EXPECTED_VILLAGES["leek"][1]
    ballots = list(book["Stemmen"].iter_rows(values_only=True))
    assert ballots[0][:4] == ("dorp", "kanaal", "betrouwbaarheid", "datum")
    assert ballots[0][4:] == ("T1", "T2", "T3", "T4")
    picks = sorted((row[0], row[1], row[2], row[4:]) for row in ballots[1:])
    assert picks == [
        ("Leek", "weblink", "telefoon", (0, 0, 1, 1)),
        ("Leek", "weblink", "telefoon", (0, 1, 1, 0)),
        ("Zuidhorn", "standtablet", "stand", (1, 0, 1, 0)),
        ("Zuidhorn", "standtablet", "stand", (1, 1, 0, 0)),
        ("Zuidhorn", "standtablet", "stand", (1, 1, 0, 0)),
    ]
    source_rows = list(book["Per bron"].iter_rows(values_only=True))
    assert source_rows[0] == ("kanaal", "bron", "stemmers")
    assert ("standtablet", None, 3) in source_rows and ("weblink", None, 2) in source_rows
    totals_only = load_workbook(io.BytesIO(staff_client.get("/results/hand/totalen.xlsx").data))
    assert "Stemmen" not in totals_only.sheetnames


def test_the_ballots_csv_has_one_row_per_ballot(staff_client, hand) -> None:
    rows = list(csv.reader(io.StringIO(staff_client.get("/results/hand/stemmen.csv").text)))
    assert rows[0] == ["dorp", "kanaal", "betrouwbaarheid", "datum", "T1", "T2", "T3", "T4"]
    assert len(rows) == 6
    assert sum(int(row[4]) for row in rows[1:]) == 3  # T1 on the three Zuidhorn ballots
