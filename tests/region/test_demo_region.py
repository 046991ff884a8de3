"""`flask seed-demo --region`: the region Zuidwest-Drenthe as the README promises it, each of
its hosts answering, the phones of the regional campaign on the region's host."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from participation import tenancy
from participation.extensions import db
from participation.models import Ballot, Municipality
from participation.services.municipalities import ACROSS
from tests.conftest import csrf_token
from tests.factories import client_on

REGION = "zuidwest-drenthe.localhost"


def test_the_demo_region_is_made_once_and_answers_on_its_hosts(app) -> None:
    runner = app.test_cli_runner()
    with tenancy.acting_for(None):
        first = runner.invoke(args=["seed-demo", "--region"])
        assert first.exit_code == 0, first.output
        assert "zuidwest-drenthe.localhost" in first.output
        again = runner.invoke(args=["seed-demo", "--region"])
        assert again.exit_code == 0, again.output
    rows = db.session.scalars(select(Municipality).execution_options(**ACROSS)).all()
    members = {row.slug: row.id for row in rows if row.region_id is not None}
    assert set(members) == {"meppel", "midden-drenthe", "westerveld"}
    for municipality_id in members.values():
        with tenancy.acting_for(municipality_id):
            # The made-up votes, once (the second run added nothing).
            assert db.session.scalar(select(func.count(Ballot.id))) > 200

    home = client_on(app, REGION).get("/regio/").get_data(as_text=True)
    for name in ("Gemeente Meppel", "Gemeente Midden-Drenthe", "Gemeente Westerveld"):
        assert name in home
    # Visitors find where to vote while it is open, and no results before they are published.
    for slug in ("meppel", "midden-drenthe", "westerveld"):
        assert f'href="/{slug}/v/ivp-2027"' in home
    assert "/regio/results/ivp-2027" not in home
    assert client_on(app, "meppel.localhost").get("/regio/").status_code == 404
    moved = client_on(app, "meppel.localhost").get("/v/ivp-2027?dorp=nijeveen")
    assert moved.status_code == 302
    assert "zuidwest-drenthe.localhost" in moved.headers["Location"]
    assert "/meppel/v/ivp-2027" in moved.headers["Location"]
    phone = client_on(app, REGION)
    ballot = phone.get("/midden-drenthe/v/ivp-2027").get_data(as_text=True)
    assert "Drugsafval in het buitengebied" in ballot  # Midden-Drenthe's local theme
    assert len(re.findall(r'type="checkbox"', ballot)) == 13
    assert "Drugsafval" not in phone.get("/meppel/v/ivp-2027").get_data(as_text=True)
    # The coordinator's login works on the region's host.
    data = {"csrf_token": csrf_token(phone, "/regio/login"), "email": "coordinator@example.org"}
    answer = phone.post("/regio/login", data={**data, "password": "demo-wachtwoord"})
    assert answer.status_code == 302
