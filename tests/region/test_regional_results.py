"""A hand-worked regional campaign matched by its JSON, CSV, workbook and page at three levels.

Three municipalities, a village of 3, a local theme in one, paper at one stand; the JSON, the
tallies CSV (plain and for Excel), the workbook and the page give the numbers worked out here.

Zuidwest-Drenthe, common themes Woninginbraak (W), Ondermijning (O), Verkeersveiligheid (V),
pick exactly 2. Midden-Drenthe adds the local theme Drugsoverlast (D).
- Meppel (10,000 inhabitants): Nijeveen (6,000) 20 × {W,O} + 10 × {W,V}; Broekhuizen (4,000)
  10 × {O,V}. Total n = 40: W 30, O 30, V 20.
- Midden-Drenthe (5,000): Beilen (4,000) 15 × {W,D} + 12 × {O,V}; Hijken (1,000), the village
  of 3: 3 × {D,V}. Total n = 30: W 15, O 12, V 15, D 18.
- Westerveld (5,000): Dwingeloo (5,000) 20 × {W,V} on the web, and a stand's paper forms,
  counted twice alike: 10 residents, W 4, O 10, V 6; Diever (2,000) no votes.
  Total n = 30: W 24, O 10, V 26.
Region, common themes only: n = 100, W 30+15+24 = 69, O 30+12+10 = 52, V 20+15+26 = 61;
ranks W 1, V 2, O 3. Wilson 95 % (z = 1.959964): 69/100 → 0.5937–0.7722, 61/100 →
0.5120–0.6998, 52/100 → 0.4232–0.6154. 20,000 inhabitants: 100 / 20 = 5.0 per 1,000.
Weighted by inhabitants (population shares 0.5, 0.25, 0.25):
  W = 0.5 × 30/40 + 0.25 × 15/30 + 0.25 × 24/30 = 0.375 + 0.125 + 0.2 = 0.7
  O = 0.5 × 30/40 + 0.25 × 12/30 + 0.25 × 10/30 = 0.375 + 0.1 + 0.08333 = 0.5583
  V = 0.5 × 20/40 + 0.25 × 15/30 + 0.25 × 26/30 = 0.25 + 0.125 + 0.21667 = 0.5917
  weights w = (pop share) / (ballot share): Meppel 0.5/0.4 = 1.25, the others 0.25/0.3 = 0.8333;
  n_eff = n² / Σ n·w² = 10,000 / (40 × 1.5625 + 2 × 30 × 0.69444) = 10,000 / 104.1667 = 96.0;
  Wilson on n_eff: 0.7 → 0.6021–0.7825, 0.5583 → 0.4587–0.6535, 0.5917 → 0.4917–0.6846.
Turnout per 1,000: Meppel 40/10 = 4.0, Midden-Drenthe 30/5 = 6.0, Westerveld 30/5 = 6.0;
Nijeveen 30/6 = 5.0, Broekhuizen 10/4 = 2.5, Beilen 27/4 = 6.75, Hijken 3/1 = 3.0,
Dwingeloo 30/5 = 6.0, Diever 0.
Against the rest of the region (Newcombe's hybrid score interval, from both Wilson intervals):
  Meppel O: 30/40 − 22/60 = 0.3833, interval 0.1856–0.5379: clear.
  Meppel V: 20/40 − 41/60 = −0.1833, −0.3640–0.0108: not clear (zero inside).
  Midden-Drenthe W: 15/30 − 54/70 = −0.2714, −0.4591 to −0.0697: clear.
  Westerveld O: 10/30 − 42/70 = −0.2667, −0.4435 to −0.0529: clear;
  Westerveld V: 26/30 − 35/70 = 0.3667, 0.1673–0.5061: clear; W: 0.1571, −0.0438–0.3143: not.
"""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from participation.models import RegionScope
from tests.region.regional_results_world import Design, World, build, region_login, workbook_sheets

W, OND, V, D = "Woninginbraak", "Ondermijning", "Verkeersveiligheid", "Drugsoverlast"
DESIGNS = [
    Design("Meppel", 10_000, [("Nijeveen", 6_000), ("Broekhuizen", 4_000)]),
    Design("Midden-Drenthe", 5_000, [("Beilen", 4_000), ("Hijken", 1_000)], local=[D]),
    Design("Westerveld", 5_000, [("Dwingeloo", 5_000), ("Diever", 2_000)]),
]
URL = "/regio/results/ivp-2027"

