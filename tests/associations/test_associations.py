"""Village associations: invited by link, see their village, give a view; never counted as votes."""

from __future__ import annotations

import io
import uuid

import pypdfium2
from openpyxl import load_workbook
from sqlalchemy import func, select

from participation.extensions import db
from participation.models import (
    Area,
    Association,
    AssociationView,
    AuditEvent,
    Ballot,
    Remark,
    Theme,
)
from participation.services.campaigns import associations
from participation.services.results import releases
from participation.services.results.counting import campaign_results
from tests.conftest import add_stand, csrf_token, login_as, send_ballot


def staff_once(app):  # type: ignore[no-untyped-def]
    """One logged-in staff client per app (the user can be created only once)."""
    if "test_staff" not in app.extensions:
        app.extensions["test_staff"] = login_as(app.test_client(), "staff")
    return app.extensions["test_staff"]


def register(app, demo, name: str = "Dorpsbelang Marum", village: str = "marum") -> Association:  # type: ignore[no-untyped-def]
    staff = staff_once(app)
    url = f"/staff/campaigns/{demo.slug}/associations"
    area = db.session.scalar(select(Area).where(Area.slug == village))
    response = staff.post(
        url,
        data={
            "csrf_token": csrf_token(staff, url),
            "name": name,
            "village": str(area.id),
            "contact_role": "secretaris",
        },
    )
    assert response.status_code == 303
    page = staff.get(url).get_data(as_text=True)
    association = db.session.scalar(select(Association).where(Association.name == name))
    assert f"/dorpsbelang/{association.token}" in page  # the invite link to send
    return association


def theme(demo, position: int) -> Theme:  # type: ignore[no-untyped-def]
    return next(t for t in demo.themes if t.position == position)


def send_view(client, association, ranking, remarks="") -> object:  # type: ignore[no-untyped-def]
    url = f"/dorpsbelang/{association.token}"
    data = {"csrf_token": csrf_token(client, url), "remarks": remarks}
    for place, (theme_id, reason) in enumerate(ranking, start=1):
        data[f"theme_{place}"] = str(theme_id)
        data[f"reason_{place}"] = reason
    return client.post(url, data=data)


def test_a_revised_view_replaces_the_earlier_one_keeps_history_and_no_votes(app, demo) -> None:
    for _ in range(3):
        send_ballot(app.test_client(), demo, village="marum")
    counts_before = [(r.theme.id, r.votes) for r in campaign_results(demo).total.themes]
    association = register(app, demo)
    client = app.test_client()
    first = send_view(
        client, association, [(theme(demo, 2).id, "Veel inbraken in de Meidoornlaan")]
    )
    assert first.status_code == 303
    second = send_view(
        client,
        association,
        [(theme(demo, 4).id, "Drugshandel bij de haven"), (theme(demo, 2).id, "Nog steeds")],
        remarks="Graag meer toezicht.",
    )
    assert second.status_code == 303
    db.session.expire_all()
    assert [v.version for v in association.views] == [1, 2]  # the history is kept
    current = associations.current_views(demo)
    assert [e.theme_id for e in current[0].view.themes] == [theme(demo, 4).id, theme(demo, 2).id]
    # Never mixed into the residents' counts.
    assert [(r.theme.id, r.votes) for r in campaign_results(demo).total.themes] == counts_before
    assert db.session.scalar(select(func.count()).select_from(Ballot)) == 3
    # Staff see the current view beside the results, and the earlier one in the history.
    staff = login_as(app.test_client(), "viewer")
    page = staff.get(f"/results/{demo.slug}?dorp=marum").get_data(as_text=True)
    assert "Dorpsbelang Marum" in page and "Drugshandel bij de haven" in page
    assert "Veel inbraken in de Meidoornlaan" not in page
    history = login_as(app.test_client(), "admin").get(f"/staff/campaigns/{demo.slug}/associations")
    assert "Veel inbraken in de Meidoornlaan" in history.get_data(as_text=True)


