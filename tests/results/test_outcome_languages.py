"""The outcome page in English or Polish only once staff wrote its texts in that language."""

from __future__ import annotations

import re

from sqlalchemy import select

from participation.extensions import db
from participation.models import AuditEvent, Decision, Goal, Outcome, PlanAction
from participation.services.accounts import create_user
from participation.services.outcome import programme
from participation.services.outcome.programme import GoalInput
from tests.conftest import csrf_token, login_as
from tests.results.test_outcome import _publish, _ranked, decided  # noqa: F401

TEXTS = "/staff/campaigns/demo/outcome/texts"
FIELD = re.compile(r'name="((?:outcome|decision|goal|action)-\d+-[a-z]+)"')


def _programme(demo) -> None:  # type: ignore[no-untyped-def]
    """A goal and an action under the first priority, typed in Dutch."""
    from participation.domain.programme import GoalKind

    actor = create_user("programma@example.org", "een-lang-wachtwoord", "staff")
    theme = _ranked(demo)[0]
    given = GoalInput(theme.id, "Beleid inbraakpreventie vernieuwd in 2028.", GoalKind.WRITTEN)
    programme.add_goal(demo, given, actor)
    programme.add_action(demo, theme.id, "Voorlichtingsavond in elk dorp", "Politie", None, actor)


def _english(record_kind: str, record_id: int, field: str) -> str:
    return f"EN {record_kind} {record_id} {field}"


def _fill(staff, language: str, skip: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    """Post the texts page with an English text for every field but the skipped ones."""
    page = staff.get(f"{TEXTS}/{language}").get_data(as_text=True)
    names = FIELD.findall(page)
    data = {"csrf_token": csrf_token(staff, f"{TEXTS}/{language}")}
    for name in names:
        kind, record_id, field = name.split("-")
        data[name] = "" if name in skip else _english(kind, int(record_id), field)
    return staff.post(f"{TEXTS}/{language}", data=data), names


def test_a_language_is_offered_on_the_outcome_only_once_all_its_typed_texts_exist(
    app,
    client,
    demo,
    decided,  # noqa: F811 (the fixture from test_outcome)
) -> None:
    staff = login_as(app.test_client(), "staff")
    assert _publish(staff, demo, decided).status_code == 303
    _programme(demo)
    ranked = _ranked(demo)

    # The campaign's own texts exist in English and Polish, the outcome's only in Dutch: one
    # language per page, Dutch, and the switch offers neither.
    for lang in ("en", "pl"):
        page = client.get(f"/results/demo/uitkomst?lang={lang}").get_data(as_text=True)
        assert '<html lang="nl">' in page and "Wat is er met uw stem gedaan?" in page
        assert "Veel inwoners noemden dit." in page
        assert ">English</a>" not in page and ">Polski</a>" not in page
    settings = staff.get("/staff/campaigns/demo/outcome").get_data(as_text=True)
    assert f'href="{TEXTS}/en"' in settings and f'href="{TEXTS}/pl"' in settings
    assert "nog niet aangeboden: er ontbreken teksten" in settings

    # The texts page lists every typed text with its Dutch beside it.
    form = staff.get(f"{TEXTS}/en").get_data(as_text=True)
    for dutch in (
        "De raad besloot op 24 juni.",
        "Veel inwoners noemden dit.",
        "Past bij de veiligheidsanalyse.",
        f"Niet gekozen: {ranked[1].title}.",
        "Beleid inbraakpreventie vernieuwd in 2028.",
        "Voorlichtingsavond in elk dorp",
    ):
        assert dutch in form, dutch

    # All but one reason: English is not offered yet, and the page says which text is missing.
    reason = next(d for d in decided.decisions if d.theme_id == ranked[1].id)
    saved, _ = _fill(staff, "en", skip=(f"decision-{reason.id}-rationale",))
    assert saved.status_code == 303
    partial = client.get("/results/demo/uitkomst?lang=en").get_data(as_text=True)
    assert '<html lang="nl">' in partial and ">English</a>" not in partial
    missing = staff.get(f"{TEXTS}/en").get_data(as_text=True)
    assert f'href="#decision-{reason.id}-rationale"' in missing

    # The partner may stay empty (a name such as 'Politie' or 'Halt' stays Dutch); the rest
    # complete: English is offered, and the page reads in English throughout.
    action = db.session.scalar(select(PlanAction))
    saved, _ = _fill(staff, "en", skip=(f"action-{action.id}-partner",))
    assert saved.status_code == 303
    english = client.get("/results/demo/uitkomst?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in english and "What was done with your vote?" in english
    outcome = db.session.get(Outcome, demo.id)
    goal = db.session.scalar(select(Goal))
    for kind, record_id, field in (
        ("outcome", outcome.campaign_id, "summary"),
        ("decision", reason.id, "rationale"),
        ("goal", goal.id, "description"),
        ("action", action.id, "what"),
    ):
        assert _english(kind, record_id, field) in english, (kind, field)
    for decision in db.session.scalars(select(Decision)):
        assert _english("decision", decision.id, "rationale") in english
        assert decision.rationale not in english
    assert "De raad besloot" not in english and "Voorlichtingsavond" not in english
    assert "(Politie" in english  # the partner's name, as typed
    # The Dutch page now offers English, not yet Polish; Polish still shows Dutch.
    dutch = client.get("/results/demo/uitkomst?lang=nl").get_data(as_text=True)
    assert ">English</a>" in dutch and ">Polski</a>" not in dutch
    assert '<html lang="nl">' in client.get("/results/demo/uitkomst?lang=pl").get_data(as_text=True)
    settings = staff.get("/staff/campaigns/demo/outcome").get_data(as_text=True)
    assert "aangeboden aan inwoners" in settings

    # Each save is in the audit log.
    saves = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "texts.save")).all()
    assert [s.target for s in saves] == ["outcome:demo", "outcome:demo"]


