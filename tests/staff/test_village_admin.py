"""Staff add, rename, retire, merge and delete villages in the browser; refusals store nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from participation.extensions import db
from participation.models import Area, AreaSlugAlias, AuditEvent, Ballot
from tests.conftest import csrf_token, login_as, send_ballot


def village(slug: str) -> Area | None:
    return db.session.scalar(select(Area).where(Area.slug == slug))


def villages() -> int:
    return db.session.scalar(select(func.count()).select_from(Area)) or 0


def actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


@pytest.fixture
def staff(app, demo):  # type: ignore[no-untyped-def]
    return login_as(app.test_client(), "staff")


def add(client, **fields: str):  # type: ignore[no-untyped-def]
    data = {"csrf_token": csrf_token(client, "/staff/villages/new"), **fields}
    return client.post("/staff/villages/new", data=data)


def edit(client, area: Area, **fields: str):  # type: ignore[no-untyped-def]
    url = f"/staff/villages/{area.id}"
    data = {
        "csrf_token": csrf_token(client, url),
        "name": area.name,
        "slug": area.slug,
        "population": "" if area.population is None else str(area.population),
        "postcodes": area.postcodes,
        **fields,
    }
    return client.post(url, data=data)


def test_the_list_shows_every_village_with_its_votes_and_actions(app, demo, staff) -> None:
    send_ballot(app.test_client(), demo, village="marum")
    page = staff.get("/staff/villages").get_data(as_text=True)
    marum = village("marum")
    assert "Marum" in page and "<code>marum</code>" in page
    assert f'href="/staff/villages/{marum.id}"' in page
    assert "Dorp toevoegen" in page and "/staff/villages/import" in page


def test_add_a_village_makes_its_short_name_from_the_name(staff) -> None:
    response = add(staff, name="Oude Pekela", population="7.300", postcodes="9665, 9666")
    assert response.status_code == 303 and response.headers["Location"] == "/staff/villages"
    area = village("oude-pekela")
    assert (area.name, area.population, area.postcodes, area.kind) == (
        "Oude Pekela",
        7300,
        "9665 9666",
        "village",
    )
    assert "Oude Pekela is toegevoegd." in staff.get("/staff/villages").get_data(as_text=True)
    assert add(staff, name="Ezinge").status_code == 303 and village("ezinge") is not None
    assert actions().count("area.create") == 2


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": "leek"}, "Er is al een dorp met de naam Leek."),
        ({"name": "Nieuw", "slug": "marum"}, "Marum heeft (of had) deze korte naam."),
        ({"name": "Nieuw", "postcodes": "935"}, "Geef postcodes van 4 cijfers"),
        ({"name": "Nieuw", "population": "12,5"}, "Geef het aantal inwoners als heel getal."),
        ({"name": "Nieuw", "population": "-5"}, "mag niet beginnen met"),
        ({"name": ""}, "Geef de naam van het dorp."),
        ({"name": "x" * 121}, "Gebruik hoogstens 120 tekens."),
        ({"name": "Nieuw", "slug": "Nieuw Dorp!"}, "Gebruik 2 tot 60 kleine letters"),
        ({"name": "Elders"}, "Deze korte naam staat voor"),
        ({"name": "=HYPERLINK(1)"}, "mag niet beginnen met"),
    ],
)
def test_a_refused_village_says_why_in_dutch_and_stores_nothing(
    staff, fields: dict[str, str], message: str
) -> None:
    before = villages()
    response = add(staff, **fields)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert villages() == before


def test_every_problem_is_named_at_once(staff) -> None:
    response = add(staff, name="Leek", population="12,5")
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Er is al een dorp met de naam Leek." in page
    assert "Geef het aantal inwoners als heel getal." in page


def test_a_postcode_of_another_village_is_refused(staff) -> None:
    leek = village("leek")
    edit(staff, leek, postcodes="9351")
    response = add(staff, name="Nieuw", postcodes="9351 9999")
    assert response.status_code == 422
    assert "Postcode 9351 hoort al bij Leek." in response.get_data(as_text=True)
    assert village("nieuw") is None


def test_a_nul_byte_is_never_stored(staff) -> None:
    assert add(staff, name="Nieuw\x00dorp").status_code == 303
    assert village("nieuwdorp").name == "Nieuwdorp"  # the input gate strips it


def test_rename_keeps_the_old_short_name_for_printed_qr_codes(app, demo, staff) -> None:
    leek = village("leek")
    response = edit(staff, leek, name="Leek-Tolbert", slug="leek-tolbert")
    assert response.status_code == 303
    db.session.refresh(leek)
    assert (leek.name, leek.slug) == ("Leek-Tolbert", "leek-tolbert")
    assert db.session.scalar(select(AreaSlugAlias.area_id).where(AreaSlugAlias.slug == "leek"))
    assert "area.rename" in actions()
    assert "Eerdere korte namen: leek" in staff.get(f"/staff/villages/{leek.id}").get_data(
        as_text=True
    )
    ballot = app.test_client().get(f"/v/{demo.slug}?dorp=leek").get_data(as_text=True)
    assert 'value="leek-tolbert" checked' in ballot or 'value="leek-tolbert" selected' in ballot
    sent = send_ballot(app.test_client(), demo, village="leek")
    assert sent.status_code == 303
    counted = select(func.count()).select_from(Ballot).where(Ballot.area_id == leek.id)
    assert db.session.scalar(counted) == 1
    # Renaming back to the old short name works, and the newer one is kept in turn.
    assert edit(staff, leek, name="Leek", slug="leek").status_code == 303
    db.session.refresh(leek)
    assert leek.slug == "leek"
    aliases = set(db.session.scalars(select(AreaSlugAlias.slug)))
    assert "leek-tolbert" in aliases and "leek" not in aliases
    # Another village cannot take an earlier short name.
    assert add(staff, name="Nog een", slug="leek-tolbert").status_code == 422


def test_the_edit_form_refuses_in_dutch_and_keeps_the_village(staff) -> None:
    marum = village("marum")
    response = edit(staff, marum, name="Leek")
    assert response.status_code == 422
    assert "Er is al een dorp met de naam Leek." in response.get_data(as_text=True)
    db.session.refresh(marum)
    assert marum.name == "Marum"
    assert staff.get("/staff/villages/999999").status_code == 404


def test_retire_and_bring_back(app, demo, staff) -> None:
    marum = village("marum")
    url = f"/staff/villages/{marum.id}"
    token = csrf_token(staff, url)
    assert staff.post(f"{url}/retire", data={"csrf_token": token}).status_code == 303
    db.session.refresh(marum)
    assert marum.retired_at is not None
    page = staff.get("/staff/villages").get_data(as_text=True)
    assert "Dorpen buiten gebruik" in page and "(buiten gebruik)" in page
    new_campaign = staff.get("/staff/campaigns/new").get_data(as_text=True)
    assert ">Marum<" not in new_campaign  # not offered for a new campaign
    edit_demo = staff.get(f"/staff/campaigns/{demo.slug}/edit").get_data(as_text=True)
    assert ">Marum<" in edit_demo  # still in the campaign that has it
    assert send_ballot(app.test_client(), demo, village="marum").status_code == 303
    assert staff.post(f"{url}/reactivate", data={"csrf_token": token}).status_code == 303
    db.session.refresh(marum)
    assert marum.retired_at is None
    assert actions()[-2:] == ["area.retire", "area.reactivate"]


def test_delete_only_an_unused_village(app, demo, staff) -> None:
    send_ballot(app.test_client(), demo, village="marum")
    marum = village("marum")
    url = f"/staff/villages/{marum.id}"
    refused = staff.post(f"{url}/delete", data={"csrf_token": csrf_token(staff, url)})
    assert refused.status_code == 422
    assert "Dit dorp heeft stemmen; u kunt het alleen buiten gebruik stellen." in (
        refused.get_data(as_text=True)
    )
    assert village("marum") is not None
    add(staff, name="Ezinge")
    ezinge = village("ezinge")
    url = f"/staff/villages/{ezinge.id}"
    deleted = staff.post(f"{url}/delete", data={"csrf_token": csrf_token(staff, url)})
    assert deleted.status_code == 303 and village("ezinge") is None
    assert "area.delete" in actions()


def test_merge_from_the_edit_page(app, demo, staff) -> None:
    send_ballot(app.test_client(), demo, village="marum")
    marum, leek = village("marum"), village("leek")
    url = f"/staff/villages/{marum.id}"
    page = staff.get(url).get_data(as_text=True)
    assert 'name="into"' in page and "kan niet ongedaan" in page
    token = csrf_token(staff, url)
    unsure = staff.post(f"{url}/merge", data={"csrf_token": token, "into": str(leek.id)})
    assert unsure.status_code == 422 and village("marum") is not None
    assert "Vink aan dat u de dorpen wilt samenvoegen" in unsure.get_data(as_text=True)
    sure = {"csrf_token": token, "sure": "y"}
    itself = staff.post(f"{url}/merge", data={**sure, "into": str(marum.id)})
    assert itself.status_code == 422 and "met zichzelf" in itself.get_data(as_text=True)
    missing = staff.post(f"{url}/merge", data={**sure, "into": "999999"})
    assert missing.status_code == 422 and village("marum") is not None
    merged = staff.post(f"{url}/merge", data={**sure, "into": str(leek.id)})
    assert merged.status_code == 303 and village("marum") is None
    counted = select(func.count()).select_from(Ballot).where(Ballot.area_id == leek.id)
    assert db.session.scalar(counted) == 1
    assert "area.merge" in actions()
    ballot = app.test_client().get(f"/v/{demo.slug}?dorp=marum").get_data(as_text=True)
    assert 'value="leek" checked' in ballot or 'value="leek" selected' in ballot


def test_viewers_may_not_change_villages(app, demo) -> None:
    viewer = login_as(app.test_client(), "viewer")
    token = csrf_token(viewer, "/staff/login")
    before = villages()
    response = viewer.post("/staff/villages/new", data={"csrf_token": token, "name": "Nieuw"})
    assert response.status_code == 403 and villages() == before


def test_a_village_only_in_a_campaign_says_how_it_can_be_deleted(app, demo, staff) -> None:
    """Marum has no votes yet, only the demo campaign lists it: the page says what to do."""
    marum = village("marum")
    url = f"/staff/villages/{marum.id}"
    page = staff.get(url).get_data(as_text=True)
    assert "Alleen 1 raadpleging heeft dit dorp" in page
    refused = staff.post(f"{url}/delete", data={"csrf_token": csrf_token(staff, url)})
    assert refused.status_code == 422
    assert "Haal dit dorp eerst uit zijn raadplegingen" in refused.get_data(as_text=True)
    assert village("marum") is not None
