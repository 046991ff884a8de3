"""Hostile input to the theme import, move and order forms: never a 500, never half stored."""

from __future__ import annotations

from io import BytesIO

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select

from participation.extensions import db
from participation.models import AuditEvent, Theme
from participation.services.accounts import create_user
from participation.services.campaigns import campaign_edits
from tests.conftest import csrf_token, login_as
from tests.test_fuzz import FUZZ, hostile_text

cells = st.one_of(
    hostile_text,
    st.sampled_from(["Inbraak", "Woninginbraken", "1", "5", "Jeugd en veiligheid", "=1+1", ""]),
)
lines = st.lists(cells, max_size=4).flatmap(
    lambda row: st.sampled_from(["\t", ";", "|", ",", " "]).map(lambda sep: sep.join(row))
)
lists = st.lists(lines, max_size=12).flatmap(
    lambda rows: st.sampled_from(["\n", "\r\n", "\r"]).map(lambda end: end.join(rows))
)


def themes_and_audit(campaign_id: int) -> tuple[list[tuple], int]:
    db.session.expire_all()
    rows = db.session.execute(
        select(Theme.id, Theme.title, Theme.position, Theme.bit)
        .where(Theme.campaign_id == campaign_id)
        .order_by(Theme.position)
    ).all()
    events = db.session.scalar(
        select(func.count()).select_from(AuditEvent).where(AuditEvent.action.like("theme.%"))
    )
    db.session.rollback()
    return [tuple(row) for row in rows], events or 0


def test_hostile_lists_into_the_import(app) -> None:
    actor = create_user("opzet@example.org", "een-lang-wachtwoord", "admin")
    data = campaign_edits.CampaignData("fuzz", "Fuzz", "", "draft", None, None, 1, 1, False, [])
    campaign_id = campaign_edits.save_campaign(None, data, actor).id
    staff = login_as(app.test_client(), "staff")
    url = "/staff/campaigns/fuzz/themes/import"
    token = csrf_token(staff, url)

    @FUZZ
    @given(
        text=st.one_of(lists, hostile_text),
        upload=st.one_of(st.none(), st.binary(max_size=300), lists.map(str.encode)),
        confirm=st.sampled_from([None, "1", "0", "ja"]),
    )
    def check(text: str, upload: bytes | None, confirm: str | None) -> None:
        before, events = themes_and_audit(campaign_id)
        form: dict = {"csrf_token": token, "text": text}
        if upload is not None:
            form["file"] = (BytesIO(upload), "lijst.csv")
        if confirm is not None:
            form["confirm"] = confirm
        response = staff.post(url, data=form, content_type="multipart/form-data")
        # 413: the whole request is over the app's size limit, refused before it is read.
        assert response.status_code in (200, 303, 413, 422), response.status_code
        if response.status_code == 413:
            assert "Te veel gegevens" in response.get_data(as_text=True)
        after, events_after = themes_and_audit(campaign_id)
        if response.status_code != 303:
            assert after == before and events_after == events
            return
        added = len(after) - len(before)
        assert confirm == "1" and added >= 1 and events_after - events == added
        assert after[: len(before)] == before  # the old themes kept their place and bit
        assert len({bit for *_, bit in after}) == len(after)
        assert [position for _, _, position, _ in after] == sorted({p for _, _, p, _ in after})

    check()


def test_hostile_orders_and_moves(app, demo) -> None:
    staff = login_as(app.test_client(), "staff")
    token = csrf_token(staff, "/staff/campaigns/demo")
    ids = [str(theme.id) for theme in demo.themes]
    theme_values = st.one_of(hostile_text, st.sampled_from([*ids, "0", "-1", "999999999"]))
    orders = st.one_of(st.permutations(ids), st.lists(theme_values, max_size=15))

    @FUZZ
    @given(
        order=orders,
        direction=st.one_of(hostile_text, st.sampled_from(["up", "down"])),
        which=st.sampled_from(ids),
    )
    def check(order: list[str], direction: str, which: str) -> None:
        before, _ = themes_and_audit(demo.id)
        bits = {row[0]: row[3] for row in before}
        response = staff.post(
            "/staff/campaigns/demo/themes/order", data={"csrf_token": token, "theme": order}
        )
        assert response.status_code in (303, 422)
        after, _ = themes_and_audit(demo.id)
        if response.status_code == 422:
            assert after == before
        else:
            assert [str(row[0]) for row in after] == list(order)
        moved = staff.post(
            f"/staff/campaigns/demo/themes/{which}/move",
            data={"csrf_token": token, "direction": direction},
        )
        assert moved.status_code in (303, 422)
        final, _ = themes_and_audit(demo.id)
        assert {row[0]: row[3] for row in final} == bits  # no bit ever moves
        assert sorted(row[2] for row in final) == list(range(1, len(final) + 1)) or (
            final == before
        )

    check()
