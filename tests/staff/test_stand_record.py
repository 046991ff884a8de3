"""The proces-verbaal proves the count on paper alone: every number that is signed is on it,
theme by theme for the tablet and both paper counters, with the names of who counted and closed."""

from __future__ import annotations

import subprocess

import pytest
from sqlalchemy import select

from participation.extensions import db
from participation.models import StaffUser
from tests.conftest import add_stand, login_as
from tests.results.test_report import COMMON, OWN, store_ballots
from tests.staff.test_four_eyes import second_counter
from tests.staff.test_paper import close, enter

ANNA = [9, 8, 7, 6, 5, 4, 3, 3, 3, 3, 3, 6]  # 60 votes from 10 participants
BRAM = [9, 8, 7, 6, 5, 4, 3, 3, 3, 3, 2, 7]  # one form read differently


def _record(app, stand) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """The record as a page, and its PDF as pdftotext reads it (layout kept, one line a row)."""
    staff = login_as(app.test_client(), "viewer")
    page = staff.get(f"/staff/stands/{stand.id}/record").get_data(as_text=True)
    pdf = staff.get(f"/staff/stands/{stand.id}/record.pdf").data
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    return page, text


def _named(email: str, name: str) -> None:
    user = db.session.scalar(select(StaffUser).where(StaffUser.email == email))
    user.display_name = name  # type: ignore[union-attr]
    db.session.commit()


def test_the_signed_record_shows_every_count_per_theme_and_who_counted(app, demo) -> None:
    stand = add_stand(demo, village="grootegast", starts_in_hours=-4, ends_in_hours=-1)
    store_ballots(demo, "grootegast", 12, OWN, channel="stand", stand=stand)
    store_ballots(demo, "leek", 40, COMMON)  # elsewhere in the campaign: not on this record
    anna, bram = login_as(app.test_client(), "staff"), second_counter(app)
    _named("staff@example.org", "Anna de Vries")
    _named("bram@example.org", "Bram Jansen")
    assert enter(anna, stand, demo, 10, ANNA).status_code == 302
    assert enter(bram, stand, demo, 10, BRAM).status_code == 302
    page, text = _record(app, stand)
    tablet = {theme.id: 12 if theme.position in OWN else 0 for theme in demo.themes}
    lines = {line.split("  ")[0].strip(): line.split() for line in text.splitlines()}
    for theme, a, b in zip(demo.themes, ANNA, BRAM, strict=True):
        row = next(
            words for start, words in lines.items() if start and theme.title.startswith(start)
        )
        numbers = [w for w in row if w.isdigit()]
        assert numbers[-3:] == [str(tablet[theme.id]), str(a), str(b)], (theme.title, row)
    assert "(wijkt af)" in text  # the two counters differ on two themes: the record says where
    for shown in (page, text):
        assert "Anna de Vries" in shown and "Bram Jansen" in shown
        assert "Intern document." in shown
        assert "Tijd van de stand" in shown and stand.place in shown
    assert text.count("(wijkt af)") == 2


def test_the_closer_is_named_and_an_unnamed_account_by_its_e_mail(app, demo) -> None:
    stand = add_stand(demo, village="grootegast", starts_in_hours=-4, ends_in_hours=-1)
    anna, bram = login_as(app.test_client(), "staff"), second_counter(app)
    _named("bram@example.org", "Bram Jansen")
    assert enter(anna, stand, demo, 10, ANNA).status_code == 302
    assert enter(bram, stand, demo, 10, ANNA).status_code == 302
    assert close(bram, stand).status_code == 200
    _, text = _record(app, stand)
    signatures = text[text.index("Handtekeningen") :]
    assert "staff@example.org" in signatures
    assert signatures.count("Bram Jansen") == 2  # second count, and closed by


@pytest.mark.parametrize(("ballots", "marked"), [(3, True), (12, False)])
def test_a_small_count_is_kept_and_marked(app, demo, ballots, marked) -> None:
    stand = add_stand(demo, village="grootegast", starts_in_hours=-4, ends_in_hours=-1)
    store_ballots(demo, "grootegast", ballots, OWN, channel="stand", stand=stand)
    page, text = _record(app, stand)
    assert f"<dt>Stemmen op de tablet</dt><dd>{ballots}</dd>" in page
    note = "Stemmen op de tablet: minder dan 5. De telling hoort bij het proces-verbaal"
    assert (note in page) is marked
    assert "Voor deze stand is geen papieren telling ingevoerd." in text
