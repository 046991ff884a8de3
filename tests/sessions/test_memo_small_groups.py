"""The session memo goes to associations, council and police: no figures of fewer than 5
voters, and a total under 30 marked, in its page, its PDF and its workbook."""

from __future__ import annotations

import io

import pypdfium2
from openpyxl import load_workbook

from participation.services.accounts import create_user
from participation.services.sessions import prioritisation
from tests.conftest import login_as
from tests.results.test_report import COMMON, OWN, store_ballots


def _memo(app, demo):  # type: ignore[no-untyped-def]
    """A session drafted from the results, one decision each way; its page, PDF text, book."""
    actor = create_user("memo@example.org", "een-lang-wachtwoord", "staff")
    session = prioritisation.create(demo, "Sessie raad", 3, 3, actor, extra=3)
    first, second = session.shortlist[0].theme, session.shortlist[1].theme
    prioritisation.record_decision(
        session, first, True, "Veel stemmen en stijgende aangiften.", 1, actor
    )
    prioritisation.record_decision(
        session, second, False, "Al goed ingebed in het werk.", None, actor
    )
    staff = login_as(app.test_client(), "viewer")
    url = f"/staff/sessions/{session.id}/report"
    page = staff.get(url).get_data(as_text=True)
    pdf = pypdfium2.PdfDocument(staff.get(f"{url}.pdf").data)
    text = " ".join(" ".join(p.get_textpage().get_text_range().split()) for p in pdf)
    book = load_workbook(io.BytesIO(staff.get(f"{url}.xlsx").data))
    return session, page, text, book


def _sheet(book, name: str) -> list[tuple]:  # type: ignore[no-untyped-def]
    return list(book[name].iter_rows(values_only=True))[1:]


def test_a_campaign_of_3_voters_shows_no_votes_shares_or_ranks(app, demo) -> None:
    store_ballots(demo, "grootegast", 3, OWN)
    session, page, text, book = _memo(app, demo)
    # The drafted reason holds the figures of those 3 ("100% van de 3 stemmers").
    assert "van de 3 stemmers" in session.shortlist[0].reason
    for shown in (page, text):
        assert "Minder dan 5 inwoners stemden: te weinig om hun stemmen" in shown
        assert "van de 3 stemmers" not in shown and "100%" not in shown
        assert "Plaats bij inwoners" not in shown and "plaats bij inwoners" not in shown
        assert "Thema's gerangschikt op stemmen" not in shown
        assert "Top van het totaal van de inwoners" in shown  # why, without the figures
        assert "Veel stemmen en stijgende aangiften." in shown  # the decisions stay
    assert _sheet(book, "Uitslag inwoners") == [
        (
            None,
            "minder dan 5 stemmers: te klein om te tonen, zodat niemands keuze te herleiden is",
            None,
            "< 5",
            None,
            None,
            None,
        )
    ]
    assert {row[3] for row in _sheet(book, "Besluiten")} == {"< 5"}
    assert all("3 stemmers" not in row[1] for row in _sheet(book, "Shortlist"))


def test_12_voters_are_shown_and_marked_and_a_village_of_3_is_not_named(app, demo) -> None:
    store_ballots(demo, "leek", 9, COMMON)
    store_ballots(demo, "grootegast", 3, OWN)
    _, page, text, book = _memo(app, demo)
    for shown in (page, text):
        assert "Thema's gerangschikt op stemmen, 12 stemmers *" in shown
        assert "* minder dan 30 stemmen: lees met voorzichtigheid." in shown
        assert "Plaats bij inwoners: 1" in shown
        assert "Grootegast" not in shown  # 3 voters: never named as standing out
    residents = _sheet(book, "Uitslag inwoners")
    assert len(residents) == 12 and {row[3] for row in residents} == {12}
    assert {row[6] for row in residents} == {"ja: minder dan 30 stemmers, lees met voorzichtigheid"}
    assert all("Grootegast" not in (row[1] or "") for row in _sheet(book, "Shortlist"))
