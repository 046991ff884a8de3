"""Results per trust level, and totals limited to a level and the surer ones."""

from __future__ import annotations

import pytest

from participation.models.ballots import Channel, TrustLevel
from tests.factories import make_ballots, make_campaign


@pytest.fixture
def campaign(app):  # type: ignore[no-untyped-def]
    return make_campaign(villages=["Leek", "Marum"])


def mixed_ballots(campaign) -> None:  # type: ignore[no-untyped-def]
    make_ballots(campaign, 4, "marum", trust=TrustLevel.STAND, channel=Channel.STAND)
    make_ballots(campaign, 2, "marum", trust=TrustLevel.CODE, channel=Channel.QR)
    make_ballots(campaign, 1, "leek", trust=TrustLevel.CODE, channel=Channel.WEB)
    make_ballots(campaign, 5, "leek", trust=TrustLevel.DEVICE, channel=Channel.QR)


def test_results_json_breaks_ballots_down_by_trust_level(staff_client, campaign) -> None:
    mixed_ballots(campaign)
    body = staff_client.get(f"/api/v1/campaigns/{campaign.slug}/results").get_json()
    assert body["ballots"] == 12 and body["min_trust"] is None
    assert {k: v["ballots"] for k, v in body["trust_levels"].items()} == {
        "stand": 4,
        "code": 3,
        "device": 5,
    }
    marum = next(v for v in body["villages"] if v["slug"] == "marum")
    assert {k: v["ballots"] for k, v in marum["trust_levels"].items()} == {"stand": 4, "code": 2}


def test_totals_can_be_limited_to_a_trust_level_and_the_surer_ones(staff_client, campaign) -> None:
    mixed_ballots(campaign)
    api, results = f"/api/v1/campaigns/{campaign.slug}/results", f"/results/{campaign.slug}"
    first = campaign.themes[0].id
    code = staff_client.get(f"{api}?vertrouwen=code").get_json()
    assert (code["ballots"], code["min_trust"]) == (7, "code")
    assert next(t for t in code["themes"] if t["id"] == first)["votes"] == 7
    stand = staff_client.get(f"{api}?vertrouwen=stand").get_json()
    assert stand["ballots"] == 4
    # The breakdown still shows every level, so the limited count can be compared with it.
    assert {k: v["ballots"] for k, v in stand["trust_levels"].items()} == {
        "stand": 4,
        "code": 3,
        "device": 5,
    }
    assert [v["ballots"] for v in stand["villages"] if v["slug"] == "leek"] == [0]
    csv = staff_client.get(f"{results}/tallies.csv?vertrouwen=stand").get_data(as_text=True)
    assert f"TOTAL,{first},{campaign.themes[0].title},4,4,1.0000" in csv
    page = staff_client.get(f"{results}?vertrouwen=code").get_data(as_text=True)
    assert "Beperkte telling: alleen stemmen met een stemcode of bij een stand." in page
    assert "In totaal 7 deelnemers: weblink 1, QR-code 2, tablet bij de stand 4." in page


def test_an_unknown_trust_level_is_refused(staff_client, campaign) -> None:
    api, results = f"/api/v1/campaigns/{campaign.slug}/results", f"/results/{campaign.slug}"
    assert staff_client.get(f"{api}?vertrouwen=hoog").status_code == 400
    assert staff_client.get(f"{results}/tallies.csv?vertrouwen=hoog").status_code == 400
