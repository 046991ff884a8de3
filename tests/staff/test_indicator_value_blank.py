"""A year's figure of only spaces is refused like an empty one, and nothing is stored."""

from __future__ import annotations

from flask import Flask

from participation.models import Campaign
from participation.services.accounts import create_user
from participation.services.campaigns import indicators
from tests.conftest import csrf_token, login_as


def test_a_figure_of_only_spaces_is_refused_in_dutch(app: Flask, demo: Campaign) -> None:
    staff = login_as(app.test_client(), "staff")
    actor = create_user("cijfers@example.org", "een-lang-wachtwoord", "staff")
    theme = demo.themes[0]
    figures = indicators.add(
        demo, indicators.IndicatorInput(theme.id, "Inbraken", "Politie", [(2026, 120)]), actor
    )
    token = csrf_token(staff, "/staff/campaigns/demo/programme")
    data = {"csrf_token": token, "iv-year": "2028", "iv-value": "   "}
    refused = staff.post(f"/staff/indicators/{figures.id}/value", data=data)
    assert refused.status_code == 422
    assert "Er is niets opgeslagen: Waarde: Vul de waarde in." in refused.get_data(as_text=True)
    assert [value.year for value in figures.values] == [2026]
