"""Reordering themes: Up/Down buttons and a whole new order; votes never move with them."""

from __future__ import annotations

from sqlalchemy import select

from participation import caches
from participation.extensions import db
from participation.models import AuditEvent, Ballot, BallotChoice, Theme
from tests.conftest import csrf_token, login_as, send_ballot


def order(campaign) -> list[int]:  # type: ignore[no-untyped-def]
    db.session.expire_all()
    rows = db.session.scalars(
        select(Theme).where(Theme.campaign_id == campaign.id).order_by(Theme.position)
    ).all()
    return [t.id for t in rows]


def positions_and_bits(campaign) -> dict[int, tuple[int, int]]:  # type: ignore[no-untyped-def]
    db.session.expire_all()
    rows = db.session.scalars(select(Theme).where(Theme.campaign_id == campaign.id))
    return {t.id: (t.position, t.bit) for t in rows}


def move(staff, theme_id: int, direction: str):  # type: ignore[no-untyped-def]
    token = csrf_token(staff, "/staff/campaigns/demo")
    return staff.post(
        f"/staff/campaigns/demo/themes/{theme_id}/move",
        data={"csrf_token": token, "direction": direction},
    )


def reorder(staff, ids: list):  # type: ignore[no-untyped-def]
    token = csrf_token(staff, "/staff/campaigns/demo")
    return staff.post(
        "/staff/campaigns/demo/themes/order", data={"csrf_token": token, "theme": ids}
    )


def test_up_and_down_move_one_place_and_stay_put_at_the_ends(app, demo) -> None:
    staff = login_as(app.test_client(), "staff")
    ids = order(demo)
    page = staff.get("/staff/campaigns/demo").get_data(as_text=True)
    assert page.count('name="direction" value="up"') == 11
    assert page.count('name="direction" value="down"') == 11
    assert 'Omhoog<span class="visually-hidden">: ' in page

    response = move(staff, ids[0], "up")
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/staff/campaigns/demo#theme-{ids[0]}")
    assert order(demo) == ids
    assert "staat al bovenaan" in staff.get("/staff/campaigns/demo").get_data(as_text=True)
    assert move(staff, ids[-1], "down").status_code == 303
    assert order(demo) == ids

    assert move(staff, ids[0], "down").status_code == 303
    assert order(demo) == [ids[1], ids[0], *ids[2:]]
    assert move(staff, ids[-1], "up").status_code == 303
    assert order(demo) == [ids[1], ids[0], *ids[2:10], ids[11], ids[10]]
    assert sorted(p for p, _ in positions_and_bits(demo).values()) == list(range(1, 13))

    assert move(staff, ids[3], "sideways").status_code == 422
    assert move(staff, ids[3], "").status_code == 422
    assert staff.post(f"/staff/campaigns/demo/themes/{ids[3]}/move").status_code == 400


def test_a_whole_new_order_is_stored_and_audited(app, demo) -> None:
    staff = login_as(app.test_client(), "staff")
    ids = order(demo)
    bits = {theme_id: bit for theme_id, (_, bit) in positions_and_bits(demo).items()}
    new = list(reversed(ids))
    response = reorder(staff, [str(i) for i in new])
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/staff/campaigns/demo#themes")
    assert order(demo) == new
    assert {i: b for i, (_, b) in positions_and_bits(demo).items()} == bits
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "theme.reorder"))
    assert event.details == f"{', '.join(map(str, ids))} → {', '.join(map(str, new))}"
    assert "De nieuwe volgorde" in staff.get("/staff/campaigns/demo").get_data(as_text=True)


def test_an_order_that_does_not_name_every_theme_once_is_refused(app, demo) -> None:
    from participation.services.accounts import create_user
    from participation.services.campaigns import campaign_edits

    actor = create_user("ander@example.org", "een-lang-wachtwoord", "admin")
    other = campaign_edits.save_campaign(
        None,
        campaign_edits.CampaignData("ander", "Ander", "", "draft", None, None, 1, 1, False, []),
        actor,
    )
    foreign = Theme(
        campaign=other, title="Elders", explanation="", safety_field=1, position=1, bit=0
    )
    db.session.add(foreign)
    db.session.commit()
    foreign_id = foreign.id
    staff = login_as(app.test_client(), "staff")
    ids = order(demo)
    for given, reason in (
        (ids[:-1], "ontbreekt"),
        ([*ids[1:], foreign_id], "hoort niet bij deze raadpleging"),
        ([*ids, foreign_id], "hoort niet bij deze raadpleging"),
        ([*ids, ids[0]], "meer dan eens"),
        ([*ids[:-1], "x"], "niet als nummer"),
        ([], "ontbreekt"),
    ):
        response = reorder(staff, given)
        assert response.status_code == 422, given
        page = response.get_data(as_text=True)
        assert reason in page and 'role="alert"' in page
        assert order(demo) == ids
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "theme.reorder")) is None


def test_reordering_after_ballots_keeps_every_vote_with_its_theme(app, demo) -> None:
    client = app.test_client()
    themes = list(demo.themes)
    for chosen in (
        [t.id for t in themes[:6]],
        [t.id for t in themes[3:9]],
        [t.id for t in themes[6:]],
    ):
        assert send_ballot(client, demo, themes=chosen).status_code == 303
    staff = login_as(app.test_client(), "staff")

    def results() -> dict[int, dict]:
        caches.clear("results_counts")
        data = staff.get("/api/v1/campaigns/demo/results").get_json()
        return {row["id"]: row for row in data["themes"]}

    def stored() -> tuple:
        db.session.expire_all()
        masks = sorted(db.session.scalars(select(Ballot.choice_mask)))
        picks = sorted(db.session.execute(select(BallotChoice.ballot_id, BallotChoice.theme_id)))
        return masks, picks

    before, rows = results(), stored()
    ids = order(demo)
    assert reorder(staff, [str(i) for i in ids[::-1]]).status_code == 303
    assert move(staff, ids[5], "up").status_code == 303
    assert order(demo) != ids
    assert results() == before
    assert stored() == rows
    # A campaign that keeps staff's order (as on paper) shows the new order on the ballot
    # page, and a ballot cast now counts the same themes.
    demo.ballot_order = "fixed"
    db.session.commit()
    ballot = app.test_client().get("/v/demo").get_data(as_text=True)
    assert ballot.index(themes[11].title) < ballot.index(themes[0].title)
    assert send_ballot(client, demo, themes=[t.id for t in themes[:6]]).status_code == 303
    after = results()
    for theme in themes:
        assert after[theme.id]["votes"] == before[theme.id]["votes"] + (theme in themes[:6])


def test_viewers_see_no_buttons_and_may_not_reorder(app, demo) -> None:
    viewer = login_as(app.test_client(), "viewer")
    ids = order(demo)
    page = viewer.get("/staff/campaigns/demo").get_data(as_text=True)
    assert 'name="direction"' not in page and "theme-order.js" not in page
    token = csrf_token(viewer, "/staff/login")
    url = f"/staff/campaigns/demo/themes/{ids[1]}/move"
    assert viewer.post(url, data={"csrf_token": token, "direction": "up"}).status_code == 403
    data = {"csrf_token": token, "theme": [str(i) for i in ids[::-1]]}
    assert viewer.post("/staff/campaigns/demo/themes/order", data=data).status_code == 403
    assert order(demo) == ids
