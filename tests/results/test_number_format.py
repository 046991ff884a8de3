"""Numbers the Dutch way in pages and charts alike: 2.295, and shares rounded half up."""

from __future__ import annotations

import random
import re

import pytest
from flask import render_template_string

from participation.chores.load import add_synthetic_ballots
from participation.services.ballots import voting
from tests.conftest import login_as, publish_results

pytestmark = pytest.mark.sqlite_only  # how it is drawn: the same from either database


def test_pages_and_charts_write_2295_the_same_way(app, demo) -> None:
    add_synthetic_ballots(voting.load_rules("demo"), 2295, random.Random(3), days=5)
    staff = login_as(app.test_client(), "viewer")
    page = staff.get("/results/demo").get_data(as_text=True)
    chart = staff.get("/results/demo/grafiek/totaal.svg").get_data(as_text=True)
    assert "In totaal 2.295 deelnemers" in page and "n = 2.295" in page
    assert "n = 2.295" in chart
    # Every count of at least 1.000 on the page has its thousands point, as in the chart.
    assert not re.search(r">\s*\d{4,}\s*<", page)
    publish_results(demo)
    public = app.test_client().get("/results/demo/openbaar").get_data(as_text=True)
    assert "2.295 inwoners deden mee." in public
    english = app.test_client().get("/results/demo/openbaar?lang=en").get_data(as_text=True)
    assert "2,295 residents took part." in english


def test_a_share_of_exactly_52_5_percent_reads_53(app) -> None:
    with app.test_request_context("/"):
        assert render_template_string("{{ 0.525 | percent }}") == "53%"
        assert render_template_string("{{ 0.125 | percent }}") == "13%"  # not 12 (half to even)
        assert render_template_string("{{ 2295 | thousands }}") == "2.295"
