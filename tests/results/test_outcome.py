"""'What was done with your vote': staff publish the outcome; residents read it; the programme."""

from __future__ import annotations

import io
from datetime import date, timedelta

import openpyxl
import pandas as pd
import pytest
from sqlalchemy import func, select

from participation.extensions import db
from participation.models import ActionUpdate, Goal, Outcome, PlanAction
from participation.services.accounts import create_user
from participation.services.campaigns import indicators
from participation.services.sessions import prioritisation
from participation.timeutil import utcnow
from tests.conftest import csrf_token, login_as, publish_results, send_ballot
from tests.staff.test_posters import pdf_pages, qr_links

PUBLIC = "https://stem.westerkwartier.nl"


@pytest.fixture
def decided(app, demo):  # type: ignore[no-untyped-def]
    """Ballots from three villages (one of them too small to show), and a session's decisions:
    the residents' first and third theme chosen, the second not, with reasons."""
    client = app.test_client()
    themes = demo.themes
    for village, count in (("leek", 8), ("marum", 6), ("zuidhorn", 2)):
        for _ in range(count):
            send_ballot(client, demo, village=village, themes=[t.id for t in themes[:6]])
    for _ in range(3):
        send_ballot(client, demo, village="leek", themes=[t.id for t in themes[2:8]])
    demo.closes_at = utcnow() - timedelta(minutes=1)  # an outcome follows the vote
    db.session.commit()
    actor = create_user("besluit@example.org", "een-lang-wachtwoord", "staff")
    session = prioritisation.create(demo, "Sessie", 3, 6, actor)
    ranked = _ranked(demo)
    prioritisation.record_decision(session, ranked[0], True, "Veel inwoners noemden dit.", 1, actor)
    prioritisation.record_decision(
        session, ranked[2], True, "Past bij de veiligheidsanalyse.", 1, actor
    )
    for theme in ranked[1:2] + ranked[3:6]:
        why = f"Niet gekozen: {theme.title}."
        prioritisation.record_decision(session, theme, False, why, None, actor)
    return session


def _ranked(demo):  # type: ignore[no-untyped-def]
    from participation.services.results.counting import campaign_results

    return [row.theme for row in campaign_results(demo).total.themes]


def _settings(staff, token: str, **changes: str) -> dict[str, str]:
    data = {
        "csrf_token": token,
        "session": "",
        "decided_on": "2027-06-24",
        "summary": "De raad besloot op 24 juni.",
        "plan_first_year": "2027",
        "plan_last_year": "2030",
    }
    return {**data, **changes}


def _publish(staff, demo, session, **changes: str):  # type: ignore[no-untyped-def]
    token = csrf_token(staff, "/staff/campaigns/demo/outcome")
    data = _settings(staff, token, session=str(session.id), **changes)
    saved = staff.post("/staff/campaigns/demo/outcome", data=data)
    assert saved.status_code in (303, 422), saved.status_code
    return staff.post("/staff/campaigns/demo/outcome/publish", data={"csrf_token": token})


def test_the_outcome_is_hidden_until_published_and_then_tells_residents_why(
    app, client, demo, decided
) -> None:
    assert client.get("/results/demo/uitkomst").status_code == 404
    assert client.get("/api/v1/campaigns/demo/outcome").status_code == 404
    staff = login_as(app.test_client(), "staff")
    assert _publish(staff, demo, decided).status_code == 303
    page = client.get("/results/demo/uitkomst")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    ranked = _ranked(demo)
    assert "Wat is er met uw stem gedaan?" in html
    assert "24 juni 2027" in html
    assert "Veel inwoners noemden dit." in html and "Past bij de veiligheidsanalyse." in html
    assert f"Niet gekozen: {ranked[1].title}." in html
    # Zuidhorn's 2 ballots are folded with Marum (so neither can be worked out) into one group.
    assert "Leek" in html and "Overige dorpen samen" in html and "Zuidhorn" not in html
    # In the resident's language once the outcome's typed texts exist in it (see
    # test_outcome_languages), theme titles too (the demo campaign has Polish texts).
    from participation.domain.translations import with_text
    from participation.services.outcome import outcome, texts

    for item in texts.items(outcome.gather(demo)):
        polish_text = {item.field: f"PL {item.dutch}"}
        item.record.translations = with_text(item.record.translations, "pl", polish_text)
    db.session.commit()
    polish = client.get("/results/demo/uitkomst?lang=pl").get_data(as_text=True)
    assert "Co zrobiono z Twoim głosem?" in polish and '<html lang="pl">' in polish
    assert ranked[0].translations["pl"]["title"] in polish

    shown = client.get("/api/v1/campaigns/demo/outcome").get_json()
    assert shown["campaign"] == "demo" and shown["decided_on"] == "2027-06-24"
    assert [p["theme_id"] for p in shown["priorities"]] == [ranked[0].id, ranked[2].id]
    first = shown["priorities"][0]
    assert first["resident_rank"] == 1 and first["reason"] == "Veel inwoners noemden dit."
    assert first["goals"] == [] and first["actions"] == []
    assert set(first) == {
        "theme_id", "title", "reason", "resident_rank", "resident_share", "goals", "actions"
    }  # fmt: skip
    assert [n["theme_id"] for n in shown["not_chosen"]][:1] == [ranked[1].id]
    assert set(shown["not_chosen"][0]) == {"theme_id", "title", "resident_rank", "reason"}