def test_the_outcome_texts_page_refuses_bad_input_and_escapes_what_is_typed(
    app,
    client,
    demo,
    decided,  # noqa: F811 (the fixture from test_outcome)
) -> None:
    staff = login_as(app.test_client(), "staff")
    assert _publish(staff, demo, decided).status_code == 303
    assert staff.get(f"{TEXTS}/nl").status_code == 404
    assert staff.get(f"{TEXTS}/de").status_code == 404
    assert staff.get("/staff/campaigns/geen-campagne/outcome/texts/en").status_code == 404
    viewer = login_as(app.test_client(), "viewer")
    assert viewer.get(f"{TEXTS}/en").status_code == 403

    outcome = db.session.get(Outcome, demo.id)
    key = f"outcome-{outcome.campaign_id}-summary"
    token = csrf_token(staff, f"{TEXTS}/en")
    too_long = staff.post(f"{TEXTS}/en", data={"csrf_token": token, key: "x" * 2001})
    assert too_long.status_code == 422
    assert "Gebruik hoogstens 2000 tekens." in too_long.get_data(as_text=True)
    assert db.session.get(Outcome, demo.id).translations == {}

    hostile = '<script>alert("x")</script> Council decided'
    _, names = _fill(staff, "en")
    data = {"csrf_token": token, **{n: "Reason in English" for n in names}, key: hostile}
    assert staff.post(f"{TEXTS}/en", data=data).status_code == 303
    english = client.get("/results/demo/uitkomst?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in english
    assert "<script>alert" not in english and "&lt;script&gt;alert" in english
    # The JSON contract stays Dutch, its keys as before.
    shown = client.get("/api/v1/campaigns/demo/outcome?lang=en").get_json()
    assert shown["priorities"][0]["reason"] == "Veel inwoners noemden dit."


def test_a_changed_dutch_text_takes_its_translations_away_until_written_again(
    app,
    client,
    demo,
    decided,  # noqa: F811 (the fixture from test_outcome)
) -> None:
    from participation.services.sessions import prioritisation

    staff = login_as(app.test_client(), "staff")
    assert _publish(staff, demo, decided).status_code == 303
    assert _fill(staff, "en")[0].status_code == 303
    texts_page = staff.get(f"{TEXTS}/en").get_data(as_text=True)
    assert 'href="/results/demo/uitkomst?lang=en"' in texts_page  # a preview in English
    assert '<html lang="en">' in client.get("/results/demo/uitkomst?lang=en").get_data(as_text=True)
    # The reason for the first priority is rewritten in the session: its old English goes.
    ranked = _ranked(demo)
    actor = create_user("herzien@example.org", "een-lang-wachtwoord", "staff")
    prioritisation.record_decision(decided, ranked[0], True, "Een nieuwe, betere reden.", 1, actor)
    decision = next(d for d in decided.decisions if d.theme_id == ranked[0].id)
    assert "rationale" not in decision.translations.get("en", {})
    page = client.get("/results/demo/uitkomst?lang=en").get_data(as_text=True)
    assert '<html lang="nl">' in page and "Een nieuwe, betere reden." in page
    assert f'href="#decision-{decision.id}-rationale"' in staff.get(f"{TEXTS}/en").get_data(
        as_text=True
    )
    # The same reason recorded again (chosen or not) keeps its English.
    assert _fill(staff, "en")[0].status_code == 303
    prioritisation.record_decision(decided, ranked[0], True, "Een nieuwe, betere reden.", 2, actor)
    assert '<html lang="en">' in client.get("/results/demo/uitkomst?lang=en").get_data(as_text=True)
    # A changed summary: the same.
    token = csrf_token(staff, "/staff/campaigns/demo/outcome")
    settings = {
        "csrf_token": token,
        "session": str(decided.id),
        "decided_on": "2027-06-24",
        "summary": "De raad besloot op 1 juli.",
        "plan_first_year": "2027",
        "plan_last_year": "2030",
    }
    assert staff.post("/staff/campaigns/demo/outcome", data=settings).status_code == 303
    page = client.get("/results/demo/uitkomst?lang=en").get_data(as_text=True)
    assert '<html lang="nl">' in page and "De raad besloot op 1 juli." in page
    assert db.session.get(Outcome, demo.id).translations.get("en", {}).get("summary") is None