REGION = {W: (69, 1, 0.69, [0.5937, 0.7722]), V: (61, 2, 0.61, [0.512, 0.6998])}
REGION[OND] = (52, 3, 0.52, [0.4232, 0.6154])
WEIGHTED = {W: (0.7, [0.6021, 0.7825]), OND: (0.5583, [0.4587, 0.6535])}
WEIGHTED[V] = (0.5917, [0.4917, 0.6846])
# municipality: (ballots, per 1,000, {theme: (votes, rank)}) on its own menu
MUNICIPALITIES = {
    "meppel": (40, 4.0, {W: (30, 1), OND: (30, 1), V: (20, 3)}),
    "midden-drenthe": (30, 6.0, {D: (18, 1), W: (15, 2), V: (15, 2), OND: (12, 4)}),
    "westerveld": (30, 6.0, {V: (26, 1), W: (24, 2), OND: (10, 3)}),
}
VILLAGES = {
    "nijeveen": (30, 5.0, {W: 30, OND: 20, V: 10}),
    "broekhuizen": (10, 2.5, {W: 0, OND: 10, V: 10}),
    "beilen": (27, 6.75, {W: 15, OND: 12, V: 12, D: 15}),
    "hijken": (3, 3.0, {W: 0, OND: 0, V: 3, D: 3}),
    "dwingeloo": (30, 6.0, {W: 24, OND: 10, V: 26}),
    "diever": (0, 0.0, {W: 0, OND: 0, V: 0}),
}
# (municipality, theme): (difference, interval, clear)
DIFFERENCES = {
    ("meppel", OND): (0.3833, [0.1856, 0.5379], True),
    ("meppel", V): (-0.1833, [-0.364, 0.0108], False),
    ("midden-drenthe", W): (-0.2714, [-0.4591, -0.0697], True),
    ("westerveld", OND): (-0.2667, [-0.4435, -0.0529], True),
    ("westerveld", V): (0.3667, [0.1673, 0.5061], True),
    ("westerveld", W): (0.1571, [-0.0438, 0.3143], False),
}


def designed(app) -> World:  # type: ignore[no-untyped-def]
    world = build(DESIGNS, [W, OND, V])
    world.vote("Meppel", "Nijeveen", [W, OND], 20)
    world.vote("Meppel", "Nijeveen", [W, V], 10)
    world.vote("Meppel", "Broekhuizen", [OND, V], 10)
    world.vote("Midden-Drenthe", "Beilen", [W, D], 15)
    world.vote("Midden-Drenthe", "Beilen", [OND, V], 12)
    world.vote("Midden-Drenthe", "Hijken", [D, V], 3)
    world.vote("Westerveld", "Dwingeloo", [W, V], 20)
    world.paper("Westerveld", "Dwingeloo", 10, {W: 4, OND: 10, V: 6})
    return world


@pytest.fixture
def coordinator(app):  # type: ignore[no-untyped-def]
    world = designed(app)
    return world, region_login(app, RegionScope.COORDINATOR)


