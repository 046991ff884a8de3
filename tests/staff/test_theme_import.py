"""Themes in bulk: paste or upload, see what will be added, confirm; nothing stored before."""

from __future__ import annotations

import re
from html import unescape

import pytest
from sqlalchemy import func, select

from participation.domain.theme_import import DEFAULT_THEMES, default_text
from participation.extensions import db
from participation.models import AuditEvent, Campaign, Theme
from participation.services.accounts import create_user
from participation.services.campaigns import campaign_edits
from tests.conftest import csrf_token, login_as, send_ballot

URL = "/staff/campaigns/leeg/themes/import"
PASTE = (
    "Titel\tUitleg\tVeld\n"
    "Verkeersveiligheid\tTe hard rijden.\t4\n"
    "Hondenpoep\tPoep op de stoep.\tVeilige woon- en leefomgeving\n"
    '=HYPERLINK("x")\tKlik hier\t1\n'
    "Jeugdoverlast\n"
    "Parkeren\tFout parkeren.\n"
)


@pytest.fixture
def empty(app):  # type: ignore[no-untyped-def]
    """A draft campaign without themes, in the demo's villages."""
    actor = create_user("opzet@example.org", "een-lang-wachtwoord", "admin")
    data = campaign_edits.CampaignData(
        slug="leeg",
        title="Lege raadpleging",
        intro="",
        status="draft",
        opens_at=None,
        closes_at=None,
        min_picks=1,
        max_picks=3,
        results_published=False,
        village_ids=[],
    )
    return campaign_edits.save_campaign(None, data, actor)


def stored(campaign: Campaign) -> list[tuple[str, str, int, int]]:
    db.session.expire_all()
    themes = db.session.scalars(
        select(Theme).where(Theme.campaign_id == campaign.id).order_by(Theme.position)
    )
    return [(t.title, t.explanation, t.safety_field, t.bit) for t in themes]


def post(client, data: dict, url: str = URL):  # type: ignore[no-untyped-def]
    return client.post(url, data={"csrf_token": csrf_token(client, url), **data})


def hidden_text(page: str) -> str:
    match = re.search(r'<input type="hidden" name="text" value="([^"]*)"', page)
    assert match, "the preview carries the list to confirm"
    return unescape(match.group(1))


def test_the_preview_shows_what_will_be_added_and_why_not_and_stores_nothing(app, empty) -> None:
    staff = login_as(app.test_client(), "staff")
    response = post(staff, {"text": PASTE})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Deze 3 thema's worden toegevoegd" in page
    for title in ("Verkeersveiligheid", "Hondenpoep", "Jeugdoverlast"):
        assert title in page
    assert "uit de standaardlijst" in page  # Jeugdoverlast's field comes from the default list
    assert "3 regels worden niet toegevoegd" not in page and "2 regels worden niet" in page
    assert re.search(r"<th scope=\"row\">4</th><td>=HYPERLINK.*?als formule uitvoeren", page)
    assert re.search(r"<th scope=\"row\">6</th><td>Parkeren.*?Het VNG-veld ontbreekt", page)
    assert 'name="confirm" value="1"' in page and "Bevestigen en toevoegen" in page
    assert stored(empty) == []
    assert (
        db.session.scalar(
            select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "theme.create")
        )
        == 0
    )

    confirmed = post(staff, {"text": hidden_text(page), "confirm": "1"})
    assert confirmed.status_code == 303
    assert confirmed.headers["Location"].endswith("/staff/campaigns/leeg")
    assert stored(empty) == [
        ("Verkeersveiligheid", "Te hard rijden.", 4, 0),
        ("Hondenpoep", "Poep op de stoep.", 1, 1),
        ("Jeugdoverlast", "", 3, 2),
    ]
    assert "3 thema&#39;s toegevoegd" in staff.get("/staff/campaigns/leeg").get_data(as_text=True)


def test_the_default_list_is_offered_prefilled_and_imports_as_it_is(app, empty) -> None:
    staff = login_as(app.test_client(), "staff")
    page = staff.get(URL).get_data(as_text=True)
    assert "Standaardlijst invullen" in page and "?standaard=1" in page
    prefilled = staff.get(URL + "?standaard=1").get_data(as_text=True)
    textarea = re.search(r'<textarea[^>]*name="text"[^>]*>(.*?)</textarea>', prefilled, re.S)
    assert textarea and unescape(textarea.group(1)).strip() == default_text().strip()

    preview = post(staff, {"text": unescape(textarea.group(1))})
    assert preview.status_code == 200
    assert "Deze 12 thema's worden toegevoegd" in preview.get_data(as_text=True)
    assert stored(empty) == []
    done = post(staff, {"text": hidden_text(preview.get_data(as_text=True)), "confirm": "1"})
    assert done.status_code == 303
    themes = stored(empty)
    assert [(t, e, f) for t, e, f, _ in themes] == list(DEFAULT_THEMES)
    assert sorted(bit for *_, bit in themes) == list(range(12))
    assert [
        p
        for p in db.session.scalars(
            select(Theme.position).where(Theme.campaign_id == empty.id).order_by(Theme.position)
        )
    ] == list(range(1, 13))
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "theme.create"))
    assert len(list(events)) == 12
    assert "12 thema&#39;s toegevoegd" in staff.get("/staff/campaigns/leeg").get_data(as_text=True)


