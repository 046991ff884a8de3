"""The proces-verbaal keeps a stand's counts, which are the record, and shows no votes per
theme: beside the village's figures in the council report they would give choices away."""

from __future__ import annotations

import pypdfium2
import pytest

from tests.conftest import add_stand, login_as
from tests.results.test_report import COMMON, OWN, store_ballots


def _record(app, stand) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    staff = login_as(app.test_client(), "viewer")
    page = staff.get(f"/staff/stands/{stand.id}/proces-verbaal").get_data(as_text=True)
    pdf = pypdfium2.PdfDocument(staff.get(f"/staff/stands/{stand.id}/proces-verbaal.pdf").data)
    text = " ".join(" ".join(p.get_textpage().get_text_range().split()) for p in pdf)
    return page, text


@pytest.mark.parametrize(("ballots", "marked"), [(3, True), (12, False)])
def test_the_record_keeps_the_count_and_shows_no_theme(app, demo, ballots, marked) -> None:
    stand = add_stand(demo, village="grootegast", starts_in_hours=-4, ends_in_hours=-1)
    store_ballots(demo, "grootegast", ballots, OWN, channel="stand", stand=stand)
    store_ballots(demo, "leek", 40, COMMON)  # elsewhere in the campaign: not on this record
    page, text = _record(app, stand)
    record = page.split('<article class="record">')[1].split("</article>")[0]
    for shown in (record, text):
        assert (
            "Dit proces-verbaal bevat de tellingen van de stand, niet wat inwoners kozen" in shown
        )
        # No theme, share or rank of these voters, however many they are.
        assert not any(t.title in shown for t in demo.themes)
        assert "%" not in shown
        note = "Stemmen op de tablet: minder dan 5. De telling hoort bij het proces-verbaal"
        assert (note in shown) is marked
    # The count is the record: kept, also when it is 3.
    assert f"<dt>Stemmen op de tablet</dt><dd>{ballots}</dd>" in page
    assert f"Stemmen op de tablet {ballots} Deelnemers op papier" in text


def test_a_paper_count_of_3_is_kept_and_marked(app, demo) -> None:
    from tests.staff.test_four_eyes import second_counter
    from tests.staff.test_paper import enter

    stand = add_stand(demo, village="grootegast", starts_in_hours=-4, ends_in_hours=-1)
    anna, bram = login_as(app.test_client(), "staff"), second_counter(app)
    counts = [3, 3, 3, 3, 3, 3, 0, 0, 0, 0, 0, 0]
    assert enter(anna, stand, demo, 3, counts).status_code == 302
    assert enter(bram, stand, demo, 3, counts).status_code == 302
    page, text = _record(app, stand)
    assert "<dt>Deelnemers op papier</dt><dd>3</dd>" in page
    for shown in (page, text):
        assert "Deelnemers op papier: minder dan 5. De telling hoort bij" in shown
        assert "Stemmen op de tablet: minder dan 5" not in shown  # no ballots on the tablet
        assert not any(t.title in shown for t in demo.themes)
