"""Each phone and tablet lists the themes in its own order; paper and the vote do not change."""

from __future__ import annotations

import re
import uuid

from sqlalchemy import select

from participation.extensions import db
from participation.models import Ballot, BallotChoice
from tests.conftest import csrf_token, paired_kiosk

SHOWN = re.compile(r'name="theme" value="(\d+)"')
SEED = re.compile(r'name="order_seed" value="([0-9a-f]+)"')


def shown_order(page: str) -> list[int]:
    return [int(n) for n in SHOWN.findall(page)]


def test_two_phones_see_the_themes_in_different_orders(client, demo) -> None:
    orders = {tuple(shown_order(client.get("/v/demo").get_data(as_text=True))) for _ in range(4)}
    assert len(orders) > 1
    assert all(sorted(order) == sorted(t.id for t in demo.themes) for order in orders)


def test_a_ballot_sent_back_with_an_error_keeps_its_order_and_the_order_is_not_stored(
    client, demo
) -> None:
    page = client.get("/v/demo").get_data(as_text=True)
    order, seed = shown_order(page), SEED.search(page).group(1)  # type: ignore[union-attr]
    data = {
        "csrf_token": csrf_token(client, "/v/demo"),
        "ballot_key": str(uuid.uuid4()),
        "village": "leek",
        "theme": [order[0]],  # too few: the page comes back
        "order_seed": seed,
    }
    again = client.post("/v/demo", data=data)
    assert again.status_code == 422
    assert shown_order(again.get_data(as_text=True)) == order
    data["theme"] = order[:6]
    assert client.post("/v/demo", data=data).status_code == 303
    ballot = db.session.scalars(select(Ballot)).one()
    stored = " ".join(str(getattr(ballot, c.key)) for c in Ballot.__table__.columns)
    assert seed not in stored
    assert sorted(db.session.scalars(select(BallotChoice.theme_id))) == sorted(order[:6])


def test_a_forged_seed_is_replaced_not_echoed(client, demo) -> None:
    data = {
        "csrf_token": csrf_token(client, "/v/demo"),
        "ballot_key": str(uuid.uuid4()),
        "village": "leek",
        "theme": [demo.themes[0].id],
        "order_seed": '"><script>alert(1)</script>',
    }
    page = client.post("/v/demo", data=data).get_data(as_text=True)
    assert "<script>alert(1)" not in page
    assert re.fullmatch(r"[0-9a-f]{16}", SEED.search(page).group(1))  # type: ignore[union-attr]


def test_the_order_staff_set_is_kept_when_the_campaign_asks_for_it(client, demo) -> None:
    demo.ballot_order = "fixed"
    db.session.commit()
    for _ in range(3):
        page = client.get("/v/demo").get_data(as_text=True)
        assert shown_order(page) == [t.id for t in demo.themes]


def test_the_paper_count_keeps_the_printed_order(staff_client, demo, stand) -> None:
    """Staff type a paper form's tallies in the order the paper lists the themes."""
    text = staff_client.get(f"/staff/stands/{stand.id}/paper").get_data(as_text=True)
    places = [text.index(t.title.replace("'", "&#39;")) for t in demo.themes]
    assert places == sorted(places)


def test_each_resident_at_a_tablet_gets_a_new_order(demo, stand) -> None:
    tablet = paired_kiosk(stand)
    orders = {
        tuple(shown_order(tablet.get(f"/stand/{stand.token}").get_data(as_text=True)))
        for _ in range(4)
    }
    assert len(orders) > 1


def test_staff_choose_the_order_on_the_campaign_form(staff_client, demo) -> None:
    page = staff_client.get("/staff/campaigns/demo/edit").get_data(as_text=True)
    assert 'name="ballot_order"' in page
    assert "een andere, willekeurige volgorde" in page


def test_the_themes_page_says_how_phones_order_them(staff_client, demo) -> None:
    page = staff_client.get("/staff/campaigns/demo").get_data(as_text=True)
    assert "per apparaat in een willekeurige volgorde" in page
    demo.ballot_order = "fixed"
    db.session.commit()
    page = staff_client.get("/staff/campaigns/demo").get_data(as_text=True)
    assert "in deze volgorde, net als het papieren formulier" in page


def test_the_council_report_says_how_the_themes_were_ordered(staff_client, demo) -> None:
    page = staff_client.get("/results/demo/rapport").get_data(as_text=True)
    assert "per apparaat in een willekeurige volgorde" in page
    demo.ballot_order = "fixed"
    db.session.commit()
    page = staff_client.get("/results/demo/rapport").get_data(as_text=True)
    assert "Alle thema&#39;s stonden op telefoons, tablets en papier in dezelfde volgorde" in page