def test_imported_themes_come_after_the_existing_ones_with_free_bits(app, empty) -> None:
    staff = login_as(app.test_client(), "staff")
    assert (
        post(staff, {"text": "Eerste;;1\nTweede;;2\nDerde;;3", "confirm": "1"}).status_code == 303
    )
    first = db.session.scalar(select(Theme).where(Theme.title == "Tweede"))
    delete_url = f"/staff/campaigns/leeg/themes/{first.id}/delete"
    token = csrf_token(staff, "/staff/campaigns/leeg")
    assert staff.post(delete_url, data={"csrf_token": token}).status_code == 302  # frees bit 1
    page = post(staff, {"text": "eerste;;1\nVierde;;4"}).get_data(as_text=True)
    assert "De raadpleging heeft al een thema met deze titel." in page
    assert post(staff, {"text": "Vierde;;4\nVijfde;;5", "confirm": "1"}).status_code == 303
    assert [(t, b) for t, _, _, b in stored(empty)] == [
        ("Eerste", 0),
        ("Derde", 2),
        ("Vierde", 1),
        ("Vijfde", 3),
    ]


def test_a_csv_file_in_utf8_is_read_and_another_encoding_refused_whole(app, empty) -> None:
    from io import BytesIO

    staff = login_as(app.test_client(), "staff")
    csv_bytes = 'titel;uitleg;veld\nOverlast;"Lawaai; ruzie";1\nBrand;Brand in huis;4\n'
    upload = {"file": (BytesIO(b"\xef\xbb\xbf" + csv_bytes.encode()), "themas.csv")}
    preview = post(staff, upload)
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200 and "Lawaai; ruzie" in page
    assert stored(empty) == []
    assert post(staff, {"text": hidden_text(page), "confirm": "1"}).status_code == 303
    assert [t for t, *_ in stored(empty)] == ["Overlast", "Brand"]

    latin = {"file": (BytesIO("Inbraak;Woning ë;1\n".encode("cp1252")), "oud.csv")}
    refused = post(staff, latin)
    assert refused.status_code == 422
    assert "niet in UTF-8" in refused.get_data(as_text=True)
    assert len(stored(empty)) == 2


def test_nothing_to_add_is_a_422_with_the_reasons(app, empty) -> None:
    staff = login_as(app.test_client(), "staff")
    response = post(staff, {"text": "=1+1;x;1\n;uitleg;1\n" + "x" * 121 + ";;1"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'role="alert"' in page and "Geen enkele regel" in page
    assert "De titel is leeg." in page and "langer dan 120 tekens" in page
    assert post(staff, {"text": "=1+1;x;1", "confirm": "1"}).status_code == 422
    assert post(staff, {"text": "  \n"}).status_code == 422
    assert stored(empty) == []


def test_with_ballots_the_import_is_refused_whole(app, demo) -> None:
    assert send_ballot(app.test_client(), demo).status_code == 303
    staff = login_as(app.test_client(), "staff")
    url = "/staff/campaigns/demo/themes/import"
    before = len(demo.themes)
    locked = "Er is al gestemd, dus er kunnen geen thema&#39;s meer bij of af."
    page = staff.get(url).get_data(as_text=True)
    assert locked in page and 'name="text"' not in page
    response = post(staff, {"text": "Nieuw thema;;1", "confirm": "1"}, url)
    assert response.status_code == 409
    assert 'role="alert"' in response.get_data(as_text=True)
    assert locked in response.get_data(as_text=True)
    db.session.expire_all()
    assert (
        db.session.scalar(
            select(func.count()).select_from(Theme).where(Theme.campaign_id == demo.id)
        )
        == before
    )
    campaign_page = staff.get("/staff/campaigns/demo").get_data(as_text=True)
    assert "Thema's in één keer toevoegen" not in campaign_page


def test_viewers_may_not_import(app, empty) -> None:
    viewer = login_as(app.test_client(), "viewer")
    assert viewer.get(URL).status_code == 403
    token = csrf_token(viewer, "/staff/login")
    data = {"csrf_token": token, "text": "Iets;;1", "confirm": "1"}
    assert viewer.post(URL, data=data).status_code == 403
    assert stored(empty) == []
    page = viewer.get("/staff/campaigns/leeg").get_data(as_text=True)
    assert "in één keer toevoegen" not in page


def test_the_campaign_page_links_to_the_import_for_staff(app, empty) -> None:
    staff = login_as(app.test_client(), "staff")
    page = staff.get("/staff/campaigns/leeg").get_data(as_text=True)
    assert f'href="{URL}"' in page and "Thema's in één keer toevoegen" in page


def test_a_clash_while_storing_leaves_nothing_stored(app, empty, monkeypatch) -> None:
    """Two themes given the same bit (as a theme stored at the same moment would take it):
    the whole list is rolled back, not only the theme that clashed."""
    from participation.services.campaigns import themes

    monkeypatch.setattr(themes, "free_bit", lambda taken: 0)
    staff = login_as(app.test_client(), "staff")
    response = post(staff, {"text": "Een;;1\nTwee;;2\nDrie;;3", "confirm": "1"})
    assert response.status_code == 409
    assert "Er is niets toegevoegd" in response.get_data(as_text=True)
    assert stored(empty) == []
    assert (
        db.session.scalar(
            select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "theme.create")
        )
        == 0
    )
