"""The staff workspace: campaigns, themes, stands, roles and the audit log."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from participation.extensions import db
from participation.models import AuditEvent, Campaign, Stand, Theme
from tests.conftest import add_stand, csrf_token, login_as, send_ballot


def campaign_form(demo, **changes) -> dict:  # type: ignore[no-untyped-def]
    data = {
        "slug": "veiligheid-2027",
        "title": "Veiligheid in uw dorp",
        "intro": "Kies wat u belangrijk vindt.",
        "status": "draft",
        "opens_at": "",
        "closes_at": "",
        "min_picks": "6",
        "max_picks": "6",
        "ballots_per_device": "1",
        "villages": [area.id for area in demo.areas[:3]],
    }
    data.update(changes)
    return data


def audit_actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


# (method, url template, form fields or None, status for staff)
ROUTES = [
    ("GET", "/staff/campaigns/new", None, 200),
    ("POST", "/staff/campaigns/new", "campaign", 302),
    ("GET", "/staff/campaigns/demo", None, 200),
    ("GET", "/staff/campaigns/demo/edit", None, 200),
    ("POST", "/staff/campaigns/demo/edit", "edit", 302),
    ("POST", "/staff/campaigns/demo/themes", "theme", 302),
    ("GET", "/staff/campaigns/demo/themes/{theme}/edit", None, 200),
    ("POST", "/staff/campaigns/demo/themes/{theme}/edit", "theme", 302),
    ("POST", "/staff/campaigns/demo/themes/{theme}/delete", "confirm", 302),
    ("GET", "/staff/campaigns/demo/stands/new", None, 200),
    ("POST", "/staff/campaigns/demo/stands/new", "stand", 302),
    ("GET", "/staff/stands/{stand}", None, 200),
    ("POST", "/staff/stands/{stand}/extend", "extend", 302),
    ("POST", "/staff/stands/{stand}/revoke", "confirm", 302),
    ("GET", "/staff/stands/{stand}/paper", None, 200),
    ("POST", "/staff/stands/{stand}/paper", "paper", 302),
    ("POST", "/staff/stands/{stand}/close", "confirm", 302),
    ("GET", "/staff/stands/{stand}/live", None, 200),
    ("GET", "/staff/stands/{stand}/record", None, 200),
    ("GET", "/staff/campaigns/demo/remarks", None, 200),
    ("GET", "/staff/campaigns/demo/qr", None, 200),
    ("GET", "/staff/campaigns/demo/qr.svg", None, 200),
    ("GET", "/staff/campaigns/demo/print/poster-a4.pdf", None, 200),
    ("GET", "/staff/campaigns/demo/codes", None, 200),
    ("GET", "/staff/campaigns/demo/signals", None, 200),
    ("GET", "/staff/audit", None, 403),
]
READS = {
    "/staff/campaigns/demo",
    "/staff/stands/{stand}",
    "/staff/stands/{stand}/live",
    "/staff/stands/{stand}/record",
    "/staff/campaigns/demo/remarks",
    "/staff/campaigns/demo/qr",
    "/staff/campaigns/demo/qr.svg",
    "/staff/campaigns/demo/print/poster-a4.pdf",
    "/staff/campaigns/demo/signals",
}


def request_route(client, demo, method, url, fields):  # type: ignore[no-untyped-def]
    stand = add_stand(demo, "zuidhorn")
    url = url.format(theme=demo.themes[-1].id, stand=stand.id)
    if method == "GET":
        return client.get(url)
    token = csrf_token(client, "/staff/login") if fields else ""
    data = {
        "campaign": campaign_form(demo),
        "edit": campaign_form(demo, slug="demo", title="Nieuwe titel", status="open"),
        "theme": {
            "title": "Overlast",
            "explanation": "Last van buren.",
            "safety_field": "1",
            "position": "1",
        },
        "stand": {
            "village": demo.areas[0].id,
            "place": "Markt",
            "starts_at": "2027-03-01T09:00",
            "ends_at": "2027-03-01T13:00",
        },
        "extend": {"minutes": "30"},
        "confirm": {},
        "paper": {"participants": "10", **{f"theme_{t.id}": "3" for t in demo.themes}},
    }[fields]
    return client.post(url, data={"csrf_token": token, **data})


@pytest.mark.parametrize(
    ("method", "url", "fields", "staff_status"), ROUTES, ids=[f"{m} {u}" for m, u, _, _ in ROUTES]
)
def test_each_staff_route_for_anonymous_viewer_and_staff(
    app, demo, method, url, fields, staff_status
) -> None:
    anonymous = app.test_client()
    response = request_route(anonymous, demo, method, url, fields)
    assert response.status_code == 302
    assert "/staff/login" in response.headers["Location"]

    viewer = login_as(app.test_client(), "viewer")
    before = audit_actions()
    response = request_route(viewer, demo, method, url, fields)
    assert response.status_code == (200 if url in READS else 403)
    # A viewer changes nothing; downloading print is a read the audit log keeps.
    printed = ["print.download"] if "/print/" in url and url.endswith(".pdf") else []
    assert audit_actions() == before + printed

    staff = login_as(app.test_client(), "staff")
    response = request_route(staff, demo, method, url, fields)
    assert response.status_code == staff_status
    if method == "POST":
        assert len(audit_actions()) == len(before) + 1


def test_only_an_admin_reads_the_audit_log(app, demo) -> None:
    staff = login_as(app.test_client(), "staff")
    token = csrf_token(staff, "/staff/campaigns/new")
    staff.post("/staff/campaigns/new", data={"csrf_token": token, **campaign_form(demo)})
    admin = login_as(app.test_client(), "admin")
    page = admin.get("/staff/audit").get_data(as_text=True)
    assert "campaign.create" in page
    assert "staff@example.org" in page
    assert "campaign:veiligheid-2027" in page


def test_staff_create_and_edit_a_campaign(app, demo) -> None:
    staff = login_as(app.test_client(), "staff")
    token = csrf_token(staff, "/staff/campaigns/new")
    form = campaign_form(demo, opens_at="2027-03-01T09:00", closes_at="2027-04-01T17:00")
    response = staff.post("/staff/campaigns/new", data={"csrf_token": token, **form})
    assert response.headers["Location"].endswith("/staff/campaigns/veiligheid-2027")
    campaign = db.session.scalars(select(Campaign).where(Campaign.slug == "veiligheid-2027")).one()
    # Typed in Dutch local time (CET, UTC+1 in March), stored as UTC.
    assert campaign.opens_at.isoformat() == "2027-03-01T08:00:00"
    assert [a.name for a in campaign.areas] == sorted(a.name for a in demo.areas[:3])

    form = campaign_form(
        demo,
        title="Nieuwe titel",
        results_published="y",
        show_live_at_stand="y",
        ballots_per_device="4",
    )
    staff.post("/staff/campaigns/veiligheid-2027/edit", data={"csrf_token": token, **form})
    db.session.refresh(campaign)
    assert campaign.title == "Nieuwe titel"
    assert campaign.results_published
    assert campaign.show_live_at_stand
    assert campaign.ballots_per_device == 4
    event = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert event.action == "campaign.update"
    assert "title: 'Veiligheid in uw dorp' → 'Nieuwe titel'" in event.details


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"slug": "Met Spaties"}, "kleine letters"),
        ({"slug": "demo"}, "al in gebruik"),
        ({"min_picks": "6", "max_picks": "3"}, "minstens het minimum"),
        ({"title": ""}, "Vul een titel in."),
        ({"ballots_per_device": "12"}, "Vul een getal in van 1 tot en met 4."),
        ({"opens_at": "2027-03-02T09:00", "closes_at": "2027-03-01T09:00"}, "na de opening"),
    ],
)
def test_invalid_campaign_forms_say_why_in_dutch(app, demo, changes, message) -> None:
    staff = login_as(app.test_client(), "staff")
    token = csrf_token(staff, "/staff/campaigns/new")
    response = staff.post(
        "/staff/campaigns/new", data={"csrf_token": token, **campaign_form(demo, **changes)}
    )
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(Campaign).where(Campaign.slug == "veiligheid-2027")) is None


def cast_one(client, demo) -> None:  # type: ignore[no-untyped-def]
    assert send_ballot(client, demo).status_code == 303


def test_after_the_first_ballot_themes_and_pick_rule_are_locked(app, demo) -> None:
    staff = login_as(app.test_client(), "staff")
    cast_one(staff, demo)
    token = csrf_token(staff, "/staff/campaigns/demo")
    theme = demo.themes[0]
    response = staff.post(
        f"/staff/campaigns/demo/themes/{theme.id}/delete",
        data={"csrf_token": token},
        follow_redirects=True,
    )
    assert "er kunnen geen thema&#39;s meer bij of af" in response.get_data(as_text=True)
    assert db.session.get(Theme, theme.id) is not None

    form = campaign_form(
        demo, slug="demo", min_picks="3", max_picks="3", villages=[a.id for a in demo.areas]
    )
    response = staff.post("/staff/campaigns/demo/edit", data={"csrf_token": token, **form})
    assert response.status_code == 422
    assert "aantal te kiezen thema&#39;s" in response.get_data(as_text=True)
    db.session.refresh(demo)
    assert demo.max_picks == 6

    # Wording may still be corrected; the audit log keeps the old text.
    response = staff.post(
        f"/staff/campaigns/demo/themes/{theme.id}/edit",
        data={
            "csrf_token": token,
            "title": "Verkeer",
            "explanation": theme.explanation,
            "safety_field": "4",
            "position": "1",
        },
    )
    assert response.status_code == 302
    event = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert "title: 'Verkeersveiligheid' → 'Verkeer'" in event.details


def test_moving_a_theme_swaps_places(app, demo) -> None:
    staff = login_as(app.test_client(), "staff")
    token = csrf_token(staff, "/staff/campaigns/demo")
    first, third = demo.themes[0], demo.themes[2]
    staff.post(
        f"/staff/campaigns/demo/themes/{third.id}/edit",
        data={
            "csrf_token": token,
            "title": third.title,
            "explanation": third.explanation,
            "safety_field": str(third.safety_field),
            "position": "1",
        },
    )
    db.session.expire_all()
    assert (db.session.get(Theme, third.id).position, db.session.get(Theme, first.id).position) == (
        1,
        3,
    )


def test_a_stand_can_be_planned_extended_and_revoked(app, demo) -> None:
    staff = login_as(app.test_client(), "staff")
    token = csrf_token(staff, "/staff/campaigns/demo")
    response = staff.post(
        "/staff/campaigns/demo/stands/new",
        data={
            "csrf_token": token,
            "village": demo.areas[2].id,
            "place": "Dorpshuis De Kap",
            "starts_at": "2027-03-06T10:00",
            "ends_at": "2027-03-06T14:00",
        },
    )
    stand = db.session.scalars(select(Stand)).one()
    assert response.headers["Location"].endswith(f"/staff/stands/{stand.id}")
    assert (stand.starts_at.hour, stand.ends_at.hour) == (9, 13)  # CET → UTC
    assert len(stand.token) >= 40
    assert stand.kiosk_state() == "not_started"

    staff.post(f"/staff/stands/{stand.id}/extend", data={"csrf_token": token, "minutes": "45"})
    db.session.refresh(stand)
    assert (stand.ends_at.hour, stand.ends_at.minute) == (13, 45)

    staff.post(f"/staff/stands/{stand.id}/revoke", data={"csrf_token": token})
    db.session.refresh(stand)
    assert stand.kiosk_state() == "revoked"
    page = staff.get(f"/staff/stands/{stand.id}").get_data(as_text=True)
    assert "ingetrokken" in page
    assert audit_actions()[-3:] == ["stand.create", "stand.extend", "stand.revoke"]


def test_a_stand_must_end_after_it_starts(app, demo) -> None:
    staff = login_as(app.test_client(), "staff")
    token = csrf_token(staff, "/staff/campaigns/demo")
    response = staff.post(
        "/staff/campaigns/demo/stands/new",
        data={
            "csrf_token": token,
            "village": demo.areas[2].id,
            "place": "Markt",
            "starts_at": "2027-03-06T14:00",
            "ends_at": "2027-03-06T10:00",
        },
    )
    assert response.status_code == 422
    assert "Het einde moet na het begin liggen." in response.get_data(as_text=True)
    assert db.session.scalars(select(Stand)).first() is None


def test_a_stand_whose_time_is_over_is_planned_with_a_warning(app, demo) -> None:
    """The walk saved a stand of last week without a word; one entered afterwards for its
    paper count is allowed, so it is a warning, not a refusal."""
    staff = login_as(app.test_client(), "staff")
    token = csrf_token(staff, "/staff/campaigns/demo")
    for day, warned in (("2020-03-06", True), ("2099-03-06", False)):
        response = staff.post(
            "/staff/campaigns/demo/stands/new",
            data={
                "csrf_token": token,
                "village": demo.areas[2].id,
                "place": "Dorpshuis",
                "starts_at": f"{day}T10:00",
                "ends_at": f"{day}T14:00",
            },
        )
        assert response.status_code == 302
        page = staff.get(response.headers["Location"]).get_data(as_text=True)
        assert ("De tijd van deze stand is al voorbij" in page) is warned, day
