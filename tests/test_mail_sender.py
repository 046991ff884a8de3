"""Each municipality's mail comes From its own sender (else MAIL_DEFAULT_SENDER); its retention."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import select

from participation import tenancy
from participation.extensions import db
from participation.models import AuditEvent, FollowUp, Municipality, StaffUser
from participation.services.accounts import create_user
from participation.services.outcome import mail_jobs
from participation.timeutil import local_today
from tests.conftest import FIRST_MUNICIPALITY, csrf_token, login_as
from tests.factories import client_on, make_tenant
from tests.staff.test_municipality import HOUSE

OURS = "noreply@westerkwartier.nl"
THEIRS = "veiligheid@westerveld.nl"
OTHER_HOST = "westerveld.localhost"


def _settings(admin, **fields: str):  # type: ignore[no-untyped-def]
    data = {
        "csrf_token": csrf_token(admin, "/staff/municipality"),
        "name": "Gemeente Westerkwartier",
        "house_colour": HOUSE,
        "contact_line": "",
        "privacy_contact": "",
        **fields,
    }
    return admin.post("/staff/municipality", data=data, content_type="multipart/form-data")


def _row(municipality: int = FIRST_MUNICIPALITY) -> Municipality:
    db.session.expire_all()
    found = db.session.get(Municipality, municipality)
    assert found is not None
    return found


def _default_sender(app: Flask) -> str:
    return str(app.extensions["mail"].default_sender)


def _invite(client, email: str):  # type: ignore[no-untyped-def]
    token = csrf_token(client, "/staff/accounts")
    return client.post(
        "/staff/accounts/invite",
        data={"csrf_token": token, "email": email, "display_name": "", "role": "staff"},
    )


def test_an_admin_sets_the_sender_and_the_retention(app) -> None:
    admin = login_as(app.test_client(), "admin")
    saved = _settings(admin, mail_sender=f" {OURS} ", retention_days="90")
    assert saved.status_code == 303
    row = _row()
    assert (row.mail_sender, row.retention_days) == (OURS, 90)
    page = admin.get("/staff/municipality").get_data(as_text=True)
    assert "Afzender van e-mail" in page and f'value="{OURS}"' in page and 'value="90"' in page
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "municipality.save")
    ).one()
    assert f"mail_sender: '' → '{OURS}'" in event.details
    assert "retention_days: None → 90" in event.details
    # Emptied again: the install's settings.
    assert _settings(admin, mail_sender="", retention_days="").status_code == 303
    row = _row()
    assert (row.mail_sender, row.retention_days) == ("", None)


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"mail_sender": "geen adres"}, "mail_sender", "zoals noreply@gemeente.nl"),
        ({"mail_sender": "jörg@westerkwartier.nl"}, "mail_sender", "zonder accenten"),
        ({"mail_sender": "a@" + "b" * 260 + ".nl"}, "mail_sender", "Gebruik hoogstens 254"),
        ({"retention_days": "10"}, "retention_days", "Vul een getal in van 30 tot en met 3650"),
        ({"retention_days": "99999"}, "retention_days", "van 30 tot en met 3650"),
        ({"retention_days": "een jaar"}, "retention_days", "Vul een heel getal in"),
    ],
)
def test_a_wrong_sender_or_retention_is_told_and_nothing_is_stored(
    app, fields, field, message
) -> None:
    admin = login_as(app.test_client(), "admin")
    answer = _settings(admin, **{"name": "Gemeente Anders", "retention_days": "90", **fields})
    assert answer.status_code == 422
    text = answer.get_data(as_text=True)
    block = text.split(f'id="{field}-field"', 1)[1].split("</div>", 1)[0]
    assert message in block
    row = _row()
    assert (row.name, row.mail_sender, row.retention_days) == ("", "", None)


def test_invites_and_the_test_mail_come_from_the_municipalitys_sender(
    app, client, smtp_server
) -> None:
    admin = login_as(client, "admin")
    assert _invite(admin, "eerst@example.org").status_code == 303
    assert _settings(admin, mail_sender=OURS).status_code == 303
    assert _invite(admin, "daarna@example.org").status_code == 303
    token = csrf_token(admin, "/staff/setup")
    assert admin.post("/staff/setup/test-mail", data={"csrf_token": token}).status_code == 303
    first = db.session.scalar(select(StaffUser.id).where(StaffUser.email == "eerst@example.org"))
    reset = admin.post(
        f"/staff/accounts/{first}/new-link",
        data={"csrf_token": csrf_token(admin, "/staff/accounts")},
    )
    assert reset.status_code == 303
    senders = [(message["To"], message["From"]) for message in smtp_server]
    assert senders == [
        ("eerst@example.org", _default_sender(app)),
        ("daarna@example.org", OURS),
        ("admin@example.org", OURS),  # the test e-mail
        ("eerst@example.org", OURS),  # a new link
    ]


def test_residents_mail_comes_from_the_municipalitys_sender(app, demo, smtp_server) -> None:
    row = _row()
    row.mail_sender = OURS
    demo.keep_informed = True
    asked = FollowUp(
        campaign_id=demo.id, email="jan@example.org", language="nl", asked_on=local_today()
    )
    db.session.add(asked)
    db.session.commit()
    with app.test_request_context("/"):
        assert mail_jobs.confirmation(asked.id, False)
    asked = db.session.get(FollowUp, asked.id)
    asked.confirmed = True
    db.session.commit()
    with app.test_request_context("/"):
        assert mail_jobs.outcome(demo.id, [asked.id]) == (1, 0)
    assert [message["Subject"] for message in smtp_server] == [
        "Bevestig uw e-mailadres",
        "Wat is er met uw stem gedaan?",
    ]
    assert {message["From"] for message in smtp_server} == {OURS}


def test_two_municipalities_each_send_from_their_own(app, client, smtp_server) -> None:
    other = make_tenant()
    for municipality, sender in ((FIRST_MUNICIPALITY, OURS), (other, THEIRS)):
        _row(municipality).mail_sender = sender
        db.session.commit()
    ours = login_as(client, "admin")
    with tenancy.acting_for(other):
        create_user("beheer@westerveld.nl", "een-lang-wachtwoord", "admin")
    there = client_on(app, OTHER_HOST)
    token = csrf_token(there, "/staff/login")
    logged_in = there.post(
        "/staff/login",
        data={
            "csrf_token": token,
            "email": "beheer@westerveld.nl",
            "password": "een-lang-wachtwoord",
        },
    )
    assert logged_in.status_code == 302
    # Interleaved, as one worker serves both.
    assert _invite(ours, "a1@example.org").status_code == 303
    assert _invite(there, "b1@example.org").status_code == 303
    assert _invite(ours, "a2@example.org").status_code == 303
    theirs = _row(other)
    theirs.mail_sender = ""  # theirs emptied: the install's sender
    db.session.commit()
    assert _invite(there, "b2@example.org").status_code == 303
    senders = {message["To"]: message["From"] for message in smtp_server}
    assert senders == {
        "a1@example.org": OURS,
        "b1@example.org": THEIRS,
        "a2@example.org": OURS,
        "b2@example.org": _default_sender(app),
    }


def test_the_privacy_statement_names_the_municipalitys_own_retention(app, client) -> None:
    app.config["RETENTION_DAYS"] = 365
    assert "365 dagen na het sluiten" in client.get("/privacy").get_data(as_text=True)
    _row().retention_days = 90
    db.session.commit()
    page = client.get("/privacy").get_data(as_text=True)
    assert "90 dagen na het sluiten" in page and "365 dagen" not in page