def test_publishing_needs_the_decision_date_and_a_reason_for_every_top_theme(
    app, demo, decided
) -> None:
    staff = login_as(app.test_client(), "staff")
    refused = _publish(staff, demo, decided, decided_on="")
    assert refused.status_code == 409
    assert "Geef de datum van het besluit van de gemeenteraad." in refused.get_data(as_text=True)
    # A top-six theme without a reason: the decision on it is removed.
    ranked = _ranked(demo)
    staff_user = create_user("twee@example.org", "een-lang-wachtwoord", "staff")
    missing = next(d for d in decided.decisions if d.theme_id == ranked[1].id)
    prioritisation.remove_decision(decided, missing, staff_user)
    refused = _publish(staff, demo, decided)
    assert refused.status_code == 409
    assert ranked[1].title in refused.get_data(as_text=True)
    assert db.session.get(Outcome, demo.id).published_at is None


def test_the_outcome_waits_for_the_vote_to_close_and_keeps_the_figures_decided_on(
    app, client, demo, decided
) -> None:
    staff = login_as(app.test_client(), "staff")
    demo.closes_at = utcnow() + timedelta(days=1)
    db.session.commit()
    refused = _publish(staff, demo, decided)
    assert refused.status_code == 409
    assert "publiceer de uitkomst zodra het stemmen gesloten is" in refused.get_data(as_text=True)
    demo.closes_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert _publish(staff, demo, decided).status_code == 303
    before = client.get("/api/v1/campaigns/demo/outcome").get_json()
    page = client.get("/results/demo/uitkomst").get_data(as_text=True)
    # Voting reopens by mistake and six more ballots come in: the outcome keeps its figures.
    demo.closes_at = utcnow() + timedelta(days=1)
    db.session.commit()
    for _ in range(6):
        send_ballot(app.test_client(), demo, village="leek", themes=[t.id for t in demo.themes[:6]])
    assert client.get("/api/v1/campaigns/demo/outcome").get_json() == before
    assert client.get("/results/demo/uitkomst").get_data(as_text=True) == page
    # The session's memo shows the same count as the outcome: 19 votes for the first theme,
    # not today's 25.
    memo = staff.get(f"/staff/sessions/{decided.id}/report").get_data(as_text=True)
    votes = memo.split("</caption>")[1].split("</table>")[0]
    first = votes.split('<td class="num">')[1].split("</td>")[0]
    assert first == "19"
    shares = [p["resident_share"] for p in before["priorities"]]
    assert shares and all(0 < share <= 1 for share in shares)


def _programme_post(staff, url: str, data: dict[str, str]):  # type: ignore[no-untyped-def]
    token = csrf_token(staff, "/staff/campaigns/demo/programme")
    return staff.post(url, data={"csrf_token": token, **data})


