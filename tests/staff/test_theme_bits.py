"""Votes never move between themes: a theme's bit is fixed, its place on the ballot is not."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select

from participation import caches
from participation.extensions import db
from participation.models import BallotChoice, Theme
from participation.services.results import counting
from tests.conftest import csrf_token, login_as, send_ballot


def move(staff, theme: Theme, position: int) -> int:  # type: ignore[no-untyped-def]
    token = csrf_token(staff, "/staff/campaigns/demo")
    response = staff.post(
        f"/staff/campaigns/demo/themes/{theme.id}/edit",
        data={
            "csrf_token": token,
            "title": theme.title,
            "explanation": theme.explanation,
            "safety_field": str(theme.safety_field),
            "position": str(position),
        },
    )
    db.session.expire_all()
    return response.status_code


def counted(demo) -> dict[int, int]:  # type: ignore[no-untyped-def]
    """Votes per theme as the results (from choice masks) report them."""
    caches.clear("results_counts")  # count afresh, not from the cache
    tally = counting.campaign_results(demo).total
    return {row.theme.id: row.votes for row in tally.themes}


def recorded() -> dict[int, int]:
    """Votes per theme from the BallotChoice rows, the record of each pick."""
    rows = db.session.execute(
        select(BallotChoice.theme_id, func.count()).group_by(BallotChoice.theme_id)
    )
    return {theme_id: n for theme_id, n in rows}


def test_moving_themes_after_ballots_keeps_every_vote_with_its_theme(app, demo) -> None:
    themes = list(demo.themes)
    picks = [
        [t.id for t in themes[:6]],
        [t.id for t in themes[6:]],
        [t.id for t in themes[::2]],
        [t.id for t in themes[3:9]],
    ]
    client = app.test_client()
    for chosen in picks:
        assert send_ballot(client, demo, themes=chosen).status_code == 303
    by_hand = Counter(theme_id for chosen in picks for theme_id in chosen)
    full = {t.id: by_hand.get(t.id, 0) for t in themes}
    assert counted(demo) == full

    staff = login_as(app.test_client(), "staff")
    assert move(staff, themes[11], 1) == 302  # the last theme to the top: swaps with the first
    assert move(staff, themes[4], 99) == 302  # far past the end: becomes the last
    assert db.session.get(Theme, themes[4].id).position == 12
    assert counted(demo) == full
    assert recorded() == {k: v for k, v in full.items() if v}

    # Ballots cast after the move count with the same themes, old and new alike.
    later = [themes[11].id, themes[4].id, themes[0].id, themes[1].id, themes[2].id, themes[3].id]
    assert send_ballot(client, demo, themes=later).status_code == 303
    by_hand.update(later)
    full = {t.id: by_hand.get(t.id, 0) for t in themes}
    assert counted(demo) == full
    assert recorded() == {k: v for k, v in full.items() if v}


def test_bits_are_given_once_and_never_reused_within_a_campaign(app, demo) -> None:
    bits = [t.bit for t in demo.themes]
    assert sorted(bits) == list(range(12))
    staff = login_as(app.test_client(), "staff")
    theme = demo.themes[0]
    assert move(staff, theme, 7) == 302
    assert db.session.get(Theme, theme.id).bit == bits[0]
