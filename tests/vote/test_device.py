"""One vote per phone: a signed device cookie, an optional household allowance, flagged extras."""

from __future__ import annotations

import threading
import uuid

from sqlalchemy import func, select

from participation.extensions import db
from participation.models import Ballot, DeviceTally
from participation.services.ballots import voting
from tests.conftest import csrf_token, new_phone, send_ballot


def stored() -> list[Ballot]:
    return list(db.session.scalars(select(Ballot).order_by(Ballot.id)))


def test_a_phone_gets_a_long_lived_signed_cookie_that_names_nobody(client, demo) -> None:
    client.get("/v/demo")
    cookie = client.get_cookie("stemapparaat")
    assert cookie is not None and cookie.http_only and cookie.same_site == "Lax"
    assert cookie.max_age == 400 * 24 * 3600
    assert "." in cookie.value  # token.signature


def test_a_second_ballot_from_the_same_phone_is_refused_kindly(client, demo) -> None:
    assert send_ballot(client, demo, "leek").status_code == 303
    second = send_ballot(client, demo, "marum", same_phone=True)
    assert second.status_code == 409
    page = second.get_data(as_text=True)
    assert "U heeft al gestemd" in page
    assert "Uw eerdere stem telt nog steeds." in page
    leek = next(area.id for area in demo.areas if area.slug == "leek")
    assert [ballot.area_id for ballot in stored()] == [leek]
    # Coming back later, the phone is told straight away instead of filling in the form again.
    page = client.get("/v/demo").get_data(as_text=True)
    assert "U heeft al gestemd" in page and 'name="theme"' not in page


def test_another_phone_can_still_vote(client, demo) -> None:
    send_ballot(client, demo)
    assert send_ballot(client, demo).status_code == 303  # a new phone: no cookie yet
    assert len(stored()) == 2


def test_a_forged_cookie_is_not_trusted(client, demo) -> None:
    send_ballot(client, demo)
    client.set_cookie("stemapparaat", "made-up.signature")
    client.get("/v/demo")
    assert client.get_cookie("stemapparaat").value != "made-up.signature"


def test_a_household_allowance_lets_a_phone_vote_a_few_times_and_flags_the_extras(
    client, demo
) -> None:
    demo.ballots_per_device = 3
    db.session.commit()
    statuses = [send_ballot(client, demo, same_phone=True).status_code for _ in range(4)]
    assert statuses == [303, 303, 303, 409]
    assert "al 3 keer gestemd" in client.get("/v/demo").get_data(as_text=True)
    assert [ballot.device_seq for ballot in stored()] == [1, 2, 3]
    assert db.session.scalar(select(DeviceTally.ballots)) == 3


def test_the_phone_count_is_kept_per_campaign(app, client, demo) -> None:
    from participation.services.ballots import devices

    with app.test_request_context():
        assert devices.device_hash("same-phone", 1) != devices.device_hash("same-phone", 2)
        assert len(devices.device_hash("same-phone", 1)) == 32


def test_two_taps_at_once_from_one_phone_store_one_ballot(app, demo) -> None:
    new_phone_hash = "a" * 32
    picks = [theme.id for theme in demo.themes[:6]]
    outcomes: list[str] = []

    def vote() -> None:
        with app.app_context():
            rules = voting.load_rules("demo")
            submission = voting.Submission(uuid.uuid4(), "leek", picks, device_hash=new_phone_hash)
            try:
                voting.cast_ballot(rules, submission)
                outcomes.append("stored")
            except voting.DeviceLimitReached:
                outcomes.append("refused")

    threads = [threading.Thread(target=vote) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused"] * 5 + ["stored"]
    assert db.session.scalar(select(func.count()).select_from(Ballot)) == 1


def test_a_resent_ballot_from_a_phone_that_used_its_vote_still_thanks(client, demo) -> None:
    new_phone(client)
    token = csrf_token(client, "/v/demo")
    form = {
        "csrf_token": token,
        "ballot_key": str(uuid.uuid4()),
        "village": "leek",
        "theme": [theme.id for theme in demo.themes[:6]],
    }
    assert client.post("/v/demo", data=form).status_code == 303
    assert client.post("/v/demo", data=form).status_code == 303  # the same ballot, not a new one
    assert len(stored()) == 1
