"""A region's coordinator or police partner needs no municipality: the operator gives the
scope to a new address, the invitation is mailed from the region, its link opens on the
region's host only, and the login then has no rights in any municipality. Deactivating a
municipal membership of someone with a region scope leaves the region login working."""

from __future__ import annotations

import re
import socket

from sqlalchemy import select

from participation.extensions import db
from participation.models import RegionScope, StaffMembership, StaffUser
from participation.services import accounts
from participation.services.accounts import create_user
from participation.services.regions import access, setup
from tests.conftest import csrf_token
from tests.factories import client_on, make_region, make_tenant
from tests.region.test_install_regions import PASSWORD, _operator, _post

REGION_HOST = "zuidwest-drenthe.localhost"
PARTNER = "basisteam@politie.example"
NEW_PASSWORD = "blauwe-fiets-bij-de-brink"


def _login(email: str) -> StaffUser | None:
    db.session.expire_all()
    return db.session.scalar(select(StaffUser).where(StaffUser.email == email))


def test_a_partner_without_a_municipality_is_invited_to_the_region(
    app, client, smtp_server
) -> None:
    other = make_tenant()
    region_id = make_region(host=REGION_HOST, members=(other,))
    _operator(client)
    refused = _post(
        client, "/staff/install/regions/zuidwest-drenthe/scope", email="geen adres", scope="partner"
    )
    assert refused.status_code == 400 and _login("geen adres") is None and smtp_server == []
    assert "Vul een e-mailadres in zoals naam@gemeente.nl." in refused.get_data(as_text=True)
    answer = _post(
        client, "/staff/install/regions/zuidwest-drenthe/scope", email=PARTNER, scope="partner"
    )
    assert answer.status_code == 303
    assert "een e-mail vraagt de persoon een wachtwoord te kiezen" in client.get(
        answer.headers["Location"]
    ).get_data(as_text=True)
    partner = _login(PARTNER)
    assert partner is not None and partner.invite_pending
    assert access.scope_of(partner.id, region_id) is RegionScope.PARTNER
    assert (
        db.session.scalars(
            select(StaffMembership).where(StaffMembership.user_id == partner.id)
        ).all()
        == []
    )
    (message,) = smtp_server
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert message["To"] == PARTNER and "Zuidwest-Drenthe" in body
    assert body.startswith("Goedendag,")  # a colleague, not "Beste inwoner"
    link = re.search(r"http://\S+/regio/staff/welcome/\S+", body)
    assert link is not None and link.group(0).startswith(f"http://{REGION_HOST}")
    path = "/" + link.group(0).split("/", 3)[3]
    # The link names nobody on a municipality's host (the staff pages' own link is elsewhere).
    token = path.rsplit("/", 1)[1]
    assert client_on(app, "westerveld.localhost").get(f"/staff/welcome/{token}").status_code == 404
    browser = client_on(app, REGION_HOST)
    page = browser.get(path)
    assert page.status_code == 200 and "Kies uw wachtwoord" in page.get_data(as_text=True)
    data = {"csrf_token": csrf_token(browser, path)}
    weak = browser.post(path, data={**data, "password": "kort", "password_confirm": "kort"})
    assert weak.status_code == 422 and _login(PARTNER).invite_pending
    chosen = {**data, "password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD}
    done = browser.post(path, data=chosen)
    assert done.status_code == 303 and done.headers["Location"].endswith("/regio/")
    assert "Partneroverzicht" in browser.get("/regio/").get_data(as_text=True)
    assert browser.get(path).status_code == 404  # the link works once
    # No rights in the municipality: its login refuses the partner.
    there = client_on(app, "westerveld.localhost")
    form = {"csrf_token": csrf_token(there, "/staff/login"), "email": PARTNER}
    assert there.post("/staff/login", data={**form, "password": NEW_PASSWORD}).status_code == 401


def test_ending_a_membership_leaves_a_region_login_working(app, client) -> None:
    region_id = make_region(host=REGION_HOST, members=())
    create_user("agent@politie.example", PASSWORD, "viewer")  # invited here once, as a viewer
    agent = _login("agent@politie.example")
    setup.grant(agent, "zuidwest-drenthe", RegionScope.PARTNER, None)
    admin = create_user("beheer@example.org", PASSWORD, "admin")
    assert accounts.deactivate(agent, admin) is True  # only the membership here ended
    agent = _login("agent@politie.example")
    assert agent.active
    memberships = select(StaffMembership).where(StaffMembership.user_id == agent.id)
    assert db.session.scalars(memberships).all() == []
    assert access.scope_of(agent.id, region_id) is RegionScope.PARTNER
    browser = client_on(app, REGION_HOST)
    data = {"csrf_token": csrf_token(browser, "/regio/login"), "email": "agent@politie.example"}
    assert browser.post("/regio/login", data={**data, "password": PASSWORD}).status_code == 302


def test_an_existing_login_given_a_scope_hears_where_to_log_in(app, client, smtp_server) -> None:
    """A municipality's colleague made coordinator learns of it from the region's mail, and
    logs in there with the password they have; with the mail server away nothing is given."""
    region_id = make_region(host=REGION_HOST, members=())
    create_user("veiligheid@westerveld.example", PASSWORD, "staff")
    colleague = _login("veiligheid@westerveld.example")
    _operator(client)
    mail = app.extensions["mail"]
    working_port = mail.port
    with socket.socket() as probe:  # a port nobody listens on: the mail server is away
        probe.bind(("127.0.0.1", 0))
        mail.port = probe.getsockname()[1]
    scope = "/staff/install/regions/zuidwest-drenthe/scope"
    away = _post(client, scope, email=colleague.email, scope="coordinator")
    assert away.status_code == 503 and access.scope_of(colleague.id, region_id) is None
    assert "De e-mail kon niet worden verstuurd" in away.get_data(as_text=True)
    mail.port = working_port
    answer = _post(client, scope, email=colleague.email, scope="coordinator")
    assert answer.status_code == 303
    assert "een e-mail vertelt de persoon waar die inlogt" in client.get(
        answer.headers["Location"]
    ).get_data(as_text=True)
    assert access.scope_of(colleague.id, region_id) is RegionScope.COORDINATOR
    (message,) = smtp_server
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert message["To"] == colleague.email
    assert message["Subject"] == "U werkt nu ook voor de regio Zuidwest-Drenthe"
    assert "als coördinator" in body and "wachtwoord die u al hebt" in body
    link = re.search(r"http://\S+/regio/login", body)
    assert link is not None and link.group(0) == f"http://{REGION_HOST}/regio/login"
    browser = client_on(app, REGION_HOST)
    data = {"csrf_token": csrf_token(browser, "/regio/login"), "email": colleague.email}
    assert browser.post("/regio/login", data={**data, "password": PASSWORD}).status_code == 302
    # The same scope again (a form sent twice) mails nobody again; a changed one does.
    assert _post(client, scope, email=colleague.email, scope="coordinator").status_code == 303
    assert len(smtp_server) == 1
    assert _post(client, scope, email=colleague.email, scope="partner").status_code == 303
    assert len(smtp_server) == 2 and "als partner" in smtp_server[1].get_content()


def test_a_login_still_to_choose_its_password_gets_the_invitation_from_the_region(
    app, client, smtp_server
) -> None:
    region_id = make_region(host=REGION_HOST, members=())
    _operator(client)
    invited = accounts.invite_login("nieuw@politie.example", lambda e, **v: f"/{e}", "x")
    db.session.commit()
    answer = _post(
        client,
        "/staff/install/regions/zuidwest-drenthe/scope",
        email=invited.email,
        scope="partner",
    )
    assert answer.status_code == 303
    assert access.scope_of(invited.id, region_id) is RegionScope.PARTNER
    body = smtp_server[-1].get_body(preferencelist=("plain",)).get_content()
    link = re.search(r"http://\S+/regio/staff/welcome/\S+", body)
    assert link is not None and link.group(0).startswith(f"http://{REGION_HOST}/")
    page = client_on(app, REGION_HOST).get("/" + link.group(0).split("/", 3)[3])
    assert page.status_code == 200 and "Kies uw wachtwoord" in page.get_data(as_text=True)
