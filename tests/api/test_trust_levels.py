"""Results per trust level, and totals limited to a level and the surer ones."""

from __future__ import annotations

import uuid

from participation.models.ballots import Channel, TrustLevel
from participation.services.ballots import voting


def cast(demo, village: str, trust: TrustLevel, channel: Channel, n: int) -> None:  # type: ignore[no-untyped-def]
    rules = voting.load_rules("demo")
    for _ in range(n):
        picks = [theme.id for theme in demo.themes[:6]]
        voting.cast_ballot(
            rules,
            voting.Submission(uuid.uuid4(), village, picks, channel=channel, trust_level=trust),
        )


def mixed_ballots(demo) -> None:  # type: ignore[no-untyped-def]
    cast(demo, "marum", TrustLevel.STAND, Channel.STAND, 4)
    cast(demo, "marum", TrustLevel.CODE, Channel.QR, 2)
    cast(demo, "leek", TrustLevel.CODE, Channel.WEB, 1)
    cast(demo, "leek", TrustLevel.DEVICE, Channel.QR, 5)


def test_results_json_breaks_ballots_down_by_trust_level(staff_client, demo) -> None:
    mixed_ballots(demo)
    body = staff_client.get("/api/v1/campaigns/demo/results").get_json()
    assert body["ballots"] == 12 and body["min_trust"] is None
    assert {k: v["ballots"] for k, v in body["trust_levels"].items()} == {
        "stand": 4,
        "code": 3,
        "device": 5,
    }
    marum = next(v for v in body["villages"] if v["slug"] == "marum")
    assert {k: v["ballots"] for k, v in marum["trust_levels"].items()} == {"stand": 4, "code": 2}


def test_totals_can_be_limited_to_a_trust_level_and_the_surer_ones(staff_client, demo) -> None:
    mixed_ballots(demo)
    first = demo.themes[0].id
    code = staff_client.get("/api/v1/campaigns/demo/results?vertrouwen=code").get_json()
    assert (code["ballots"], code["min_trust"]) == (7, "code")
    assert next(t for t in code["themes"] if t["id"] == first)["votes"] == 7
    stand = staff_client.get("/api/v1/campaigns/demo/results?vertrouwen=stand").get_json()
    assert stand["ballots"] == 4
    # The breakdown still shows every level, so the limited count can be compared with it.
    assert {k: v["ballots"] for k, v in stand["trust_levels"].items()} == {
        "stand": 4,
        "code": 3,
        "device": 5,
    }
    assert [v["ballots"] for v in stand["villages"] if v["slug"] == "leek"] == [0]
    csv = staff_client.get("/results/demo/tallies.csv?vertrouwen=stand").get_data(as_text=True)
    assert f"TOTAL,{first},{demo.themes[0].title},4,4,1.0000" in csv
    page = staff_client.get("/results/demo?vertrouwen=code").get_data(as_text=True)
    assert "Beperkte telling: alleen stemmen met een stemcode of bij een stand." in page
    assert "In totaal 7 deelnemers: weblink 1, QR-code 2, tablet bij de stand 4." in page


def test_an_unknown_trust_level_is_refused(staff_client, demo) -> None:
    assert staff_client.get("/api/v1/campaigns/demo/results?vertrouwen=hoog").status_code == 400
    assert staff_client.get("/results/demo/tallies.csv?vertrouwen=hoog").status_code == 400
