"""One count everywhere: the dashboard, the campaign page and the results page say the same
number of participants (paper included), with its parts; "outcome" means only the outcome page."""

from __future__ import annotations

from tests.conftest import add_stand, login_as, send_ballot
from tests.results.test_report import OWN, store_ballots
from tests.staff.test_four_eyes import second_counter
from tests.staff.test_paper import enter

PAPER = [5, 5, 5, 5, 5, 5, 0, 0, 0, 0, 0, 0]  # 5 forms of 6 votes


def test_dashboard_campaign_and_results_agree_on_the_count_with_paper(app, demo) -> None:
    for _ in range(3):
        assert send_ballot(app.test_client(), demo).status_code == 303
    stand = add_stand(demo, village="grootegast", starts_in_hours=-4, ends_in_hours=-1)
    store_ballots(demo, "grootegast", 2, OWN, channel="stand", stand=stand)
    anna, bram = login_as(app.test_client(), "staff"), second_counter(app)
    assert enter(anna, stand, demo, 5, PAPER).status_code == 302
    assert enter(bram, stand, demo, 5, PAPER).status_code == 302
    viewer = login_as(app.test_client(), "viewer")
    parts = "weblink 3, tablet bij de stand 2, papier 5"
    dashboard = viewer.get("/staff/").get_data(as_text=True)
    assert f"<dt>Deelnemers tot nu toe</dt><dd>10 ({parts}); vandaag" in dashboard
    campaign = viewer.get("/staff/campaigns/demo").get_data(as_text=True)
    assert f"<dt>Deelnemers tot nu toe</dt><dd>10 ({parts})</dd>" in campaign
    results = viewer.get("/results/demo").get_data(as_text=True)
    assert f"In totaal 10 deelnemers: {parts}." in results
    assert viewer.get("/api/v1/campaigns/demo/results").get_json()["ballots"] == 10


def test_results_public_is_not_called_the_outcome(app, demo) -> None:
    viewer = login_as(app.test_client(), "viewer")
    for url in ("/staff/", "/staff/campaigns/demo"):
        page = viewer.get(url).get_data(as_text=True)
        assert "<dt>Resultaten openbaar</dt>" in page
        assert "Uitkomst openbaar" not in page
