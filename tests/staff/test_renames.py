"""A printed link keeps working: earlier short names of a campaign redirect to it (308)."""

from __future__ import annotations

from participation.extensions import db
from participation.models import Campaign
from tests.conftest import csrf_token, login_as, send_ballot
from tests.staff.test_workspace import campaign_form


def rename(staff, demo, new_slug: str, **extra: str):  # type: ignore[no-untyped-def]
    token = csrf_token(staff, f"/staff/campaigns/{demo.slug}/edit")
    form = campaign_form(demo, slug=new_slug, title=demo.title, status="open")
    form["villages"] = [area.id for area in demo.areas]
    return staff.post(
        f"/staff/campaigns/{demo.slug}/edit", data={**form, "csrf_token": token, **extra}
    )


def test_an_earlier_short_name_leads_to_the_campaign(app, demo) -> None:
    staff = login_as(app.test_client(), "staff")
    assert rename(staff, demo, "veilig-2027").status_code == 302
    resident = app.test_client()
    moved = resident.get("/v/demo?dorp=leek&bron=poster-leek")
    assert moved.status_code == 308
    assert moved.headers["Location"] == "/v/veilig-2027?dorp=leek&bron=poster-leek"
    page = resident.get("/v/demo?dorp=leek", follow_redirects=True)
    assert page.status_code == 200 and 'value="leek" selected' in page.get_data(as_text=True)
    assert resident.get("/results/demo/openbaar").status_code == 308
    assert resident.get("/api/v1/campaigns/demo/results").status_code == 308
    # A ballot sent from a page opened before the rename is redirected with its body (308).
    db.session.expire_all()
    renamed = db.session.get(Campaign, demo.id)
    old = send_ballot(app.test_client(), renamed, village="leek")
    assert old.status_code == 303
    stray = app.test_client().post("/v/demo", data={"village": "leek"})
    assert stray.status_code == 308 and stray.headers["Location"] == "/v/veilig-2027"
    assert app.test_client().get("/v/nooit-gebruikt").status_code == 404


def test_a_rename_after_ballots_asks_first_and_the_old_name_stays_taken(app, demo) -> None:
    assert send_ballot(app.test_client(), demo).status_code == 303
    staff = login_as(app.test_client(), "staff")
    asked = rename(staff, demo, "veilig-2027")
    assert asked.status_code == 422
    assert "oude naam" in asked.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Campaign, demo.id).slug == "demo"
    assert rename(staff, demo, "veilig-2027", confirm_rename="y").status_code == 302
    # Another campaign cannot take the old name: its posters still point here.
    token = csrf_token(staff, "/staff/campaigns/new")
    taken = staff.post(
        "/staff/campaigns/new", data={**campaign_form(demo, slug="demo"), "csrf_token": token}
    )
    assert taken.status_code == 422
    assert "al in gebruik" in taken.get_data(as_text=True)


def test_renaming_back_makes_the_first_name_the_real_one_again(app, demo) -> None:
    staff = login_as(app.test_client(), "staff")
    assert rename(staff, demo, "tijdelijk").status_code == 302
    db.session.expire_all()
    renamed = db.session.get(Campaign, demo.id)
    assert rename(staff, renamed, "demo").status_code == 302
    assert app.test_client().get("/v/demo").status_code == 200
    assert app.test_client().get("/v/tijdelijk").status_code == 308
