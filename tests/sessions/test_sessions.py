"""A prioritisation session: shortlist from results, joining by code, dots per round, decisions."""

from __future__ import annotations

import io
import re

import pypdfium2
from openpyxl import load_workbook
from sqlalchemy import func, select

from participation.extensions import db
from participation.models import Participant, PrioritySession
from participation.services.sessions import prioritisation
from tests.conftest import csrf_token, login_as, send_ballot


def theme_ids(demo, *positions: int) -> list[int]:  # type: ignore[no-untyped-def]
    by_position = {t.position: t.id for t in demo.themes}
    return [by_position[p] for p in positions]


def make_session(app, demo, top: int = 4):  # type: ignore[no-untyped-def]
    """Ballots that rank themes 1-6 first, then a session made by staff from the results."""
    for _ in range(8):
        send_ballot(
            app.test_client(), demo, village="leek", themes=theme_ids(demo, 1, 2, 3, 4, 5, 6)
        )
    staff = login_as(app.test_client(), "staff")
    url = f"/staff/campaigns/{demo.slug}/sessions"
    response = staff.post(
        url,
        data={
            "csrf_token": csrf_token(staff, url),
            "title": "Sessie raad",
            "dots": "3",
            "top": str(top),
            "extra": "3",
        },
    )
    assert response.status_code == 303
    return staff, db.session.scalar(select(PrioritySession))


def join(app, session, group: str):  # type: ignore[no-untyped-def]
    phone = app.test_client()
    page = phone.get(f"/sessie?code={session.join_code.lower()}", follow_redirects=True)
    assert "Ik ben hier namens" in page.get_data(as_text=True)
    token = csrf_token(phone, f"/sessie/{session.join_code}")
    response = phone.post(
        f"/sessie/{session.join_code}", data={"csrf_token": token, "group": group}
    )
    assert response.status_code == 303
    return phone, response.headers["Location"]


def place(phone, url: str, dots: dict[int, int]):  # type: ignore[no-untyped-def]
    token = csrf_token(phone, "/staff/login")  # the dots page has no form once a round closes
    data = {"csrf_token": token, **{f"theme_{t}": str(n) for t, n in dots.items()}}
    return phone.post(url, data=data)


def test_the_shortlist_is_drawn_from_the_results(app, demo) -> None:
    _, session = make_session(app, demo, top=4)
    assert [item.theme_id for item in session.shortlist][:4] == theme_ids(demo, 1, 2, 3, 4)
    assert all(item.origin == "top" for item in session.shortlist[:4])
    assert session.current_round.number == 1 and session.current_round.is_open


def test_participants_place_dots_per_group_and_can_change_them_until_the_round_closes(
    app, demo
) -> None:
    staff, session = make_session(app, demo)
    first, second = theme_ids(demo, 1, 2)
    police, police_url = join(app, session, "police")
    council, council_url = join(app, session, "council")
    assert place(police, police_url, {first: 2, second: 1}).status_code == 303
    assert place(council, council_url, {first: 1}).status_code == 303
    # Changing replaces the earlier dots, it does not add to them.
    assert place(police, police_url, {first: 1, second: 2}).status_code == 303
    too_many = place(council, council_url, {first: 3, second: 1})
    assert too_many.status_code == 422
    assert "U hebt 4 stippen gezet; u mag er 3 zetten." in too_many.get_data(as_text=True)
    board = staff.get(f"/staff/sessions/{session.id}/board.json").get_json()
    dots = {theme["id"]: theme["dots"] for theme in board["themes"]}
    assert dots[first] == {
        "council": 1,
        "association": 0,
        "watch": 0,
        "police": 1,
        "staff": 0,
        "total": 2,
    }
    assert dots[second]["police"] == 2 and board["participants"] == 2 and board["round_open"]
    # The facilitator closes the round: a closed round takes no dots.
    token = csrf_token(staff, f"/staff/sessions/{session.id}")
    staff.post(f"/staff/sessions/{session.id}/round/close", data={"csrf_token": token})
    late = place(council, council_url, {second: 3})
    assert late.status_code == 422 and "Deze ronde is gesloten" in late.get_data(as_text=True)
    assert prioritisation.round_totals(session)[0].by_theme[second]["total"] == 2
    # A second round starts empty; the first keeps its totals.
    staff.post(f"/staff/sessions/{session.id}/round/next", data={"csrf_token": token})
    assert place(council, council_url, {second: 3}).status_code == 303
    totals = prioritisation.round_totals(session)
    assert [t.number for t in totals] == [1, 2]
    assert totals[0].by_theme[first]["total"] == 2 and totals[1].by_theme[second]["council"] == 3


