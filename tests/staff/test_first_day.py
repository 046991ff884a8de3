"""A new install's first day: the checklist, the test e-mail, the e-mail offer's gate."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from participation import create_app
from participation.extensions import db
from participation.i18n import MissingCatalogues, missing_catalogues
from participation.models import AuditEvent, Campaign, Municipality, StaffUser
from participation.services.accounts import create_user
from tests.conftest import csrf_token, login_as


def setup_lines(page: str) -> list[str]:
    start = page.index('class="setup-checklist"')
    return [part.split("</li>")[0] for part in page[start:].split("<li")[1:8]]


def offer_email(client, demo, title: str) -> dict:  # type: ignore[no-untyped-def]
    """The demo campaign's edit form as sent with the e-mail offer switched on."""
    return {
        "csrf_token": csrf_token(client, "/staff/campaigns/demo/edit"),
        "slug": "demo",
        "title": title,
        "intro": demo.intro,
        "status": "open",
        "min_picks": "6",
        "max_picks": "6",
        "ballots_per_device": "1",
        "keep_informed": "y",
        "villages": [str(area.id) for area in demo.areas],
    }


def test_a_fresh_install_shows_its_checklist_and_no_demo_name(app, client) -> None:
    """No seed-demo: the production default name is neutral and every step links onwards."""
    app.config["MUNICIPALITY_NAME"] = ""
    login_as(client, "admin")
    page = client.get("/staff/").get_data(as_text=True)
    assert "Westerkwartier" not in page
    assert "Uw gemeente" in page
    assert "Deze installatie inrichten" in page
    lines = setup_lines(page)
    assert len(lines) == 7
    assert "nog doen" in lines[0] and "PUBLIC_BASE_URL" in lines[0]
    assert 'href="/staff/municipality"' in lines[1] and "nog doen" in lines[1]
    assert 'href="/staff/villages"' in lines[2] and "nog doen" in lines[2]
    assert 'href="/staff/accounts"' in lines[3] and "nog doen" in lines[3]
    assert 'href="/staff/setup#mail"' in lines[4] and "nog doen" in lines[4]
    assert "klaar" in lines[5]  # the test set-up compiles the catalogues
    assert 'href="/staff/setup#backup"' in lines[6] and "nog doen" in lines[6]
    setup = client.get("/staff/setup")
    assert setup.status_code == 200
    assert "Stuur mij een test-e-mail" in setup.get_data(as_text=True)


def test_the_checklist_disappears_once_everything_is_done(app, client, demo) -> None:
    from datetime import datetime

    from participation.services import municipality

    app.config["PUBLIC_BASE_URL"] = "https://stem.westerkwartier.nl"
    login_as(client, "admin")
    admin = db.session.scalar(select(StaffUser).where(StaffUser.email == "admin@example.org"))
    create_user("tweede@example.org", "een-lang-wachtwoord", "staff")
    from tests.staff.test_municipality import png_logo

    logo = png_logo()
    municipality.save(
        municipality.LookInput("Gemeente Westerkwartier", "#00567a", "", "", logo), admin
    )
    row = db.session.scalar(select(Municipality))
    row.mail_tested_at = row.backup_made_at = datetime(2026, 12, 1)
    db.session.commit()
    page = client.get("/staff/").get_data(as_text=True)
    assert "Deze installatie inrichten" not in page
    lines = setup_lines(client.get("/staff/setup").get_data(as_text=True))
    assert all("klaar" in line for line in lines), lines


def test_the_test_mail_reaches_the_admin_and_ticks_the_line(app, client, smtp_server) -> None:
    login_as(client, "admin")
    token = csrf_token(client, "/staff/setup")
    response = client.post("/staff/setup/test-mail", data={"csrf_token": token})
    assert response.status_code == 303
    assert len(smtp_server) == 1
    message = smtp_server[0]
    assert message["Subject"] == "Test-e-mail van de participatie-app"
    assert "mailserver (127.0.0.1:" in message.get_content()
    assert db.session.scalar(select(Municipality.mail_tested_at)) is not None
    assert db.session.scalar(
        select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "mail.test")
    )
    page = client.get("/staff/setup").get_data(as_text=True)
    assert "Er is een test-e-mail verstuurd naar" in page
    assert "klaar" in setup_lines(page)[4]


