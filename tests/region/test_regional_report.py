"""The regional council report: the common part once, a chapter per municipality, a tagged PDF.

With the hand-worked world of test_regional_results (three municipalities, a village of 3, a
local theme in Midden-Drenthe, paper at one stand), the PDF's text holds the JSON's numbers at
the three levels: the region's ranking plain and weighted by inhabitants with n_eff, turnout
per 1,000 per municipality and village, the clear differences (Newcombe), and each
municipality's own ranking. Before any release it shows today's count, small villages folded
as the public outputs fold them; once every municipality released and the region published,
it shows exactly what the public JSON shows. With the designed small groups of the
suppression tests, no group of 1 to 4 appears anywhere in it.
"""

from __future__ import annotations

import io
import re
from typing import Any

import pytest

from participation.domain.stats import whole_percent, whole_points
from participation.models import RegionScope
from tests.conftest import csrf_token, login_as
from tests.region import test_regional_results_suppression as small_groups
from tests.region.regional_results_world import public_client, region_login
from tests.region.test_regional_results import designed
from tests.results.test_tagged_pdfs import assert_accessible, table_tags

URL = "/regio/results/ivp-2027"
TITLE = "Regiorapport: Veilig in Zuidwest-Drenthe"
NAMES = ("Gemeente Meppel", "Gemeente Midden-Drenthe", "Gemeente Westerveld")


def dutch(value: float, decimals: int) -> str:
    """A JSON number as the report prints it in Dutch: 6.75 → '6,75', 10000 → '10.000'."""
    if decimals == 0:
        return f"{int(value):,}".replace(",", ".")
    return f"{value:.{decimals}f}".replace(".", ",")


def share(value: float, interval: list[float]) -> str:
    return (
        f"{whole_percent(value)} ({whole_percent(interval[0])[:-1]}–{whole_percent(interval[1])})"
    )


def points(value: float) -> str:
    whole = whole_points(value)
    return f"{'+' if whole > 0 else '−' if whole < 0 else ''}{abs(whole)}"


def rate(value: float | None) -> str:
    return "–" if value is None else dutch(value, 2)


def read(data: bytes) -> str:
    """The PDF's text (checked as tagged first); a name broken at its hyphen, which pdfium
    reads as U+FFFE, made whole."""
    return assert_accessible(data, TITLE).replace("\ufffe", "-")


def chapters(text: str) -> dict[str, str]:
    """Each chapter's text by its municipality's name (the common part left out)."""
    parts = text.split("Hoofdstuk: ")[1:]
    found: dict[str, str] = {}
    for part in parts:
        name = next(n for n in (*NAMES, "Gemeente De Wolden") if part.startswith(n))
        assert name not in found, f"two chapters for {name}"
        found[name] = part
    return found


TRIPLE = re.compile(r"(–|\d{1,3}(?:\.\d{3})*) (\d+) (–|\d+,\d\d)")


def village_rows(chapter: str, name: str) -> list[tuple[str, str, str]]:
    """The per-village turnout table's rows as (inhabitants, ballots, per 1,000)."""
    table = chapter.split(f"Inwoners die meededen per dorp in {name} ")[1]
    for end in (" * minder dan 30", " ‡ Samen getoond", " Stemmen per thema en dorp"):
        table = table.split(end)[0]
    return TRIPLE.findall(table)


def assert_holds(text: str, data: dict[str, Any]) -> None:
    """The report's text holds every number of the regional results JSON `data`."""
    weighted = {t["id"]: t for t in (data["weighted"] or {"themes": []})["themes"]}
    for theme in data["themes"]:
        row = f"{theme['rank']} {theme['title']} {theme['votes']} "
        row += share(theme["share"], theme["interval"])
        if weighted:
            row += " " + share(weighted[theme["id"]]["share"], weighted[theme["id"]]["interval"])
        assert row in text, row
    if weighted:
        n_eff = dutch(data["weighted"]["effective_n"], 1)
        assert f"De weging is {n_eff} stemmers waard (effectieve steekproefgrootte)." in text
    else:
        assert "Geen aandeel gewogen naar inwoners" in text
    total = f"{data['ballots']} inwoners deden mee. Dat is {rate(data['per_1000'])} per 1.000"
    assert total in text, total
    region = f"{data['region']} {dutch(data['population'], 0)} {data['ballots']} "
    assert region + rate(data["per_1000"]) in text
    found = chapters(text)
    named = [n for n in found if n not in data["not_released"]]
    assert named == [m["name"] for m in data["municipalities"]]
    for m in data["municipalities"]:
        mark = " †" if m["local_themes"] else ""
        row = f"{m['name']}{mark} {dutch(m['population'], 0)} {m['ballots']} {rate(m['per_1000'])}"
        assert row in text, row
        for d in m["differences"]:
            if d["marked"]:
                title = next(t["title"] for t in data["themes"] if t["id"] == d["id"])
                low, high = (points(b) for b in d["interval"])
                row = f"{title} {whole_percent(d['share'])} {whole_percent(d['rest_share'])} "
                assert row + f"{points(d['difference'])} ({low} tot {high})" in text, row
        chapter = found[m["name"]]
        assert f"{m['ballots']} inwoners deden mee. Dat is {rate(m['per_1000'])}" in chapter
        for theme in m["themes"]:
            own = " (eigen thema)" if theme["regional_theme_id"] is None else ""
            row = f"{theme['rank']} {theme['title']}{own} {theme['votes']} "
            assert row + share(theme["share"], theme["interval"]) in chapter, row
        expected = [
            (dutch(v["population"], 0) if v["population"] else "–", str(v["ballots"]))
            for v in m["villages"]
        ]
        rows = village_rows(chapter, m["name"])
        assert [(pop, ballots) for pop, ballots, _ in rows] == expected, m["name"]
        assert [r for _, _, r in rows] == [rate(v["per_1000"]) for v in m["villages"]]
        shown = [v for v in m["villages"] if v["ballots"]]
        for group in (shown[i : i + 4] for i in range(0, len(shown), 4)):
            for theme in m["themes"]:
                cells = []
                for v in group:
                    row = next(t for t in v["themes"] if t["id"] == theme["id"])
                    cells.append(f"{row['votes']} ({whole_percent(row['share'])})")
                assert f"{theme['title']} {' '.join(cells)}" in chapter, (m["name"], cells)


