"""The public regional results page in Dutch, English and Polish; hostile text stays text.

Dutch first, and English and Polish when the regional campaign's texts (and every
municipality's local themes) are written in them; hostile titles and names stay text in the
CSV and the workbook.
"""

from __future__ import annotations

import csv
import io
import re

from sqlalchemy import select

from participation.extensions import db
from participation.models import Municipality, RegionScope
from participation.tenancy import ACROSS_MUNICIPALITIES
from participation.web import tenant
from tests.conftest import csrf_token
from tests.region.regional_results_world import (
    Design,
    World,
    build,
    public_client,
    region_login,
    workbook_sheets,
)

W, OND, V, D = "Woninginbraak", "Ondermijning", "Verkeersveiligheid", "Drugsoverlast"
URL = "/regio/results/ivp-2027"
DESIGNS = [
    Design("Meppel", 10_000, [("Nijeveen", 6_000)]),
    Design("Midden-Drenthe", 5_000, [("Beilen", 4_000)], local=[D]),
]


def published(app, world: World) -> None:  # type: ignore[no-untyped-def]
    world.vote("Meppel", "Nijeveen", [W, OND], 6)
    world.vote("Midden-Drenthe", "Beilen", [D, V], 7)
    for name in ("Meppel", "Midden-Drenthe"):
        world.release(name)
    coordinator = region_login(app, RegionScope.COORDINATOR)
    token = csrf_token(coordinator, URL)
    assert coordinator.post(f"{URL}/publish", data={"csrf_token": token}).status_code == 302


def test_the_public_page_speaks_dutch_english_and_polish(app) -> None:
    world = build(DESIGNS, [W, OND, V], languages=("en", "pl"))
    published(app, world)
    client = public_client(app)
    dutch = client.get(URL).get_data(as_text=True)
    assert '<html lang="nl">' in dutch and "De regio samen" in dutch
    assert "13 inwoners deden mee." in dutch and "Per gemeente" in dutch
    assert "Cijfers zoals elke gemeente ze heeft vrijgegeven." in dutch
    # Published: the region's home page leads to them.
    assert f'href="{URL}"' in client.get("/regio/").get_data(as_text=True)
    assert "eigen thema" in dutch and "kozen uit een andere lijst" in dutch
    english = client.get(f"{URL}?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in english and "The region together" in english
    assert "13 residents took part." in english and "Woninginbraak (en)" in english
    assert "Drugsoverlast (en)" in english and "(own theme)" in english
    assert "chose from a different list" in english
    # The chart is drawn in Dutch, and so is its text alternative: marked so a screen reader
    # reads it with a Dutch voice on the English page.
    assert re.search(r'<img [^>]*alt="Staafdiagram van de regio[^"]*" lang="nl"', english)
    polish = client.get(f"{URL}?lang=pl").get_data(as_text=True)
    assert '<html lang="pl">' in polish and "Region razem" in polish
    assert "Według gmin" in polish and "Woninginbraak (pl)" in polish
    assert "(własny temat)" in polish and "wybierali z innej listy" in polish
    assert "Dane w takiej postaci, w jakiej opublikowała je każda gmina." in polish


def test_without_polish_texts_the_page_stays_dutch(app) -> None:
    world = build(DESIGNS, [W, OND, V], languages=("en",))
    published(app, world)
    page = public_client(app).get(f"{URL}?lang=pl").get_data(as_text=True)
    assert '<html lang="nl">' in page and "De regio samen" in page


def test_hostile_titles_and_names_stay_text_in_the_csv_and_the_workbook(app) -> None:
    hostile = '=HYPERLINK("http://x","klik")'
    world = build(DESIGNS, [hostile, OND, V])
    world.vote("Meppel", "Nijeveen", [hostile, OND], 6)
    world.vote("Midden-Drenthe", "Beilen", [D, V], 7)
    rows = db.session.scalars(
        select(Municipality).execution_options(**{ACROSS_MUNICIPALITIES: True})
    )
    for row in rows:
        if row.id == world.municipalities["Meppel"]:
            row.name = "+cmd|' /C calc'!A0"
    db.session.commit()
    tenant.forget()
    client = region_login(app, RegionScope.COORDINATOR)
    text = client.get(f"{URL}/tallies.csv").get_data(as_text=True)
    themes = {row["theme"] for row in csv.DictReader(io.StringIO(text))}
    assert "'" + hostile in themes and hostile not in themes
    book = workbook_sheets(client.get(f"{URL}/workbook.xlsx").data)
    cells = {cell for sheet in book.values() for row in sheet for cell in row}
    assert hostile in cells and "+cmd|' /C calc'!A0" in cells
    from openpyxl import load_workbook

    raw = load_workbook(io.BytesIO(client.get(f"{URL}/workbook.xlsx").data))
    kinds = {
        cell.data_type
        for sheet in raw.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value in (hostile, "+cmd|' /C calc'!A0")
    }
    assert kinds == {"s"}  # text, never a formula


def test_every_message_of_the_regional_results_is_in_dutch_and_polish() -> None:
    from pathlib import Path

    from babel.messages.extract import extract_from_file
    from babel.messages.pofile import read_po

    root = Path(__file__).resolve().parents[2]
    keywords = {"_": None, "_l": None, "gettext": None, "lazy_gettext": None, "ngettext": (1, 2)}
    sources = [
        ("jinja2", "templates/region/results.html"),
        ("jinja2", "templates/results/_share.html"),
        ("python", "participation/region/results_routes.py"),
        ("python", "participation/services/results/regional.py"),
    ]
    messages = {
        message if isinstance(message, str) else message[0]
        for method, name in sources
        for _, message, _, _ in extract_from_file(method, str(root / name), keywords=keywords)
    }
    assert len(messages) > 40
    for language in ("nl", "pl"):
        path = root / f"participation/translations/{language}/LC_MESSAGES/messages.po"
        with path.open("rb") as handle:
            catalog = read_po(handle)
        translated = {
            m.id if isinstance(m.id, str) else m.id[0]
            for m in catalog
            if m.id and m.string and (isinstance(m.string, str) or all(m.string)) and not m.fuzzy
        }
        assert sorted(messages - translated) == [], language
