"""Less that could identify a voter: times to the minute, ballot lists not in arrival order,
and no live top themes at a stand until there are enough ballots to hide one voter in."""

from __future__ import annotations

import csv
import io
import itertools

from sqlalchemy import select

from participation.extensions import db
from participation.models import Ballot, SurveyResponse
from tests.conftest import login_as, send_ballot
from tests.surveys.test_answering import post as answer_survey


def test_ballot_and_survey_times_are_kept_to_the_minute(app, demo) -> None:
    assert send_ballot(app.test_client(), demo).status_code == 303
    assert answer_survey(app.test_client()).status_code == 303
    for stored in (
        db.session.scalar(select(Ballot.created_at)),
        db.session.scalar(select(SurveyResponse.created_at)),
    ):
        assert (stored.second, stored.microsecond) == (0, 0)


def test_the_ballot_list_does_not_follow_the_order_of_arrival(app, demo) -> None:
    themes = [t.id for t in demo.themes]
    picks = list(itertools.combinations(themes, 6))[:25]
    client = app.test_client()
    for chosen in picks:
        assert send_ballot(client, demo, themes=list(chosen)).status_code == 303
    order_of_arrival = [frozenset(p) for p in picks]
    staff = login_as(app.test_client(), "viewer")
    rows = list(csv.reader(io.StringIO(staff.get("/results/demo/stemmen.csv").text)))
    header, rows = rows[0], rows[1:]
    by_title = {t.title: t.id for t in demo.themes}
    listed = [
        frozenset(
            by_title[title] for title, bit in zip(header[4:], row[4:], strict=True) if bit == "1"
        )
        for row in rows
    ]
    assert sorted(listed, key=sorted) == sorted(order_of_arrival, key=sorted)
    assert listed != order_of_arrival
    keys = {
        frozenset(c.theme_id for c in ballot.choices): ballot.ballot_key
        for ballot in db.session.scalars(select(Ballot))
    }
    assert [keys[pick] for pick in listed] == sorted(keys.values())
