"""'Houd mij op de hoogte': an e-mail address after voting, confirmed, used once, then gone."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, inspect, select

from participation import tenancy
from participation.extensions import db
from participation.models import FollowUp
from participation.services.accounts import create_user
from participation.services.outcome import follow_up, mail_jobs, outcome
from participation.services.sessions import prioritisation
from participation.timeutil import local_today
from participation.web.links import public_url
from tests.conftest import csrf_token, login_as, send_ballot
from tests.factories import client_on, make_campaign, make_tenant

ADDRESS = "jan.de.vries@example.org"


@pytest.fixture
def informed(app, demo):  # type: ignore[no-untyped-def]
    demo.keep_informed = True
    db.session.commit()
    return demo


def _thanks(client, campaign) -> str:  # type: ignore[no-untyped-def]
    response = send_ballot(client, campaign, village="leek")
    return client.get(response.headers["Location"]).get_data(as_text=True)


def _ask(client, address: str = ADDRESS):  # type: ignore[no-untyped-def]
    """Ask, as a browser does, and let the response go: the server closes it, and only then
    runs the work that depends on the address (follow_up.ask_after_response)."""
    token = csrf_token(client, "/staff/login")  # any form of the session carries the token
    response = client.post("/v/demo/op-de-hoogte", data={"csrf_token": token, "email": address})
    response.close()
    return response


def _stored() -> int:
    return db.session.scalar(select(func.count()).select_from(FollowUp))


def _link(message, path: str) -> str:  # type: ignore[no-untyped-def]
    body = message.get_body(preferencelist=("plain",)).get_content()
    return re.search(rf"http://localhost{path}[^\s]+", body).group(0)  # type: ignore[union-attr]


def test_the_offer_is_off_by_default(app, client, demo) -> None:
    assert "Houd mij op de hoogte" not in _thanks(client, demo)
    assert _ask(client).status_code == 404


def test_an_address_is_confirmed_by_a_link_and_kept_apart_from_the_ballots(
    app, client, informed, smtp_server, caplog
) -> None:
    page = _thanks(client, informed)
    assert "Houd mij op de hoogte" in page and 'autocomplete="email"' in page
    refused = _ask(client, "geen-adres")
    assert refused.status_code == 422
    assert "Vul een e-mailadres in zoals naam@voorbeeld.nl." in refused.get_data(as_text=True)
    assert _stored() == 0 and smtp_server == []

    sent = _ask(client)
    assert sent.status_code == 200 and "Kijk in uw e-mail" in sent.get_data(as_text=True)
    (message,) = smtp_server
    assert message["To"] == ADDRESS and message["Subject"] == "Bevestig uw e-mailadres"
    found = db.session.scalar(select(FollowUp))
    assert not found.confirmed
    # Nothing ties it to a ballot: no ballot column, and only the day it was asked.
    columns = {c["name"]: str(c["type"]) for c in inspect(db.engine).get_columns("follow_up")}
    assert not any("ballot" in name for name in columns)
    assert not any("TIME" in kind.upper() for kind in columns.values())

    confirm = _link(message, "/v/op-de-hoogte/bevestig/")
    opened = client.get(confirm)  # a mail scanner opening the link confirms nothing
    assert opened.status_code == 200 and "Bevestig" in opened.get_data(as_text=True)
    db.session.refresh(found)
    assert not found.confirmed
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', opened.get_data(as_text=True))
    done = client.post(confirm, data={"csrf_token": token.group(1)})  # type: ignore[union-attr]
    assert "Uw adres is bevestigd." in done.get_data(as_text=True)
    db.session.refresh(found)
    assert found.confirmed
    assert ADDRESS not in caplog.text


def _decide_and_publish(app, campaign):  # type: ignore[no-untyped-def]
    """Voting closes; decisions, the outcome's settings, publish; returns the staff client."""
    from datetime import timedelta

    from participation.timeutil import utcnow

    for _ in range(5):  # enough residents for the outcome's figures to be released
        send_ballot(app.test_client(), campaign, village="marum")
    campaign.closes_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    actor = create_user("raad@example.org", "een-lang-wachtwoord", "staff")
    session = prioritisation.create(campaign, "Sessie", 3, 6, actor)
    from participation.services.results.counting import campaign_results

    ranked = [row.theme for row in campaign_results(campaign).total.themes]
    prioritisation.record_decision(session, ranked[0], True, "Veel stemmen.", 1, actor)
    for theme in ranked[1:6]:
        prioritisation.record_decision(session, theme, False, "Later.", None, actor)
    staff = login_as(app.test_client(), "staff")
    token = csrf_token(staff, "/staff/campaigns/demo/outcome")
    data = {
        "csrf_token": token,
        "session": str(session.id),
        "decided_on": "2027-06-24",
        "plan_first_year": "2027",
        "plan_last_year": "2030",
    }
    assert staff.post("/staff/campaigns/demo/outcome", data=data).status_code == 303
    staff.post("/staff/campaigns/demo/outcome/publish", data={"csrf_token": token})
    return staff