def _done(staff, url: str, data: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    response = _programme_post(staff, url, data)
    assert response.status_code == 303, response.get_data(as_text=True)[-2000:]


def _goal(theme_id: int, **fields: str) -> dict[str, str]:
    data = {
        "goal-theme": str(theme_id),
        "goal-description": "Minder woninginbraken: onder de 90 per jaar in 2030.",
        "goal-kind": "measurable",
        "goal-indicator": "",
        "goal-baseline_year": "2026",
        "goal-baseline_value": "120",
        "goal-target_year": "2030",
        "goal-target_value": "90",
        "goal-direction": "down",
    }
    return {**data, **{f"goal-{k}": v for k, v in fields.items()}}


def test_bad_goals_and_actions_are_refused_in_dutch_and_nothing_is_stored(
    app, demo, decided
) -> None:
    staff = login_as(app.test_client(), "staff")
    _publish(staff, demo, decided)
    theme = _ranked(demo)[0]
    actor = create_user("cijfers@example.org", "een-lang-wachtwoord", "staff")
    figures = indicators.add(
        demo, indicators.IndicatorInput(theme.id, "Inbraken", "Politie", [(2026, 120)]), actor
    )
    measured = str(figures.id)
    cases = [
        (_goal(theme.id, indicator=measured, target_value=""), "een beginwaarde en een doelwaarde"),
        (_goal(theme.id, indicator=measured, target_value="veel"), "Geef een getal in cijfers"),
        (_goal(theme.id, indicator=measured, target_year="2025"), "moet na het beginjaar"),
        (_goal(theme.id, indicator=measured, target_value="130"), "beter zijn dan de beginwaarde"),
        (_goal(theme.id), "Kies de indicator"),
        (_goal(theme.id, indicator=measured, baseline_year="0"), "van 2000 tot en met 2100"),
    ]
    for data, message in cases:
        refused = _programme_post(staff, "/staff/campaigns/demo/programme/goals", data)
        assert refused.status_code == 422, data
        assert message in refused.get_data(as_text=True), message
    action = {
        "action-theme": str(theme.id),
        "action-what": "Voorlichtingsavond in elk dorp",
        "action-partner": "Politie",
        "action-due_on": "2031-03-01",
    }
    refused = _programme_post(staff, "/staff/campaigns/demo/programme/actions", action)
    assert refused.status_code == 422
    assert "Kies een datum in de planperiode, 2027 tot en met 2030." in refused.get_data(
        as_text=True
    )
    assert db.session.scalar(select(func.count()).select_from(Goal)) == 0
    assert db.session.scalar(select(func.count()).select_from(PlanAction)) == 0
    # A written goal's status needs its explanation; a year's figure needs a number.
    written = {"description": "Beleid geactualiseerd.", "kind": "written"}
    _done(staff, "/staff/campaigns/demo/programme/goals", _goal(theme.id, **written))
    goal = db.session.scalar(select(Goal))
    status = {"gs-on": "2028-01-15", "gs-status": "behind", "gs-note": ""}
    refused = _programme_post(staff, f"/staff/goals/{goal.id}/status", status)
    assert refused.status_code == 422
    assert "Er is niets opgeslagen: Uitleg: Licht de stand toe." in refused.get_data(as_text=True)
    value = {"iv-year": "2028", "iv-value": "veel"}
    refused = _programme_post(staff, f"/staff/indicators/{figures.id}/value", value)
    assert refused.status_code == 422 and "Geef een getal in cijfers" in refused.get_data(
        as_text=True
    )
    assert goal.updates == [] and [v.year for v in figures.values] == [2026]


def test_goals_and_actions_reach_the_outcome_the_json_and_the_progress_report(
    app, client, demo, decided
) -> None:
    staff = login_as(app.test_client(), "staff")
    _publish(staff, demo, decided)
    theme = _ranked(demo)[0]
    actor = create_user("cijfers@example.org", "een-lang-wachtwoord", "staff")
    figures = indicators.add(
        demo, indicators.IndicatorInput(theme.id, "Inbraken", "Politie", [(2026, 120)]), actor
    )
    goals_url = "/staff/campaigns/demo/programme/goals"
    _done(staff, goals_url, _goal(theme.id, indicator=str(figures.id), target_value="90,5"))
    written = {"description": "Beleid ondermijning geactualiseerd in 2028.", "kind": "written"}
    _done(staff, goals_url, _goal(theme.id, **written))
    action = {
        "action-theme": str(theme.id),
        "action-what": "Voorlichtingsavond in elk dorp",
        "action-partner": "Politie",
        "action-due_on": "2027-10-01",
    }
    _done(staff, "/staff/campaigns/demo/programme/actions", action)
    planned = db.session.scalar(select(PlanAction))
    for on, status in (("2027-03-01", "underway"), ("2027-10-02", "done")):
        update = {"au-on": on, "au-status": status, "au-note": f"Stand op {on}"}
        _done(staff, f"/staff/actions/{planned.id}/status", update)
    assert db.session.scalar(select(func.count()).select_from(ActionUpdate)) == 2
    # A year's figure for the indicator: 100 in 2028 is better than the path (105): on track.
    value = {"iv-year": "2028", "iv-value": "100"}
    _done(staff, f"/staff/indicators/{figures.id}/value", value)
    goals = db.session.scalars(select(Goal).order_by(Goal.id)).all()
    status = {"gs-on": "2028-01-15", "gs-status": "behind", "gs-note": "Wacht op het rijk."}
    _done(staff, f"/staff/goals/{goals[1].id}/status", status)

    shown = client.get("/api/v1/campaigns/demo/outcome").get_json()
    first = shown["priorities"][0]
    measured, described = first["goals"]
    assert measured["progress"] == "on_track"
    assert measured["target"] == {"year": 2030, "value": 90.5}
    assert measured["latest"] == {"year": 2028, "value": 100.0}
    assert described["progress"] == "behind"
    assert described["explained"] == {"on": "2028-01-15", "note": "Wacht op het rijk."}
    assert first["actions"][0]["status"] == "done"
    assert [u["status"] for u in first["actions"][0]["updates"]] == ["underway", "done"]
    html = client.get("/results/demo/uitkomst").get_data(as_text=True)
    assert "op koers" in html and "achter" in html and "klaar" in html

    report = staff.get("/results/demo/voortgang").get_data(as_text=True)
    assert "Voortgangsrapportage" in report and "Wacht op het rijk." in report
    pdf = staff.get("/results/demo/voortgang.pdf")
    assert pdf.mimetype == "application/pdf"
    text = " ".join(" ".join(page[1] for page in pdf_pages(pdf.data, dpi=50)).split())
    assert "Voorlichtingsavond in elk dorp" in text and "op koers" in text
    book = staff.get("/results/demo/voortgang.xlsx").data
    sheets = openpyxl.load_workbook(io.BytesIO(book)).sheetnames
    assert sheets == ["Prioriteiten", "Doelen", "Acties"]
    goals_sheet = pd.read_excel(io.BytesIO(book), sheet_name="Doelen")
    assert list(goals_sheet["stand"]) == ["op koers", "achter"]
    assert goals_sheet["doelwaarde"][0] == 90.5
    actions_sheet = pd.read_excel(io.BytesIO(book), sheet_name="Acties")
    assert actions_sheet["wanneer"][0].date() == date(2027, 10, 1)


def test_the_feedback_poster_lists_the_priorities_and_scans_to_the_outcome(
    app, demo, decided
) -> None:
    app.config["PUBLIC_BASE_URL"] = PUBLIC
    staff = login_as(app.test_client(), "staff")
    _publish(staff, demo, decided)
    ranked = _ranked(demo)
    for kind, count in (("poster-a4", 1), ("flyers-a6", 4)):
        response = staff.get(f"/staff/campaigns/demo/outcome/print/{kind}.pdf")
        ((_, text, image),) = pdf_pages(response.data)
        flat = " ".join(text.split())
        assert flat.count("U koos – dit gaan we doen") == count
        assert f"1. {ranked[0].title}" in flat and f"2. {ranked[2].title}" in flat
        assert qr_links(image) == [f"{PUBLIC}/u/demo"] * count
        assert flat.count("stem.westerkwartier.nl/u/demo") == count
    # The short link leads to the outcome page.
    assert staff.get("/u/demo").headers["Location"] == "/results/demo/uitkomst"


def test_residents_find_the_outcome_from_the_results_and_closed_pages(
    app, client, demo, decided
) -> None:
    staff = login_as(app.test_client(), "staff")
    _publish(staff, demo, decided)
    link = 'href="/results/demo/uitkomst"'
    publish_results(demo)
    assert link in client.get("/results/demo/openbaar").get_data(as_text=True)
    closed = client.get("/v/demo").get_data(as_text=True)
    assert "Stemmen is gesloten" in closed and link in closed


def test_an_indicators_trend_follows_each_new_figure_unless_staff_chose_it(app, demo) -> None:
    from participation.services.outcome import programme

    actor = create_user("cijfers@example.org", "een-lang-wachtwoord", "staff")
    theme = demo.themes[0]
    worked_out = indicators.add(
        demo, indicators.IndicatorInput(theme.id, "Aangiften", "Politie", [(2022, 100)]), actor
    )
    chosen = indicators.add(
        demo,
        indicators.IndicatorInput(theme.id, "Meldingen", "Politie", [(2022, 100)], "rising"),
        actor,
    )
    assert (worked_out.trend, chosen.trend) == ("stable", "rising")
    for indicator in (worked_out, chosen):
        programme.record_indicator_value(indicator, 2023, 70, actor)
    assert worked_out.trend == "falling"  # 100 → 70 follows the figures
    assert chosen.trend == "rising"  # what staff typed stays
    programme.record_indicator_value(worked_out, 2024, 101, actor)
    assert worked_out.trend == "stable"