def test_tokens_reach_only_their_own_session_and_can_be_revoked(app, demo) -> None:
    staff, session = make_session(app, demo)
    phone, url = join(app, session, "watch")
    assert app.test_client().get("/sessie/deelnemer/verzonnen").status_code == 404
    assert app.test_client().get("/sessie/ZZZZZZ").status_code == 404
    unknown = app.test_client().get("/sessie?code=ZZZZZZ")
    assert unknown.status_code == 404 and "Deze code kennen we niet" in unknown.get_data(
        as_text=True
    )
    place(phone, url, {theme_ids(demo, 1)[0]: 3})
    participant = db.session.scalar(select(Participant))
    token = csrf_token(staff, f"/staff/sessions/{session.id}")
    staff.post(
        f"/staff/sessions/{session.id}/participants/{participant.id}/revoke",
        data={"csrf_token": token},
    )
    assert phone.get(url).status_code == 404
    assert prioritisation.round_totals(session)[0].by_theme == {}  # revoked dots no longer count
    # Participant pages have no way into the staff area.
    assert phone.get(f"/staff/sessions/{session.id}/board.json").status_code == 302


def test_a_bad_group_or_expired_form_joins_nobody(app, demo) -> None:
    _, session = make_session(app, demo)
    phone = app.test_client()
    token = csrf_token(phone, f"/sessie/{session.join_code}")
    bad = phone.post(f"/sessie/{session.join_code}", data={"csrf_token": token, "group": "mayor"})
    assert bad.status_code == 422 and "Kies de groep waarvoor u hier bent." in bad.get_data(
        as_text=True
    )
    expired = phone.post(
        f"/sessie/{session.join_code}", data={"csrf_token": "oud", "group": "police"}
    )
    assert expired.status_code == 400 and "verlopen" in expired.get_data(as_text=True)
    assert db.session.scalar(select(Participant)) is None


def test_joining_again_from_the_same_phone_gives_no_second_budget(app, demo) -> None:
    _, session = make_session(app, demo)
    phone, dots_url = join(app, session, "police")
    for _ in range(4):  # the probe joined five times and got five budgets
        token = csrf_token(phone, "/staff/login")
        again = phone.post(
            f"/sessie/{session.join_code}", data={"csrf_token": token, "group": "council"}
        )
        assert again.status_code == 303 and again.headers["Location"] == dots_url
    assert phone.get(f"/sessie/{session.join_code}").headers["Location"] == dots_url
    assert db.session.scalar(select(func.count()).select_from(Participant)) == 1
    # Another phone is another participant.
    join(app, session, "council")
    assert db.session.scalar(select(func.count()).select_from(Participant)) == 2