def test_publishing_mails_the_confirmed_once_and_forgets_every_address(
    app, client, informed, smtp_server, caplog
) -> None:
    _thanks(client, informed)
    for address in (ADDRESS, "nooit.bevestigd@example.org"):
        assert _ask(client, address).status_code == 200
    # The server says no: nothing is stored, and the page says what it says to everyone.
    refused = _ask(client, "weiger@example.org")
    assert refused.status_code == 200 and "Kijk in uw e-mail" in refused.get_data(as_text=True)
    assert _stored() == 2
    # An address that worked when asked but is refused by the time the outcome goes out.
    db.session.add(
        FollowUp(
            campaign_id=informed.id,
            email="weiger@example.org",
            language="nl",
            asked_on=local_today(),
            confirmed=True,
        )
    )
    for found in db.session.scalars(select(FollowUp)).all():
        found.confirmed = found.email != "nooit.bevestigd@example.org"
    db.session.commit()
    smtp_server.clear()
    _decide_and_publish(app, informed)
    assert outcome.is_published(informed)
    (message,) = smtp_server  # the refused address got nothing, the unconfirmed one neither
    assert message["To"] == ADDRESS and message["Subject"] == "Wat is er met uw stem gedaan?"
    assert "http://localhost/results/demo/uitkomst" in message.get_content()
    raw = dict(message.raw_items())  # as they came over the wire: plain, not RFC 2047-encoded
    assert raw["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert raw["List-Unsubscribe"].startswith("<http://localhost/v/op-de-hoogte/afmelden/")
    assert raw["List-Unsubscribe"].endswith(">") and "=?" not in raw["List-Unsubscribe"]
    assert _stored() == 0  # used once, then deleted; the others deleted unused
    assert ADDRESS not in caplog.text and "weiger@example.org" not in caplog.text


def test_one_click_unsubscribe_deletes_the_address(app, client, informed, smtp_server) -> None:
    _thanks(client, informed)
    _ask(client)
    leave = _link(smtp_server[0], "/v/op-de-hoogte/afmelden/")
    assert "Wis mijn adres" in client.get(leave).get_data(as_text=True)
    assert _stored() == 1
    # A mail program posts List-Unsubscribe=One-Click without a CSRF token (RFC 8058).
    gone = client.post(leave, data={"List-Unsubscribe": "One-Click"})
    assert gone.status_code == 200 and "Uw e-mailadres is gewist" in gone.get_data(as_text=True)
    assert _stored() == 0


def test_when_the_mail_server_is_down_nothing_is_stored(app, client, informed, caplog) -> None:
    """The page cannot wait for the mail server (its time would tell which addresses are
    known): it says what it says to everyone; nothing is stored, and the log says why."""
    state = app.extensions["mail"]
    state.server, state.port, state.suppress = "127.0.0.1", 9, False  # nothing listens on 9
    try:
        _thanks(client, informed)
        failed = _ask(client)
    finally:
        state.suppress = True
    assert failed.status_code == 200 and "Kijk in uw e-mail" in failed.get_data(as_text=True)
    assert _stored() == 0
    assert "confirmation not sent, nothing stored (ConnectionRefusedError)" in caplog.text


def test_asking_is_rate_limited(app, client, informed, smtp_server) -> None:
    app.config["FOLLOW_UP_RATE_LIMIT"] = "2 per minute"
    _thanks(client, informed)
    assert _ask(client, "a@example.org").status_code == 200
    assert _ask(client, "b@example.org").status_code == 200
    assert _ask(client, "c@example.org").status_code == 429
    assert _stored() == 2


def test_unconfirmed_addresses_are_forgotten_after_the_confirm_days(app, informed) -> None:
    from datetime import timedelta

    old = FollowUp(
        campaign_id=informed.id,
        email="oud@example.org",
        language="nl",
        asked_on=local_today() - timedelta(days=app.config["FOLLOW_UP_CONFIRM_DAYS"] + 1),
    )
    new = FollowUp(
        campaign_id=informed.id, email="nieuw@example.org", language="nl", asked_on=local_today()
    )
    db.session.add_all([old, new])
    db.session.commit()
    assert follow_up.forget_unconfirmed() == 1
    assert db.session.scalars(select(FollowUp.email)).all() == ["nieuw@example.org"]
    assert public_url  # the link maker the views hand in


def test_the_mail_conversation_is_never_printed_even_in_development() -> None:
    from config import DevelopmentConfig
    from participation import create_app

    development = create_app(DevelopmentConfig, SQLALCHEMY_DATABASE_URI="sqlite://")
    assert development.debug and development.extensions["mail"].debug == 0


def test_many_addresses_go_out_in_batches_that_staff_continue(
    app, client, informed, smtp_server
) -> None:
    app.config["FOLLOW_UP_BATCH"] = 2
    for number in range(3):
        db.session.add(
            FollowUp(
                campaign_id=informed.id,
                email=f"inwoner{number}@example.org",
                language="nl",
                asked_on=local_today(),
                confirmed=True,
            )
        )
    db.session.commit()
    _thanks(client, informed)
    staff = _decide_and_publish(app, informed)
    assert len(smtp_server) == 2 and _stored() == 1
    page = staff.get("/staff/campaigns/demo/outcome").get_data(as_text=True)
    assert "1 inwoner wacht nog op de uitkomst per e-mail." in page
    token = csrf_token(staff, "/staff/campaigns/demo/outcome")
    staff.post("/staff/campaigns/demo/outcome/mail", data={"csrf_token": token})
    assert len(smtp_server) == 3 and _stored() == 0
    assert len({m["To"] for m in smtp_server}) == 3  # nobody twice


def test_accented_names_are_refused_in_dutch_and_foreign_domains_are_encoded(
    app, client, informed, smtp_server
) -> None:
    """email-validator checks the address. Before the @ only ASCII (our mail goes through any
    SMTP server): 'tést@…' was a 500 from Flask-Mail, now a clear Dutch 422."""
    app.config["FOLLOW_UP_RATE_LIMIT"] = "100000 per minute"
    _thanks(client, informed)
    for accented in ("tést@example.nl", "ｊａｎ@example.nl", "jürgen@bücher.de"):
        refused = _ask(client, accented)
        assert refused.status_code == 422, accented
        page = refused.get_data(as_text=True)
        assert "Vóór de @ neemt onze mailserver alleen letters zonder accenten" in page
    for wrong in (
        "geen-adres",
        "a@b",
        "jan@[192.0.2.1]",
        '"jan de vries"@example.nl',
        "j@ex\u2028a.nl",
    ):
        refused = _ask(client, wrong)
        assert refused.status_code == 422, wrong
        assert "Vul een e-mailadres in zoals naam@voorbeeld.nl." in refused.get_data(as_text=True)
    assert _stored() == 0 and smtp_server == []

    assert _ask(client, "Jan@Bücher.NL").status_code == 200
    (message,) = smtp_server
    assert message["To"] == "Jan@xn--bcher-kva.nl"  # the domain in its ASCII form (IDNA)
    assert db.session.scalars(select(FollowUp.email)).all() == ["Jan@xn--bcher-kva.nl"]


def test_one_mailbox_gets_at_most_three_confirmation_mails_a_day(
    app, client, informed, smtp_server, caplog
) -> None:
    """25 spellings of one mailbox got 25 mails; case, dots and +tags now count as one."""
    app.config["FOLLOW_UP_RATE_LIMIT"] = "100000 per minute"
    _thanks(client, informed)
    spellings = [
        "jan.de.vries@example.org",
        "Jan.De.Vries@EXAMPLE.org",
        "jandevries+1@example.org",
        "jan.devries+twee@example.org",
        "jan.de.vries@example.org",
        "j.a.n.d.e.v.r.i.e.s+5@example.org",
    ]
    for address in spellings:
        answer = _ask(client, address)  # the same answer each time
        assert answer.status_code == 200 and "Kijk in uw e-mail" in answer.get_data(as_text=True)
    assert len(smtp_server) == 3
    sent_to = [m["To"] for m in smtp_server]  # the domain in lower case, as email-validator has it
    assert sent_to == [spellings[0], "Jan.De.Vries@example.org", spellings[2]]
    assert _stored() == 3  # nothing kept for the mails not sent
    assert "no more confirmation mails to this mailbox today" in caplog.text
    assert "jan" not in caplog.text.lower()
    assert _ask(client, "piet@example.org").status_code == 200  # other mailboxes: as before
    assert len(smtp_server) == 4


def test_the_unsubscribe_headers_arrive_as_plain_values(app, client, informed, smtp_server) -> None:
    """Python folds a line over 78 characters by RFC 2047-encoding the long link; mail
    programs then offer no one-click removal. As received, they are plain ASCII."""
    app.config["PUBLIC_BASE_URL"] = "https://veiligheid.gemeente-westerkwartier.nl"
    _thanks(client, informed)
    _ask(client)
    (message,) = smtp_server
    raw = dict(message.raw_items())  # the header lines as they came over the wire
    token = db.session.scalar(select(FollowUp.unsubscribe_token))
    link = f"https://veiligheid.gemeente-westerkwartier.nl/v/op-de-hoogte/afmelden/{token}"
    assert raw["List-Unsubscribe"] == f"<{link}>"
    assert raw["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert raw["Subject"] == "Bevestig uw e-mailadres" and raw["To"] == ADDRESS


def test_a_follow_up_on_a_second_municipality_is_stored_for_it(app, smtp_server) -> None:
    """The work after the response runs for the host's municipality (the request's hooks
    that chose it are undone by then): stored there, and its mail sent."""
    other = make_tenant()
    with tenancy.acting_for(other):
        campaign = make_campaign(municipality="Westerveld", slug="ivp-2027")
        campaign.keep_informed = True
        db.session.commit()
        village = campaign.areas[0].slug
    phone = client_on(app, "westerveld.localhost")
    assert send_ballot(phone, campaign, village=village).status_code == 303
    token = csrf_token(phone, "/staff/login")
    response = phone.post("/v/ivp-2027/op-de-hoogte", data={"csrf_token": token, "email": ADDRESS})
    response.close()
    assert response.status_code == 200
    with tenancy.acting_for(other):
        assert _stored() == 1
    (message,) = smtp_server
    assert message["To"] == ADDRESS


def test_an_outcome_job_for_one_municipality_neither_mails_nor_deletes_anothers_address(
    app, demo, smtp_server
) -> None:
    """The job deletes each address as it mails it (DELETE … RETURNING): given another
    municipality's id, as a mixed-up or forged job would be, it finds nothing there."""
    other = make_tenant()
    with tenancy.acting_for(other):
        theirs = make_campaign(municipality="Westerveld", slug="ivp-2027")
        asked = FollowUp(
            campaign_id=theirs.id,
            email=ADDRESS,
            language="nl",
            asked_on=local_today(),
            confirmed=True,
        )
        db.session.add(asked)
        db.session.commit()
        theirs_id = asked.id
    with app.test_request_context("/"):
        assert mail_jobs.outcome(demo.id, [theirs_id]) == (0, 0)
    assert smtp_server == []
    with tenancy.acting_for(other):
        assert db.session.scalar(select(func.count()).select_from(FollowUp)) == 1
