"""Signals (bursts, household extras) and exclusions that leave ballots out, with a reason."""

from __future__ import annotations

from sqlalchemy import select

from participation.extensions import db
from participation.models import AuditEvent
from tests.conftest import csrf_token, login_as, send_ballot


def total_ballots(client) -> int:  # type: ignore[no-untyped-def]
    return client.get("/api/v1/campaigns/demo/results").get_json()["ballots"]


def test_a_burst_from_one_source_is_shown_and_can_be_left_out_and_counted_again(app, demo) -> None:
    app.config["BURST_MIN_BALLOTS"] = 6
    resident = app.test_client()
    for _ in range(8):
        send_ballot(resident, demo, query="?bron=flyer-tolbert")
    for _ in range(3):
        send_ballot(resident, demo, query="?bron=poster-leek")
    staff = login_as(app.test_client(), "staff")
    page = staff.get("/staff/campaigns/demo/signals").get_data(as_text=True)
    table = page.split('id="bursts"')[1].split("</table>")[0]
    assert "flyer-tolbert" in table and '<td class="num">8</td>' in table
    assert "poster-leek" not in table

    link = table.split('href="')[1].split('"')[0].replace("&amp;", "&")
    form = staff.get(link)
    assert "Alle getelde stemmen via qr, bron flyer-tolbert" in form.get_data(as_text=True)
    token = csrf_token(staff, link)
    refused = staff.post(link, data={"csrf_token": token, "reason": "kort"})
    assert refused.status_code == 422
    assert "Gebruik 10 tot 1000 tekens." in refused.get_data(as_text=True)
    assert total_ballots(staff) == 11

    reason = "Acht stemmen in een minuut van één flyer; navraag loopt."
    done = staff.post(link, data={"csrf_token": token, "reason": reason}, follow_redirects=True)
    assert "8 stemmen tellen niet meer mee in de uitslag." in done.get_data(as_text=True)
    assert total_ballots(staff) == 3
    results = staff.get("/results/demo").get_data(as_text=True)
    assert "8 stemmen zijn door medewerkers met een reden uit deze uitslag gelaten." in results
    event = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert event.action == "ballots.exclude" and reason in event.details

    page = staff.get("/staff/campaigns/demo/signals").get_data(as_text=True)
    assert reason in page and "Geen pieken gevonden." in page
    undo = "/staff/exclusions/" + page.split('action="/staff/exclusions/')[1].split('"')[0]
    staff.post(undo, data={"csrf_token": csrf_token(staff, "/staff/campaigns/demo/signals")})
    assert total_ballots(staff) == 11
    actions = list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))
    assert actions[-2:] == ["ballots.exclude", "ballots.include_again"]
    assert "ongedaan gemaakt door staff@example.org" in staff.get(
        "/staff/campaigns/demo/signals"
    ).get_data(as_text=True)


def test_household_extras_are_shown_and_can_be_left_out(app, demo) -> None:
    demo.ballots_per_device = 3
    db.session.commit()
    resident = app.test_client()
    for _ in range(3):
        send_ballot(resident, demo, same_phone=True)
    send_ballot(resident, demo)  # another phone, once
    staff = login_as(app.test_client(), "staff")
    page = staff.get("/staff/campaigns/demo/signals").get_data(as_text=True)
    assert "1 telefoon stemde vaker dan één keer" in page
    assert "2 extra stemmen tellen mee." in page
    link = "/staff/campaigns/demo/exclusions/new?soort=household"
    staff.post(
        link,
        data={
            "csrf_token": csrf_token(staff, link),
            "reason": "Raad wil alleen één stem per telefoon.",
        },
    )
    assert total_ballots(staff) == 2


def test_viewers_see_signals_but_cannot_exclude(app, demo) -> None:
    viewer = login_as(app.test_client(), "viewer")
    page = viewer.get("/staff/campaigns/demo/signals")
    assert page.status_code == 200 and "Uitsluiten" not in page.get_data(as_text=True)
    assert viewer.get("/staff/campaigns/demo/exclusions/new?soort=household").status_code == 403


def test_a_malformed_burst_link_is_refused(app, demo) -> None:
    staff = login_as(app.test_client(), "staff")
    for query in ("soort=burst&kanaal=qr&van=gisteren&tot=nu", "soort=alles", "soort=burst"):
        assert staff.get(f"/staff/campaigns/demo/exclusions/new?{query}").status_code == 400


def test_viewers_see_paced_tablets_but_cannot_leave_a_stand_out(app, demo) -> None:
    import uuid

    from tests.conftest import add_stand, paired_kiosk

    stand = add_stand(demo)
    tablet = paired_kiosk(stand, name="Tablet 7")
    themes = [t.id for t in demo.themes[:6]]
    flood = [
        {"ballot_key": str(uuid.uuid4()), "village": "marum", "themes": themes} for _ in range(10)
    ]
    report = tablet.post(f"/stand/{stand.token}/ballots", json={"ballots": flood}).get_json()
    assert len(report["stored"]) == 5 and len(report["held"]) == 5
    viewer = login_as(app.test_client(), "viewer")
    page = viewer.get("/staff/campaigns/demo/signals").get_data(as_text=True)
    paced = page.split('id="tablets"')[1].split("</table>")[0]
    assert "Tablet 7" in paced and "Uitsluiten" not in paced
    link = f"/staff/stands/{stand.id}/exclusions/new?tablet={tablet.kiosk_device.id}"
    assert viewer.get(link).status_code == 403
    assert total_ballots(viewer) == 5
