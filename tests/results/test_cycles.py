"""The next cycle: a copy of the campaign, and the change since the previous one, worked by hand."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest
from sqlalchemy import func, select

from participation.extensions import db
from participation.models import AuditEvent, Ballot, Campaign, Survey
from tests.conftest import csrf_token, login_as, publish_results, send_ballot
from tests.factories import make_ballots


def _start_next(staff, slug: str = "veiligheid-2031"):  # type: ignore[no-untyped-def]
    token = csrf_token(staff, "/staff/campaigns/demo/next-cycle")
    data = {"csrf_token": token, "slug": slug, "title": "Veiligheid 2031"}
    return staff.post("/staff/campaigns/demo/next-cycle", data=data)


def test_the_next_cycle_copies_themes_villages_surveys_and_settings_but_no_votes(app, demo) -> None:
    send_ballot(app.test_client(), demo, village="leek")
    demo.translations = {"en": {"title": "Safety"}}
    demo.themes[0].translations = {"en": {"title": "Burglary"}}
    demo.ballots_per_device = 2
    db.session.commit()
    surveys_before = db.session.scalar(
        select(func.count()).select_from(Survey).where(Survey.campaign_id == demo.id)
    )
    staff = login_as(app.test_client(), "staff")
    response = _start_next(staff)
    assert response.status_code == 303
    assert response.headers["Location"] == "/staff/campaigns/veiligheid-2031"
    copy = db.session.scalar(select(Campaign).where(Campaign.slug == "veiligheid-2031"))
    assert copy.status == "draft" and copy.previous_id == demo.id
    assert copy.title == "Veiligheid 2031" and copy.ballots_per_device == 2
    assert copy.translations == {"en": {"title": "Safety"}}
    assert [(t.title, t.bit, t.position, t.safety_field) for t in copy.themes] == [
        (t.title, t.bit, t.position, t.safety_field) for t in demo.themes
    ]
    assert copy.themes[0].translations == {"en": {"title": "Burglary"}}
    assert [t.copied_from_id for t in copy.themes] == [t.id for t in demo.themes]
    assert [a.slug for a in copy.areas] == [a.slug for a in demo.areas]
    copied_surveys = db.session.scalars(select(Survey).where(Survey.campaign_id == copy.id)).all()
    assert len(copied_surveys) == surveys_before >= 1
    assert all(s.status == "draft" for s in copied_surveys)
    count = select(func.count()).select_from(Ballot).where(Ballot.campaign_id == copy.id)
    assert db.session.scalar(count) == 0
    assert (
        db.session.scalar(
            select(AuditEvent).where(AuditEvent.action == "campaign.next_cycle")
        ).target
        == "campaign:veiligheid-2031"
    )
    page = staff.get("/staff/campaigns/veiligheid-2031").get_data(as_text=True)
    assert "Vorige raadpleging" in page


def test_a_taken_short_name_is_refused_in_dutch_and_nothing_is_made(app, demo) -> None:
    staff = login_as(app.test_client(), "staff")
    refused = _start_next(staff, slug="demo")
    assert refused.status_code == 422
    assert "Een andere raadpleging heeft (of had) deze korte naam." in refused.get_data(
        as_text=True
    )
    refused = _start_next(staff, slug="Niet Goed!")
    assert refused.status_code == 422
    assert db.session.scalar(select(func.count()).select_from(Campaign)) == 1


def _vote(campaign, chosen: int, total: int, theme_index: int = 0) -> None:  # type: ignore[no-untyped-def]
    """`total` ballots of six themes, through the ballot service; `chosen` of them include the
    theme at `theme_index`."""
    themes = [t.id for t in campaign.themes]
    picked, others = themes[theme_index], themes[:theme_index] + themes[theme_index + 1 :]
    assert make_ballots(campaign, chosen, "leek", [picked, *others[:5]]) == chosen
    assert make_ballots(campaign, total - chosen, "leek", others[5:11]) == total - chosen


@pytest.fixture
def two_cycles(app, demo):  # type: ignore[no-untyped-def]
    """Four years ago 30 of 120 voters chose the first theme; now 45 of 100 did."""
    _vote(demo, 30, 120)
    staff = login_as(app.test_client(), "staff")
    assert _start_next(staff).status_code == 303
    now = db.session.scalar(select(Campaign).where(Campaign.slug == "veiligheid-2031"))
    now.status = "open"
    demo.status = "closed"
    db.session.commit()
    _vote(now, 45, 100)
    return staff, now


def test_the_change_since_the_previous_cycle_matches_the_hand_worked_interval(
    app, demo, two_cycles
) -> None:
    staff, now = two_cycles
    first = now.themes[0]
    shown = staff.get("/api/v1/campaigns/veiligheid-2031/results?vergelijk=demo").get_json()
    assert shown["compared_with"] == "demo"
    theme = next(t for t in shown["themes"] if t["id"] == first.id)
    assert theme["share"] == 0.45
    assert theme["previous"] == {"rank": 7, "share": 0.25}
    # By hand (tests/domain/test_cycles): 0.45 - 0.25 = 0.20, Newcombe 0.0738 to 0.3194.
    assert theme["change"] == {"share_diff": 0.2, "interval": [0.0738, 0.3194]}
    # Without ?vergelijk= the contract is as before.
    plain = staff.get("/api/v1/campaigns/veiligheid-2031/results").get_json()
    assert "compared_with" not in plain and "change" not in plain["themes"][0]

    page = staff.get("/results/veiligheid-2031").get_data(as_text=True)
    assert "Vergeleken met de vorige raadpleging" in page
    assert "+20 (+7 tot +32)" in page and "duidelijke verandering" in page
    report = staff.get("/results/veiligheid-2031/rapport").get_data(as_text=True)
    assert "+20 (+7 tot +32)" in report
    book = staff.get("/results/veiligheid-2031/totalen.xlsx").data
    assert openpyxl.load_workbook(io.BytesIO(book)).sheetnames[1] == "Vergelijking"
    sheet = pd.read_excel(io.BytesIO(book), sheet_name="Vergelijking")
    row = sheet[sheet["thema"] == first.title].iloc[0]
    assert (row["plaats toen"], row["aandeel toen"], row["aandeel nu"]) == (7, 0.25, 0.45)
    assert (row["verschil laag"], row["verschil hoog"], row["duidelijk"]) == (0.0738, 0.3194, "ja")


def test_comparing_with_an_unknown_or_unpublished_campaign_is_refused(
    app, client, demo, two_cycles
) -> None:
    staff, now = two_cycles
    refused = staff.get("/api/v1/campaigns/veiligheid-2031/results?vergelijk=bestaat-niet")
    assert refused.status_code == 400
    publish_results(now)
    # The public may read the new results, but not the unpublished previous ones.
    assert client.get("/api/v1/campaigns/veiligheid-2031/results").status_code == 200
    hidden = client.get("/api/v1/campaigns/veiligheid-2031/results?vergelijk=demo")
    assert hidden.status_code == 400