@pytest.fixture
def coordinator(app):  # type: ignore[no-untyped-def]
    world = designed(app)
    return world, region_login(app, RegionScope.COORDINATOR)


def test_the_pdf_holds_todays_numbers_at_three_levels_with_small_villages_folded(
    coordinator,
) -> None:
    _, client = coordinator
    response = client.get(f"{URL}/report.pdf")
    assert response.mimetype == "application/pdf"
    assert 'filename="ivp-2027-regio-rapport-' in response.headers["Content-Disposition"]
    text = read(response.data)
    live = client.get(f"{URL}.json").get_json()
    # The report folds Hijken (3 voters) with Beilen, as the public outputs would: its own
    # JSON for the coordinator shows them apart, so the villages are compared after that.
    midden = next(m for m in live["municipalities"] if m["slug"] == "midden-drenthe")
    assert [v["ballots"] for v in midden["villages"]] == [27, 3]
    beilen, hijken = midden["villages"]
    midden["villages"] = [
        {
            "population": None,
            "ballots": 30,
            "per_1000": None,
            "themes": [
                {
                    "id": b["id"],
                    "votes": b["votes"] + h["votes"],
                    "share": (b["votes"] + h["votes"]) / 30,
                }
                for b in beilen["themes"]
                for h in hijken["themes"]
                if h["id"] == b["id"]
            ],
        }
    ]
    assert_holds(text, live)
    # The hand-worked numbers themselves (test_regional_results' docstring).
    assert "1 Woninginbraak 69 69% (59–77%) 70% (60–78%)" in text
    assert "3 Ondermijning 52 52% (42–62%) 56% (46–65%)" in text
    assert "De weging is 96,0 stemmers waard" in text
    assert "Zuidwest-Drenthe 20.000 100 5,00" in text
    assert "Gemeente Midden-Drenthe † 5.000 30 6,00" in text
    assert "Nijeveen 6.000 30 5,00" in text and "Broekhuizen * 4.000 10 2,50" in text
    assert "Gemeente Meppel Ondermijning 75% 37% +38 (+19 tot +54)" in text
    chapter = chapters(text)["Gemeente Midden-Drenthe"]
    assert "1 Drugsoverlast (eigen thema) 18 60% (42–75%)" in chapter
    assert "De keuzelijst was anders: naast de gemeenschappelijke thema's" in chapter
    assert "Overige dorpen samen ‡ – 30 –" in chapter
    assert "Samen getoond, zodat geen groep van minder dan 5 te herleiden is: Beilen, Hijken." in (
        chapter
    )
    assert "Hijken 1.000" not in text and not re.search(r"\bn = [1-4]\b", text)
    assert "Telling van vandaag voor Gemeente Meppel, Gemeente Midden-Drenthe" in text
    assert text.count("Gemeenschappelijk deel: Zuidwest-Drenthe") == 1


def test_once_released_and_published_it_shows_what_the_public_json_shows(coordinator) -> None:
    world, client = coordinator
    for name in ("Meppel", "Midden-Drenthe", "Westerveld"):
        assert world.release(name) == 1
    answer = client.post(f"{URL}/publish", data={"csrf_token": csrf_token(client, URL)})
    assert answer.status_code == 302
    public = public_client(client.application).get(f"{URL}.json").get_json()
    assert public["public"] is True and public["ballots"] == 100
    text = read(client.get(f"{URL}/report.pdf").data)
    assert_holds(text, public)
    assert "Cijfers: vrijgave 1 van" in text and "Telling van vandaag" not in text
    assert "De cijfers die elke gemeente vrijgaf, zoals het publiek ze ziet." in text