def test_decisions_and_the_report_hold_everything(app, demo) -> None:
    staff, session = make_session(app, demo)
    first, second, third, fourth = theme_ids(demo, 1, 2, 3, 4)
    phone, url = join(app, session, "association")
    place(phone, url, {first: 2, third: 1})
    session_url = f"/staff/sessions/{session.id}"
    for theme, chosen, reason, field in [
        (first, "yes", "Veel stemmen en stijgende aangiften.", "1"),
        (second, "yes", "Dorpsbelangen noemen het overal.", "1"),
        (third, "yes", "Past bij de aanpak ondermijning.", "5"),
        (fourth, "no", "Verkeersveiligheid is nu voldoende ingebed in het werk.", "0"),
    ]:
        response = staff.post(
            f"{session_url}/decisions",
            data={
                "decide-csrf_token": csrf_token(staff, session_url),
                "decide-theme": str(theme),
                "decide-chosen": chosen,
                "decide-rationale": reason,
                "decide-safety_field": field,
            },
        )
        assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    short = staff.post(
        f"{session_url}/decisions",
        data={
            "decide-csrf_token": csrf_token(staff, session_url),
            "decide-theme": str(first),
            "decide-chosen": "yes",
            "decide-rationale": "kort",
        },
    )
    refused = short.get_data(as_text=True)
    assert short.status_code == 422 and "Gebruik 10 tot 4000 tekens." in refused
    assert "Kies het VNG-veiligheidsveld van deze prioriteit." in refused
    page = staff.get(f"{session_url}/report").get_data(as_text=True)
    for text in [
        "Top van het totaal van de inwoners",
        "Veel stemmen en stijgende aangiften.",
        "voldoende ingebed",
        "Stippen, ronde 1",
        "Gekozen prioriteiten",
    ]:
        assert text in page
    assert len(re.findall(r"<section class=\"decision\">", page)) == 4
    # The safety field by its name, not its number (the walk found "veld 5" on the memo).
    assert "VNG-veiligheidsveld: Integriteit en veiligheid" in page
    assert "VNG-veiligheidsveld 5" not in page
    pdf = staff.get(f"{session_url}/report.pdf")
    text = "".join(page.get_textpage().get_text_range() for page in pypdfium2.PdfDocument(pdf.data))
    assert "Gekozen prioriteiten" in text and "Past bij de aanpak ondermijning." in text
    assert "Top van het totaal van de inwoners" in text  # why each theme was on the shortlist
    book = load_workbook(io.BytesIO(staff.get(f"{session_url}/report.xlsx").data))
    decisions = [row for row in book["Besluiten"].iter_rows(values_only=True)][1:]
    assert [(row[1], row[4]) for row in decisions][3] == (
        "nee",
        "Verkeersveiligheid is nu voldoende ingebed in het werk.",
    )
    shortlist = list(book["Shortlist"].iter_rows(values_only=True))[1:]
    assert shortlist[0][1] == (
        "Top van het totaal van de inwoners: "
        "plaats 1 van 12; 100% van de 8 stemmers koos dit thema."
    )
    dots = [row for row in book["Stippen"].iter_rows(values_only=True) if row[1] and row[0] == 1]
    assert any(row[-1] == 2 for row in dots)


def test_the_demo_shortlist_is_the_top_n_and_the_strongest_m_stand_outs(app, demo) -> None:
    """With demo-like data (villages leaning their own ways), the draft holds at most N + M
    themes, each with its reason in figures; the stand-outs come strongest first."""
    import random

    from participation.chores.load import add_synthetic_ballots
    from participation.models import StaffUser
    from participation.services.accounts import create_user
    from participation.services.ballots import voting

    add_synthetic_ballots(voting.load_rules("demo"), 1500, random.Random(7), days=10)
    actor = create_user("s@example.org", "een-lang-wachtwoord", "staff")
    assert isinstance(actor, StaffUser)
    session = prioritisation.create(demo, "Sessie", 3, 6, actor, extra=3)
    items = session.shortlist
    assert 6 < len(items) <= 9  # the old draft took 11 of 12 themes
    assert [i.origin for i in items[:6]] == ["top"] * 6
    assert all(i.origin == "stands_out" for i in items[6:])
    for item in items:
        assert re.search(r"\d+%", item.reason), item.reason
    assert items[0].reason.startswith("plaats 1 van 12;")
    assert items[6].reason.startswith("in ") and "in de hele gemeente" in items[6].reason
    fewer = prioritisation.create(demo, "Sessie 2", 3, 4, actor, extra=0)
    assert len(fewer.shortlist) == 4