def test_the_json_gives_the_hand_worked_numbers_at_three_levels(coordinator) -> None:
    world, client = coordinator
    data = client.get(f"{URL}.json").get_json()
    assert data["public"] is False and data["ballots"] == 100
    assert (data["population"], data["per_1000"]) == (20_000, 5.0)
    got = {t["title"]: (t["votes"], t["rank"], t["share"], t["interval"]) for t in data["themes"]}
    assert got == REGION
    assert [t["title"] for t in data["themes"]] == [W, V, OND]
    assert {t["id"] for t in data["themes"]} == set(world.common.values())
    weighted = data["weighted"]
    assert (weighted["ballots"], weighted["effective_n"], weighted["merged"]) == (100, 96.0, [])
    titles = {theme_id: title for title, theme_id in world.common.items()}
    assert {titles[t["id"]]: (t["share"], t["interval"]) for t in weighted["themes"]} == WEIGHTED
    municipalities = {m["slug"]: m for m in data["municipalities"]}
    assert list(municipalities) == ["meppel", "midden-drenthe", "westerveld"]
    for slug, (ballots, rate, themes) in MUNICIPALITIES.items():
        found = municipalities[slug]
        assert (found["ballots"], found["per_1000"]) == (ballots, rate), slug
        assert {t["title"]: (t["votes"], t["rank"]) for t in found["themes"]} == themes, slug
        assert found["local_themes"] is (slug == "midden-drenthe")
        for village in found["villages"]:
            expected = VILLAGES[village["slug"]]
            shown = {t["title"]: t["votes"] for t in village["themes"]}
            assert (village["ballots"], village["per_1000"], shown) == expected, village["slug"]
    local = next(t for t in municipalities["midden-drenthe"]["themes"] if t["title"] == D)
    assert local["regional_theme_id"] is None and local["share"] == 0.6
    # The comparison with the others uses the common themes only: D is not among them.
    common = municipalities["midden-drenthe"]["common_themes"]
    assert {t["title"]: (t["votes"], t["rank"]) for t in common} == {
        W: (15, 1),
        V: (15, 1),
        OND: (12, 3),
    }
    for (slug, title), (difference, interval, clear) in DIFFERENCES.items():
        found = next(
            d for d in municipalities[slug]["differences"] if d["id"] == world.common[title]
        )
        assert (found["difference"], found["interval"], found["marked"]) == (
            difference,
            interval,
            clear,
        ), (slug, title)
    assert municipalities["westerveld"]["villages"][1]["name"] == "Dwingeloo"


def _csv(text: str) -> dict[tuple[str, str, str, str], dict[str, str]]:
    rows = csv.DictReader(io.StringIO(text))
    return {(r["level"], r["municipality"], r["village"], r["theme"]): r for r in rows}


def test_the_csv_gives_the_same_numbers_with_a_level_column(coordinator) -> None:
    world, client = coordinator
    response = client.get(f"{URL}/tallies.csv")
    assert 'filename="ivp-2027-regio-tellingen-' in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True)
    assert text.startswith("level,municipality,village,theme_id,theme,votes,ballots,share,")
    rows = _csv(text)
    assert {key[0] for key in rows} == {"region", "region_weighted", "municipality", "village"}
    for title, (votes, rank, share, (low, high)) in REGION.items():
        row = rows["region", "", "", title]
        assert (int(row["votes"]), int(row["ballots"]), float(row["share"])) == (votes, 100, share)
        assert (int(row["rank"]), float(row["low"]), float(row["high"])) == (rank, low, high)
        assert row["per_1000"] == "5.00" and row["theme_id"] == str(world.common[title])
    for title, (share, (low, high)) in WEIGHTED.items():
        row = rows["region_weighted", "", "", title]
        assert (float(row["share"]), float(row["low"]), float(row["high"])) == (share, low, high)
        assert (row["ballots"], row["effective_n"], row["votes"]) == ("100", "96.0", "")
    for slug, (ballots, rate, themes) in MUNICIPALITIES.items():
        for title, (votes, rank) in themes.items():
            row = rows["municipality", slug, "", title]
            assert (int(row["votes"]), int(row["ballots"]), int(row["rank"])) == (
                votes,
                ballots,
                rank,
            )
            assert float(row["per_1000"]) == rate
            assert row["local_themes"] == ("1" if slug == "midden-drenthe" else "0")
    local = rows["municipality", "midden-drenthe", "", D]
    assert local["theme_id"] == "" and local["local_theme_id"] == str(
        world.themes["Midden-Drenthe"][D]
    )
    assert (local["share"], local["differs"]) == ("0.6000", "")
    meppel = rows["municipality", "meppel", "", OND]
    assert (meppel["difference"], meppel["difference_low"], meppel["differs"]) == (
        "0.3833",
        "0.1856",
        "1",
    )
    assert rows["municipality", "meppel", "", V]["differs"] == "0"
    for (_, _, village, title), row in rows.items():
        if village:
            ballots, rate, votes = VILLAGES[village]
            assert (int(row["ballots"]), float(row["per_1000"])) == (ballots, rate)
            assert int(row["votes"]) == votes[title]
    assert rows["village", "midden-drenthe", "hijken", D]["share"] == "1.0000"
    assert len([key for key in rows if key[0] == "village"]) == 3 + 3 + 4 + 4 + 3 + 3