def test_with_the_mail_server_down_the_test_says_so_and_nothing_is_switched_on(
    app, client, demo
) -> None:
    state = app.extensions["mail"]
    saved = (state.server, state.port, state.suppress)
    state.server, state.port, state.suppress = "127.0.0.1", 9, False  # nothing listens
    try:
        login_as(client, "admin")
        token = csrf_token(client, "/staff/setup")
        response = client.post(
            "/staff/setup/test-mail", data={"csrf_token": token}, follow_redirects=True
        )
    finally:
        state.server, state.port, state.suppress = saved
    page = response.get_data(as_text=True)
    assert (
        "De mailserver (127.0.0.1:9) heeft de test-e-mail niet aangenomen: daar antwoordde "
        "niets (MAIL_SERVER en MAIL_PORT)."
    ) in page
    assert "Error" not in page.split("<main", 1)[1]  # no exception names for staff
    assert db.session.scalar(select(Municipality.mail_tested_at)) is None
    # The e-mail offer stays off: switching it on is refused, and nothing else is saved.
    form = client.get("/staff/campaigns/demo/edit").get_data(as_text=True)
    data = offer_email(client, demo, title="Nieuwe titel die niet mag blijven")
    assert "keep_informed" in form
    refused = client.post("/staff/campaigns/demo/edit", data=data)
    assert refused.status_code == 422
    assert "nadat er een test-e-mail is verstuurd" in refused.get_data(as_text=True)
    db.session.expire_all()
    campaign = db.session.scalar(select(Campaign).where(Campaign.slug == "demo"))
    assert campaign.keep_informed is False
    assert campaign.title != "Nieuwe titel die niet mag blijven"


def test_after_a_test_mail_the_offer_can_be_switched_on(app, client, demo, smtp_server) -> None:
    login_as(client, "admin")
    client.post("/staff/setup/test-mail", data={"csrf_token": csrf_token(client, "/staff/setup")})
    data = offer_email(client, demo, title=demo.title)
    assert client.post("/staff/campaigns/demo/edit", data=data).status_code == 302
    db.session.expire_all()
    assert db.session.scalar(select(Campaign.keep_informed).where(Campaign.slug == "demo"))


def test_production_refuses_to_start_without_compiled_catalogues(tmp_path, monkeypatch) -> None:
    """Without them every page would silently be English: the start names the command."""
    from config import ProductionConfig

    monkeypatch.setattr("participation.i18n.missing_catalogues", lambda app: ["nl", "pl"])
    with pytest.raises(MissingCatalogues, match="pybabel compile -d participation/translations"):
        create_app(
            ProductionConfig,
            SECRET_KEY="x" * 40,
            PUBLIC_BASE_URL="https://stem.example.nl",
            SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'p.sqlite'}",
        )


def test_the_catalogues_are_found_where_babel_reads_them(app) -> None:
    assert missing_catalogues(app) == []


def test_a_campaign_form_without_villages_says_where_to_add_them(app, client) -> None:
    login_as(client, "staff")
    page = client.get("/staff/campaigns/new").get_data(as_text=True)
    assert "Er zijn nog geen dorpen." in page
    assert 'href="/staff/villages"' in page


def test_a_failed_test_mail_undoes_an_earlier_success(app, client, smtp_server) -> None:
    """The checklist and the e-mail offer's gate follow the latest test, not the first."""
    login_as(client, "admin")
    token = csrf_token(client, "/staff/setup")
    client.post("/staff/setup/test-mail", data={"csrf_token": token})
    assert db.session.scalar(select(Municipality.mail_tested_at)) is not None
    state = app.extensions["mail"]
    state.port = 9  # the mail server went away
    page = client.post(
        "/staff/setup/test-mail", data={"csrf_token": token}, follow_redirects=True
    ).get_data(as_text=True)
    db.session.expire_all()
    assert db.session.scalar(select(Municipality.mail_tested_at)) is None
    assert "nog doen" in setup_lines(page)[4]
    actions = db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions[-2:] == ["mail.test", "mail.test_failed"]


def test_the_test_mail_is_no_mail_cannon(app, client, smtp_server) -> None:
    app.config["STAFF_MAIL_RATE_LIMIT"] = "2 per minute"
    login_as(client, "admin")
    token = csrf_token(client, "/staff/setup")
    answers = [
        client.post("/staff/setup/test-mail", data={"csrf_token": token}).status_code
        for _ in range(3)
    ]
    assert answers == [303, 303, 429]
    assert len(smtp_server) == 2