def test_the_stepper_works_without_javascript(app, demo) -> None:
    """Each + or - is a submit button: the server applies it and stores the dots; one past
    the budget is refused with the count placed and the count allowed."""
    _staff, session = make_session(app, demo)
    first, second = theme_ids(demo, 1, 2)
    phone, url = join(app, session, "watch")
    page = phone.get(url).get_data(as_text=True)
    assert "Nog 3 van 3 stippen over." in page
    assert (
        f'name="stap" value="{first}:1"' in page and "Eén stip meer op Verkeersveiligheid" in page
    )

    def tap(step: str, dots: dict[int, int]):  # type: ignore[no-untyped-def]
        token = csrf_token(phone, "/staff/login")
        data = {
            "csrf_token": token,
            "stap": step,
            **{f"theme_{t}": str(n) for t, n in dots.items()},
        }
        return phone.post(url, data=data)

    assert tap(f"{first}:1", {first: 0, second: 0}).status_code == 303
    assert tap(f"{first}:1", {first: 1, second: 0}).status_code == 303
    assert tap(f"{second}:1", {first: 2, second: 0}).status_code == 303
    assert prioritisation.my_dots(_participant(session), session.current_round) == {
        first: 2,
        second: 1,
    }
    page = phone.get(url).get_data(as_text=True)
    assert "Nog 0 van 3 stippen over." in page
    over = tap(f"{second}:1", {first: 2, second: 1})
    assert over.status_code == 422
    assert "U hebt 4 stippen gezet; u mag er 3 zetten." in over.get_data(as_text=True)
    assert tap(f"{first}:-1", {first: 2, second: 1}).status_code == 303
    assert "Nog 1 van 3 stippen over." in phone.get(url).get_data(as_text=True)
    assert tap(f"{first}:-1", {first: 0, second: 1}).status_code == 303  # never below zero


def _participant(session):  # type: ignore[no-untyped-def]
    return db.session.scalar(select(Participant).where(Participant.session_id == session.id))


def vote_with_small_villages(app, demo) -> None:  # type: ignore[no-untyped-def]
    """Leek 20 and Zuidhorn 6 voters; Grootegast 4 and Marum 10, both choosing the other six
    themes. (The council report counts Grootegast together with Zuidhorn, the smallest other
    village, so that the total minus the rest does not give Grootegast back.)"""
    ids = [theme.id for theme in demo.themes]
    groups = (
        ("leek", 20, ids[:6]),
        ("zuidhorn", 6, ids[:6]),
        ("grootegast", 4, ids[6:]),
        ("marum", 10, ids[6:]),
    )
    for village, voters, themes in groups:
        for _ in range(voters):
            send_ballot(app.test_client(), demo, village=village, themes=themes)


def test_the_memo_never_names_a_village_under_5_and_marks_one_under_30(app, demo) -> None:
    """The memo goes to associations and police: 'in Grootegast koos 100 %' of 4 voters
    would tell what those four chose."""
    from participation.services.accounts import create_user

    vote_with_small_villages(app, demo)
    actor = create_user("memo@example.org", "een-lang-wachtwoord", "staff")
    session = prioritisation.create(demo, "Sessie", 3, 3, actor, extra=3)
    reasons = " ".join(item.reason for item in session.shortlist)
    assert "Grootegast" not in reasons
    assert (
        "in Marum koos 100% van de 10 stemmers dit thema (minder dan 30 stemmers: onzeker)"
        in reasons
    )


def test_the_council_report_names_no_village_under_5_and_marks_one_under_30(app, demo) -> None:
    vote_with_small_villages(app, demo)
    staff = login_as(app.test_client(), "staff")
    report = staff.get("/results/demo/rapport").get_data(as_text=True)
    stands_out = report.split("Wat opvalt per dorp")[1].split("<h2")[0]
    assert "Wat opvalt in Grootegast" not in stands_out
    assert "Wat opvalt in Marum" in stands_out
    assert "Minder dan 30 stemmers (10): deze verschillen zijn onzeker." in stands_out
    assert '<th scope="row">Grootegast</th><td class="num" colspan="2">niet apart getoond †' in (
        report
    )


def test_the_projector_stays_in_presentation_mode_across_a_round_change(app, demo) -> None:
    """The walk found '?presentatie=True' after the redirect, where only 1 is recognised."""
    staff, session = make_session(app, demo)
    token = csrf_token(staff, f"/staff/sessions/{session.id}/board?presentatie=1")
    for action in ("close", "next"):
        moved = staff.post(
            f"/staff/sessions/{session.id}/round/{action}",
            data={"csrf_token": token, "terug": "board", "presentatie": "1"},
        )
        assert moved.status_code == 303
        assert moved.headers["Location"].endswith("/board?presentatie=1"), moved.headers
        board = staff.get(moved.headers["Location"]).get_data(as_text=True)
        assert 'name="presentatie" value="1"' in board