def test_the_csv_for_excel_holds_the_same_table(coordinator) -> None:
    _, client = coordinator
    plain = client.get(f"{URL}/tallies.csv").data
    excel = client.get(f"{URL}/tallies.csv?format=excel")
    assert excel.data.startswith(b"\xef\xbb\xbflevel;municipality;village;theme_id;")
    assert b"\r\n" in excel.data and ";0,6900;" in excel.get_data(as_text=True)
    assert "excel-" in excel.headers["Content-Disposition"]
    table = pd.read_csv(io.BytesIO(excel.data), sep=";", decimal=",", encoding="utf-8-sig")
    same = pd.read_csv(io.BytesIO(plain))
    assert list(table.columns) == list(same.columns)
    pd.testing.assert_frame_equal(table, same)
    assert table["per_1000"].dtype.kind == "f" and 6.75 in set(table["per_1000"])


def test_the_workbook_has_a_sheet_per_level_with_the_same_numbers(coordinator) -> None:
    _, client = coordinator
    response = client.get(f"{URL}/workbook.xlsx")
    assert response.status_code == 200 and response.mimetype.endswith("spreadsheetml.sheet")
    sheets = workbook_sheets(response.data)
    assert list(sheets) == ["Regio", "Regio gewogen", "Per gemeente", "Per dorp", "Toelichting"]
    region = {r[1]: (r[2], r[0], r[4], [r[5], r[6]]) for r in sheets["Regio"][1:]}
    assert region == REGION
    assert {r[3] for r in sheets["Regio"][1:]} == {100} and sheets["Regio"][1][7] == 5.0
    weighted = {r[0]: (r[1], [r[2], r[3]]) for r in sheets["Regio gewogen"][1:]}
    assert weighted == WEIGHTED
    assert {(r[4], r[5]) for r in sheets["Regio gewogen"][1:]} == {(100, 96.0)}
    per_municipality = {(r[0], r[2]): r for r in sheets["Per gemeente"][1:]}
    drugs = per_municipality["Gemeente Midden-Drenthe", D]
    assert (drugs[1], drugs[3], drugs[4], drugs[5], drugs[10]) == (1, "eigen thema", 18, 30, "ja")
    meppel = per_municipality["Gemeente Meppel", OND]
    assert (meppel[4], meppel[9], meppel[13], meppel[15]) == (30, 4.0, 0.1856, "ja")
    per_village = {(r[1], r[3]): r for r in sheets["Per dorp"][1:]}
    assert per_village["Hijken", D][4:6] == (3, 3) and per_village["Hijken", D][9] == 3.0
    assert per_village["Beilen", W][9] == 6.75 and per_village["Dwingeloo", OND][4] == 10
    # pandas reads the same: one frame per sheet, counts as numbers.
    frames = pd.read_excel(io.BytesIO(response.data), sheet_name=None)
    assert list(frames) == list(sheets)
    villages = frames["Per dorp"]
    assert int(villages["stemmers"][villages["dorp"] == "Beilen"].iloc[0]) == 27
    assert villages["per 1.000 inwoners"].max() == 6.75
    municipalities = frames["Per gemeente"]
    assert int(municipalities["stemmen"].sum()) == 30 + 30 + 20 + 18 + 15 + 15 + 12 + 26 + 24 + 10
    notes = " ".join(str(cell) for row in sheets["Toelichting"] for cell in row)
    assert "Gemeente Midden-Drenthe" in notes and "Newcombe" in notes


def test_the_page_shows_the_levels_and_says_whose_menu_differed(coordinator) -> None:
    _, client = coordinator
    page = client.get(URL).get_data(as_text=True)
    assert "100 inwoners deden mee." in page and "5,0 per 1.000 inwoners" in page
    assert "Gemeente Midden-Drenthe †" in page
    assert "kozen uit een andere lijst" in page
    assert 'Drugsoverlast <span class="muted">(eigen thema)</span>' in page
    assert "6,8 per 1.000" in page  # Beilen, 6.75 per 1,000 rounded half up
    assert "duidelijk meer" in page and "duidelijk minder" in page
    assert "effectieve steekproefgrootte" in page and "96,0" in page
    chart = client.get(f"{URL}/chart.png")
    assert chart.status_code == 200 and chart.data.startswith(b"\x89PNG")
    assert client.get(f"{URL}/chart.gif").status_code == 404
