"""Small groups stay hidden from the public in every output; staff still see everything."""

from __future__ import annotations

import csv
import io

from participation.extensions import db
from tests.conftest import login_as, publish_results, send_ballot
from tests.surveys.test_answering import post as answer_survey


def vote(app, demo, village: str, n: int, query: str = "") -> None:  # type: ignore[no-untyped-def]
    client = app.test_client()
    for _ in range(n):
        assert send_ballot(client, demo, village=village, query=query).status_code == 303


def published(app, demo) -> None:  # type: ignore[no-untyped-def]
    """Leek 10, Zuidhorn 6, Marum 2 (two of the Leek ballots by QR code)."""
    vote(app, demo, "leek", 8)
    vote(app, demo, "leek", 2, "?bron=poster-leek")
    vote(app, demo, "zuidhorn", 6)
    vote(app, demo, "marum", 2)
    publish_results(demo)


def test_the_public_json_folds_small_villages_so_none_can_be_worked_out(app, demo) -> None:
    published(app, demo)
    public = app.test_client().get("/api/v1/campaigns/demo/results").json
    villages = {v["slug"]: v for v in public["villages"] if v["ballots"]}  # empty ones stay
    # Marum (2) alone would be derivable from the total, so Zuidhorn (6) is folded in too.
    assert set(villages) == {"leek", "overige-dorpen"}
    assert villages["overige-dorpen"]["ballots"] == 8
    assert sum(v["ballots"] for v in villages.values()) == public["ballots"] == 18
    assert all(v["channels"] == {} and v["trust_levels"] == {} for v in villages.values())
    assert "qr" not in public["channels"]  # 2 QR ballots: folded
    assert all(c["ballots"] >= 5 for c in public["channels"].values())

    staff = login_as(app.test_client(), "viewer")
    full = {v["slug"]: v for v in staff.get("/api/v1/campaigns/demo/results").json["villages"]}
    assert full["marum"]["ballots"] == 2 and full["zuidhorn"]["ballots"] == 6
    assert full["leek"]["channels"]["qr"]["ballots"] == 2


def test_the_public_csv_page_and_charts_hold_no_small_village(app, demo) -> None:
    published(app, demo)
    anonymous = app.test_client()
    rows = list(csv.DictReader(io.StringIO(anonymous.get("/results/demo/tallies.csv").text)))
    voted = {r["village"] for r in rows if r["ballots"] != "0"}
    assert voted == {"leek", "overige-dorpen", "TOTAL"}
    page = anonymous.get("/results/demo/openbaar").get_data(as_text=True)
    assert "Marum<br>" not in page.split('id="villages"')[1]  # no column of its own
    assert "Overige dorpen samen" in page
    for name in ("dorpen", "warmtekaart", "kanalen"):
        svg = anonymous.get(f"/results/demo/grafiek/{name}.svg").get_data(as_text=True)
        assert "Marum" not in svg, name
    staff = login_as(app.test_client(), "viewer")
    assert "Marum" in staff.get("/results/demo/grafiek/dorpen.svg").get_data(as_text=True)


def test_the_public_cannot_split_by_channel_or_trust(app, demo) -> None:
    published(app, demo)
    anonymous = app.test_client()
    for url in (
        "/api/v1/campaigns/demo/results?vertrouwen=stand",
        "/results/demo/tallies.csv?kanaal=qr",
        "/results/demo/grafiek/totaal.svg?vertrouwen=code",
    ):
        response = anonymous.get(url)
        assert response.status_code == 400, url
        assert "medewerkers" in response.get_data(as_text=True), url
    staff = login_as(app.test_client(), "viewer")
    assert staff.get("/results/demo/tallies.csv?kanaal=qr").status_code == 200


def test_public_survey_splits_fold_a_village_of_one(app, demo) -> None:
    staff = login_as(app.test_client(), "staff")
    village, nuisance = "In welk dorp woont u", "Ervaart u overlast in uw buurt"
    places = ["leek"] * 5 + ["zuidhorn"] * 5 + ["marum"]
    for place in places:
        assert answer_survey(staff, **{village: place, nuisance: "nee"}).status_code == 303
    from participation.services.surveys import surveys
    from participation.timeutil import utcnow
    from tests.surveys.conftest import release_survey

    demo.results_published_at = utcnow()
    db.session.commit()
    release_survey(surveys.by_slug("demo-vragenlijst"))
    public = app.test_client().get("/s/demo-vragenlijst/resultaten?per=dorp").get_data(as_text=True)
    split = public.split("3. Ervaart u overlast in uw buurt?")[1].split("</section>")[0]
    assert 'Marum<br><span class="muted">' not in split  # no column of its own
    # Marum's one respondent is counted with the villages without any, and those who gave none.
    together = "Samen: Grijpskerk, Grootegast, Leek, Marum, Tolbert en geen antwoord"
    assert f'{together}<br><span class="muted">n = 6</span>' in split
    assert 'Zuidhorn<br><span class="muted">n = 5</span>' in split
    seen = staff.get("/s/demo-vragenlijst/resultaten?per=dorp").get_data(as_text=True)
    assert 'Marum<br><span class="muted">n = 1</span>' in seen