def test_no_group_under_5_appears_with_the_designed_small_groups(app) -> None:
    small_groups.designed()
    client = region_login(app, RegionScope.COORDINATOR)
    assert client.post(f"{URL}/publish", data={"csrf_token": csrf_token(client, URL)}).status_code
    public = public_client(app).get(f"{URL}.json").get_json()
    text = read(client.get(f"{URL}/report.pdf").data)
    assert_holds(text, public)
    sizes = [int(n.replace(".", "")) for n in re.findall(r"n = ([\d.]+)", text)]
    assert sizes and all(n == 0 or n >= 5 for n in sizes), sizes
    found = chapters(text)
    for name, chapter in found.items():
        if name == "Gemeente De Wolden":
            continue
        ballots = [int(b) for _, b, _ in village_rows(chapter, name)]
        assert ballots and all(n == 0 or n >= 5 for n in ballots), (name, ballots)
    # De Wolden (3 ballots, no release) is named, never counted; its chapter says so.
    assert "Niet meegeteld: minder dan 5 inwoners deden mee" in text
    assert "Minder dan 5 inwoners deden mee" in found["Gemeente De Wolden"]
    for small in ("Broekhuizen 900", "Hijken 700", "Diever 1.000"):
        assert small not in text, small
    assert not re.search(r"\bn = [1-4]\b", text)


def test_the_pdf_is_tagged_its_chart_has_alt_text_and_its_tables_are_marked_up(
    coordinator,
) -> None:
    import pikepdf

    _, client = coordinator
    data = client.get(f"{URL}/report.pdf").data
    alts: list[str] = []
    with pikepdf.open(io.BytesIO(data)) as document:
        assert "/StructTreeRoot" in document.Root
        assert str(document.Root.get("/Lang")) == "nl"

        def walk(node: Any) -> None:
            if isinstance(node, pikepdf.Array):
                for kid in node:
                    walk(kid)
            elif isinstance(node, pikepdf.Dictionary):
                if node.get("/S") == "/Figure":
                    alts.append(str(node.get("/Alt", "")))
                if "/K" in node:
                    walk(node.K)

        walk(document.Root.StructTreeRoot)
    assert len(alts) == 1, alts
    assert alts[0].startswith("Staafdiagram van de regio Zuidwest-Drenthe (n = 100)")
    assert "Woninginbraak: regio 69% (Gemeente Meppel 75%" in alts[0]
    tables, scopes = table_tags(data)
    assert tables and all(kids[0] == "/Caption" for kids in tables)
    assert scopes and all(scope in ("/Column", "/Row") for scope in scopes), scopes


def test_the_page_is_the_same_report_and_the_results_page_links_to_it(coordinator) -> None:
    _, client = coordinator
    page = client.get(f"{URL}/report").get_data(as_text=True)
    assert "<h1>Regiorapport: Veilig in Zuidwest-Drenthe</h1>" in page
    assert f'href="{URL}/report.pdf"' in page
    assert 'alt="Staafdiagram van de regio Zuidwest-Drenthe (n = 100)' in page
    assert 'src="data:image/svg+xml;base64,' in page
    assert page.count("Hoofdstuk: ") == 3
    results = client.get(URL).get_data(as_text=True)
    assert f'href="{URL}/report"' in results and f'href="{URL}/report.pdf"' in results


def test_only_the_regions_coordinators_and_partners_read_it(app, coordinator) -> None:
    world, _ = coordinator
    partner = region_login(app, RegionScope.PARTNER)
    staff = login_as(app.test_client(), "staff")
    for path in (f"{URL}/report", f"{URL}/report.pdf"):
        assert partner.get(path).status_code == 200, path
        # A stranger on the region's host: to the region's login.
        stranger = public_client(app).get(path)
        assert stranger.status_code == 302 and "/regio/login" in stranger.headers["Location"]
        # Meppel's own staff, logged in on Meppel's host: no such page.
        assert staff.get(path).status_code == 404, path
    assert partner.get("/regio/results/onbekend/report").status_code == 404
    # The partner reads; the results page offers it the report but no publish button.
    results = partner.get(URL).get_data(as_text=True)
    assert f'href="{URL}/report"' in results and "/publish" not in results
    assert world.slug == "ivp-2027"


def test_the_public_results_page_does_not_link_to_the_report(coordinator) -> None:
    _, client = coordinator
    assert client.post(f"{URL}/publish", data={"csrf_token": csrf_token(client, URL)})
    page = public_client(client.application).get(URL)
    assert page.status_code == 200 and f"{URL}/report" not in page.get_data(as_text=True)
