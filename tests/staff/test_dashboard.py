"""The staff dashboard: per campaign its state, ballots (today too), stands and what is next."""

from __future__ import annotations

from datetime import timedelta

from participation.extensions import db
from participation.models import Ballot
from participation.timeutil import utcnow
from tests.conftest import add_stand, login_as, send_ballot


def test_the_dashboard_says_where_each_campaign_stands_and_what_is_next(app, demo) -> None:
    for _ in range(3):
        assert send_ballot(app.test_client(), demo).status_code == 303
    old = db.session.scalars(db.select(Ballot)).first()
    old.created_at = utcnow() - timedelta(days=3)  # an earlier day: not today
    add_stand(demo, "marum", starts_in_hours=-1, ends_in_hours=2)  # open now
    add_stand(demo, "leek", starts_in_hours=-30, ends_in_hours=-26)  # over, nobody closed it
    add_stand(demo, "tolbert", starts_in_hours=20, ends_in_hours=24)
    db.session.commit()
    viewer = login_as(app.test_client(), "viewer")
    page = viewer.get("/staff/").get_data(as_text=True)
    assert "Wat vindt u belangrijk voor de veiligheid in uw dorp?" in page
    assert "<dd>3; vandaag op telefoons en tablets: 2</dd>" in page
    assert "3 gepland, 1 nu open" in page
    assert "Nog 1 stand af te sluiten." in page
    assert "Nog geen publiek adres ingesteld" in page  # tests run without PUBLIC_BASE_URL
    assert "Geef een sluitingsdatum voordat u drukwerk maakt." in page
    app.config["PUBLIC_BASE_URL"] = "https://stem.westerkwartier.nl"
    assert "Nog geen publiek adres" not in viewer.get("/staff/").get_data(as_text=True)
