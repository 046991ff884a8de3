"""Hostile text into the village forms and the import: never a 500, stored whole or not at all."""

from __future__ import annotations

import io

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select, text

from participation.extensions import db
from participation.models import Area, AreaSlugAlias
from tests.conftest import csrf_token, login_as
from tests.test_fuzz import FUZZ, hostile_text

FIELDS = ("name", "slug", "population", "postcodes")


def state() -> tuple[int, int, str]:
    """How many villages and aliases, and every village's fields."""
    villages = db.session.scalar(select(func.count()).select_from(Area)) or 0
    aliases = db.session.scalar(select(func.count()).select_from(AreaSlugAlias)) or 0
    rows = db.session.execute(
        text("SELECT id, name, slug, population, postcodes FROM area ORDER BY id")
    ).all()
    db.session.rollback()
    return villages, aliases, repr(rows)


def test_new_and_edit_forms(app, demo) -> None:
    staff = login_as(app.test_client(), "staff")
    token = csrf_token(staff, "/staff/villages/new")
    marum = db.session.scalar(select(Area.id).where(Area.slug == "marum"))

    @FUZZ
    @given(
        fields=st.fixed_dictionaries({name: hostile_text for name in FIELDS}), edit=st.booleans()
    )
    def check(fields: dict, edit: bool) -> None:
        before = state()
        url = f"/staff/villages/{marum}" if edit else "/staff/villages/new"
        response = staff.post(url, data={"csrf_token": token, **fields})
        assert response.status_code in (303, 422), response.status_code
        after = state()
        if response.status_code == 422:
            assert after == before  # a refusal stores nothing
        elif not edit:
            assert after[0] == before[0] + 1

    check()


def test_import_preview_and_confirm(app, demo) -> None:
    staff = login_as(app.test_client(), "staff")
    token = csrf_token(staff, "/staff/villages/import")
    cells = st.one_of(hostile_text, st.sampled_from(["Ezinge", "9891", "1.650", "leek", ""]))
    rows = st.lists(st.lists(cells, max_size=5), max_size=6)
    heading = st.sampled_from(["naam;slug;inwoners;postcodes", "name,population", "naam", "x"])

    @FUZZ
    @given(heading=heading, rows=rows, sep=st.sampled_from([";", ","]), upload=st.booleans())
    def check(heading: str, rows: list, sep: str, upload: bool) -> None:
        body = heading + "\n" + "\n".join(sep.join(row) for row in rows)
        before = state()
        if upload:
            data = body.encode("utf-8", "surrogatepass")
            form = {"csrf_token": token, "file": (io.BytesIO(data), "x.csv")}
        else:
            form = {"csrf_token": token, "text": body}
        preview = staff.post(
            "/staff/villages/import", data=form, content_type="multipart/form-data"
        )
        assert preview.status_code in (200, 422)
        assert state() == before  # the preview stores nothing
        confirm = {"csrf_token": token, "text": body, "confirm": "1"}
        stored = staff.post("/staff/villages/import", data=confirm)
        assert stored.status_code in (303, 422)
        if stored.status_code == 422:
            assert state() == before

    check()


def test_two_hundred_postcodes_are_refused_in_dutch_on_every_form(app, demo) -> None:
    """999 characters of postcodes: PostgreSQL's column holds 500, so the forms refuse first."""
    codes = " ".join(str(code) for code in range(1000, 1200))
    assert len(codes) == 999
    staff = login_as(app.test_client(), "staff")
    marum = db.session.scalar(select(Area.id).where(Area.slug == "marum"))
    before = state()
    token = csrf_token(staff, "/staff/villages/new")
    for url, data in (
        ("/staff/villages/new", {"name": "Ezinge", "postcodes": codes}),
        (f"/staff/villages/{marum}", {"name": "Marum", "slug": "marum", "postcodes": codes}),
        ("/staff/villages", {f"postcodes_{marum}": codes}),
    ):
        response = staff.post(url, data={"csrf_token": token, **data})
        assert response.status_code == 422, url
        assert "postcodes" in response.get_data(as_text=True), url
    assert state() == before