def test_the_association_page_shows_its_village_and_its_stand_remarks(app, demo) -> None:
    marum = register(app, demo)
    stand = add_stand(demo, village="marum")
    db.session.add(
        Remark(remark_key=uuid.uuid4(), stand_id=stand.id, text="Te hard gereden op de N381")
    )
    leek_stand = add_stand(demo, village="leek")
    db.session.add(
        Remark(remark_key=uuid.uuid4(), stand_id=leek_stand.id, text="Opmerking uit Leek")
    )
    db.session.commit()
    for _ in range(6):
        send_ballot(app.test_client(), demo, village="marum")
    page = app.test_client().get(f"/dorpsbelang/{marum.token}").get_data(as_text=True)
    assert "Te hard gereden op de N381" in page and "Opmerking uit Leek" not in page
    # Results are unpublished and the campaign does not show them early: not yet.
    assert "zodra de gemeente ze vrijgeeft" in page
    demo.associations_see_live = True
    db.session.commit()
    page = app.test_client().get(f"/dorpsbelang/{marum.token}").get_data(as_text=True)
    assert "zodra de gemeente ze vrijgeeft" in page  # shown early, but only what is released
    releases.release(demo, None)
    page = app.test_client().get(f"/dorpsbelang/{marum.token}").get_data(as_text=True)
    assert "Thema's gerangschikt op stemmen in Marum (6 stemmers)" in page
    # One more vote: the association's page, like the public one, waits for the next release
    # (reloading it after each vote would show what each resident chose).
    send_ballot(app.test_client(), demo, village="marum")
    page = app.test_client().get(f"/dorpsbelang/{marum.token}").get_data(as_text=True)
    assert "Marum (6 stemmers)" in page


def test_tokens_reach_only_their_own_association_and_can_be_revoked(app, demo) -> None:
    marum = register(app, demo)
    leek = register(app, demo, "Plaatselijk Belang Leek", "leek")
    page = app.test_client().get(f"/dorpsbelang/{leek.token}").get_data(as_text=True)
    assert "Plaatselijk Belang Leek" in page and "Dorpsbelang Marum" not in page
    assert app.test_client().get("/dorpsbelang/geraden-token").status_code == 404
    staff = staff_once(app)
    token = csrf_token(staff, f"/staff/campaigns/{demo.slug}/associations")
    old = marum.token
    staff.post(f"/staff/associations/{marum.id}/revoke", data={"csrf_token": token})
    assert app.test_client().get(f"/dorpsbelang/{old}").status_code == 404
    staff.post(f"/staff/associations/{marum.id}/new-link", data={"csrf_token": token})
    db.session.refresh(marum)
    assert marum.token != old
    assert app.test_client().get(f"/dorpsbelang/{marum.token}").status_code == 200
    actions = set(db.session.scalars(select(AuditEvent.action)))
    assert {"association.register", "association.revoke", "association.new_link"} <= actions


def test_bad_views_are_refused_with_a_reason_and_a_closed_campaign_takes_none(app, demo) -> None:
    marum = register(app, demo)
    client = app.test_client()
    twice = send_view(client, marum, [(theme(demo, 1).id, ""), (theme(demo, 1).id, "")])
    assert twice.status_code == 422
    assert "Elk thema kan maar één plaats hebben." in twice.get_data(as_text=True)
    empty = send_view(client, marum, [])
    assert "Kies minstens één thema." in empty.get_data(as_text=True)
    demo.status = "closed"
    db.session.commit()
    page = client.get(f"/dorpsbelang/{marum.token}").get_data(as_text=True)
    assert "De raadpleging is gesloten" in page
    late = client.post(
        f"/dorpsbelang/{marum.token}",
        data={"csrf_token": csrf_token(client, "/staff/login"), "theme_1": str(theme(demo, 1).id)},
    )
    assert late.status_code == 422
    assert db.session.scalar(select(func.count()).select_from(AssociationView)) == 0


def test_views_are_in_the_excel_export_and_the_report(app, demo) -> None:
    marum = register(app, demo)
    client = app.test_client()
    send_view(client, marum, [(theme(demo, 3).id, "Eerste gedachte")])
    send_view(client, marum, [(theme(demo, 5).id, "Na overleg in het bestuur")], remarks="Dank!")
    staff = staff_once(app)
    book = load_workbook(io.BytesIO(staff.get(f"/results/{demo.slug}/uitslag.xlsx").data))
    rows = list(book["Dorpsbelangen"].iter_rows(values_only=True))[1:]
    assert [(r[2], r[3], r[7]) for r in rows] == [
        (1, "nee", "Eerste gedachte"),
        (2, "ja", "Na overleg in het bestuur"),
    ]
    page = staff.get(f"/results/{demo.slug}/rapport").get_data(as_text=True)
    assert "Na overleg in het bestuur" in page and "Eerste gedachte" not in page
    pdf = staff.get(f"/results/{demo.slug}/rapport.pdf").data
    text = "".join(p.get_textpage().get_text_range() for p in pypdfium2.PdfDocument(pdf))
    assert "Visie van de dorpsbelangen" in text and "Na overleg in het bestuur" in text


def test_the_same_view_sent_twice_is_one_version(app, demo) -> None:
    marum = register(app, demo)
    client = app.test_client()
    view = [(theme(demo, 2).id, "Veel inbraken")]
    assert send_view(client, marum, view).status_code == 303
    assert send_view(client, marum, view).status_code == 303  # a double tap
    assert db.session.scalar(select(func.count()).select_from(AssociationView)) == 1
