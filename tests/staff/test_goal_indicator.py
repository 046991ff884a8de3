"""A measurable goal can name its new indicator in the goal form: both stored, or neither."""

from __future__ import annotations

from sqlalchemy import func, select

from participation.extensions import db
from participation.models import AuditEvent, Goal, Indicator
from participation.services.accounts import create_user
from participation.services.campaigns import indicators
from tests.conftest import login_as
from tests.results.test_outcome import (  # noqa: F401
    _goal,
    _programme_post,
    _publish,
    _ranked,
    decided,
)

GOALS = "/staff/campaigns/demo/programme/goals"
INDICATORS_PAGE = 'href="/staff/campaigns/demo/indicators"'


def _count(model) -> int:  # type: ignore[no-untyped-def]
    return db.session.scalar(select(func.count()).select_from(model)) or 0


def test_a_measurable_goal_adds_its_new_indicator_in_the_same_submit(
    app,
    client,
    demo,
    decided,  # noqa: F811 (the fixture from test_outcome)
) -> None:
    staff = login_as(app.test_client(), "staff")
    _publish(staff, demo, decided)
    theme = _ranked(demo)[0]
    page = staff.get("/staff/campaigns/demo/programme").get_data(as_text=True)
    # No indicators yet: no empty list to choose from, but the fields for a new one, and the
    # way to the indicators page for figures of several years.
    assert 'name="goal-indicator"' not in page
    assert 'name="goal-new_indicator"' in page and 'name="goal-new_indicator_source"' in page
    assert INDICATORS_PAGE in page

    data = _goal(
        theme.id, new_indicator="Woninginbraken (aangiften)", new_indicator_source="Politie"
    )
    del data["goal-indicator"]  # not on the page: there is nothing to choose yet
    added = _programme_post(staff, GOALS, data)
    assert added.status_code == 303, added.get_data(as_text=True)[-2000:]
    indicator = db.session.scalar(select(Indicator))
    assert (indicator.name, indicator.source, indicator.theme_id) == (
        "Woninginbraken (aangiften)",
        "Politie",
        theme.id,
    )
    # The goal's baseline is the indicator's first figure.
    assert [(v.year, v.value) for v in indicator.values] == [(2026, 120.0)]
    goal = db.session.scalar(select(Goal))
    assert goal.indicator_id == indicator.id and goal.kind == "measurable"
    actions = db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions[-2:] == ["indicator.add", "goal.add"]
    shown = client.get("/api/v1/campaigns/demo/outcome").get_json()
    assert shown["priorities"][0]["goals"][0]["indicator"] == "Woninginbraken (aangiften)"
    assert shown["priorities"][0]["goals"][0]["progress"] == "no_figures"
    # The next goal can choose it from the list, and the indicators page shows it.
    page = staff.get("/staff/campaigns/demo/programme").get_data(as_text=True)
    assert 'name="goal-indicator"' in page and "Woninginbraken (aangiften)" in page
    assert "Woninginbraken (aangiften)" in staff.get("/staff/campaigns/demo/indicators").get_data(
        as_text=True
    )


def test_a_goal_that_is_refused_leaves_no_indicator_behind(
    app,
    demo,
    decided,  # noqa: F811 (the fixture from test_outcome)
) -> None:
    staff = login_as(app.test_client(), "staff")
    _publish(staff, demo, decided)
    theme = _ranked(demo)[0]

    # Neither chosen nor named, with no indicators at all: the message sits at the new one.
    neither = _programme_post(staff, GOALS, _goal(theme.id))
    html = neither.get_data(as_text=True)
    assert neither.status_code == 422
    assert "Kies de indicator die het doel meet, of geef hieronder een nieuwe op." in html
    assert 'href="#goal-new_indicator-field"' in html and INDICATORS_PAGE in html

    cases = [
        (_goal(theme.id, new_indicator="Inbraken", target_year="2025"), "moet na het beginjaar"),
        (_goal(theme.id, new_indicator="Inbraken", target_value=""), "een beginwaarde en een"),
        (_goal(theme.id, new_indicator="x" * 201), "Gebruik hoogstens 200 tekens"),
        (_goal(theme.id, new_indicator="Inbraken", new_indicator_source="y" * 201), "200 tekens"),
        (_goal(theme.id, new_indicator="Inbraken", description=""), "Beschrijf het doel."),
    ]
    for data, message in cases:
        refused = _programme_post(staff, GOALS, data)
        html = refused.get_data(as_text=True)
        assert refused.status_code == 422, data
        assert message in html, message
    # What was typed stays in the form.
    assert 'value="Inbraken"' in html
    assert (_count(Indicator), _count(Goal)) == (0, 0)

    # With indicators to choose from: one of them or a new one, not both.
    actor = create_user("cijfers@example.org", "een-lang-wachtwoord", "staff")
    known = indicators.add(
        demo, indicators.IndicatorInput(theme.id, "Aangiften", "Politie", [(2026, 120)]), actor
    )
    both = _programme_post(
        staff, GOALS, _goal(theme.id, indicator=str(known.id), new_indicator="N")
    )
    assert both.status_code == 422
    assert "Kies een bestaande indicator of geef een nieuwe op, niet allebei." in both.get_data(
        as_text=True
    )
    neither = _programme_post(staff, GOALS, _goal(theme.id))
    assert 'href="#goal-indicator-field"' in neither.get_data(as_text=True)
    # A new one named as one already there (case and spaces aside): choose that one instead.
    twice = _programme_post(staff, GOALS, _goal(theme.id, new_indicator=" aangiften "))
    assert twice.status_code == 422
    assert "Er is al een indicator met deze naam" in twice.get_data(as_text=True)
    assert (_count(Indicator), _count(Goal)) == (1, 0)

    # A written goal has no indicator: a name typed there is not stored.
    written = _goal(theme.id, kind="written", new_indicator="Vergeten veld")
    assert _programme_post(staff, GOALS, written).status_code == 303
    assert (_count(Indicator), _count(Goal)) == (1, 1)
