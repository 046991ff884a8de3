"""Four eyes that are really independent, and a close that knows what the tablet still holds."""

from __future__ import annotations

import uuid
from datetime import timedelta

from participation.extensions import db
from participation.services.accounts import create_user
from participation.timeutil import utcnow
from tests.conftest import add_stand, csrf_token, login_as, paired_kiosk
from tests.staff.test_paper import COUNTS, close, enter


def second_counter(app):  # type: ignore[no-untyped-def]
    create_user("bram@example.org", "een-lang-wachtwoord", "staff")
    client = app.test_client()
    token = csrf_token(client, "/staff/login")
    client.post(
        "/staff/login",
        data={"csrf_token": token, "email": "bram@example.org", "password": "een-lang-wachtwoord"},
    )
    return client


def test_the_second_counter_sees_no_figures_before_counting(app, demo) -> None:
    stand = add_stand(demo, starts_in_hours=-4, ends_in_hours=-1)
    anna, bram = login_as(app.test_client(), "staff"), second_counter(app)
    assert enter(anna, stand, demo, 17, [*COUNTS[:-1], 6]).status_code == 302
    page = bram.get(f"/staff/stands/{stand.id}").get_data(as_text=True)
    assert "de cijfers verschijnen zodra de tweede telling er is" in page
    assert "17 deelnemers" not in page and ">17<" not in page
    form = bram.get(f"/staff/stands/{stand.id}/paper").get_data(as_text=True)
    assert 'value="17"' not in form
    assert enter(bram, stand, demo, 17, [*COUNTS[:-1], 6]).status_code == 302
    assert "17 deelnemers" in bram.get(f"/staff/stands/{stand.id}").get_data(as_text=True)


def test_closing_warns_about_a_silent_tablet_and_queued_votes(app, demo) -> None:
    stand = add_stand(demo, starts_in_hours=-3, ends_in_hours=1)
    staff = login_as(app.test_client(), "staff")
    page = staff.get(f"/staff/stands/{stand.id}").get_data(as_text=True)
    assert "nog nooit contact gehad" in page
    tablet = paired_kiosk(stand)
    ballots = [
        {
            "ballot_key": str(uuid.uuid4()),
            "village": "marum",
            "themes": [t.id for t in demo.themes[:6]],
        }
        for _ in range(2)
    ]
    synced = tablet.post(f"/stand/{stand.token}/ballots", json={"ballots": ballots, "queued": 5})
    assert synced.status_code == 200 and len(synced.json["stored"]) == 2
    page = staff.get(f"/staff/stands/{stand.id}").get_data(as_text=True)
    assert "nog 3 stemmen wachten op versturen" in page and "nooit contact" not in page
    tablet.post(f"/stand/{stand.token}/ballots", json={"ballots": [], "queued": 0})
    page = staff.get(f"/staff/stands/{stand.id}").get_data(as_text=True)
    assert 'id="close-warnings"' not in page
    db.session.refresh(stand)
    stand.last_contact_at = utcnow() - timedelta(minutes=45)
    db.session.commit()
    page = staff.get(f"/staff/stands/{stand.id}").get_data(as_text=True)
    assert "De tablet had voor het laatst contact om" in page


def test_a_second_close_says_who_closed_it_and_the_record_has_signature_lines(app, demo) -> None:
    stand = add_stand(demo, starts_in_hours=-4, ends_in_hours=-1)
    anna, bram = login_as(app.test_client(), "staff"), second_counter(app)
    assert "De stand is gesloten en afgetekend." in close(anna, stand).get_data(as_text=True)
    again = close(bram, stand).get_data(as_text=True)
    assert "Deze stand was al afgesloten door staff@example.org op" in again
    record = anna.get(f"/staff/stands/{stand.id}/record").get_data(as_text=True)
    assert "Gemeente Westerkwartier" in record and "Handtekeningen" in record
    assert record.count('class="signature-line"') == 3
    assert 'id="print-record"' in record
