"""Remarks from the kiosk, the live stand view and the printable closing record."""

from __future__ import annotations

import uuid

from participation.extensions import db
from participation.models import Remark
from tests.conftest import login_as, paired_kiosk


def vote(client, stand, themes) -> None:  # type: ignore[no-untyped-def]
    body = {
        "ballots": [
            {"ballot_key": str(uuid.uuid4()), "village": "leek", "themes": [t.id for t in themes]}
        ]
    }
    assert client.post(f"/stand/{stand.token}/ballots", json=body).get_json()["stored"]


def test_a_resent_remark_is_stored_once_with_its_themes(client, demo, stand) -> None:
    client = paired_kiosk(stand, client)
    remark = {
        "remark_key": str(uuid.uuid4()),
        "text": "Te hard gereden op de Hoofdstraat.",
        "themes": [demo.themes[0].id, 999],
    }
    for _ in range(2):
        report = client.post(f"/stand/{stand.token}/remarks", json={"remarks": [remark]})
        assert report.get_json()["done"] == [remark["remark_key"]]
    stored = db.session.query(Remark).one()
    assert stored.text == remark["text"]
    assert [t.id for t in stored.themes] == [demo.themes[0].id]
    empty = {"remark_key": str(uuid.uuid4()), "text": "   "}
    report = client.post(f"/stand/{stand.token}/remarks", json={"remarks": [empty]}).get_json()
    assert report["refused"] == [empty["remark_key"]]


def test_the_no_javascript_remark_form(client, demo, stand) -> None:
    client = paired_kiosk(stand, client)
    response = client.post(
        f"/stand/{stand.token}/opmerking",
        data={
            "remark_key": str(uuid.uuid4()),
            "text": "Meer licht bij het fietspad.",
            "remark_theme": [demo.themes[0].id],
        },
    )
    assert response.status_code == 303
    response = client.post(
        f"/stand/{stand.token}/opmerking", data={"remark_key": str(uuid.uuid4()), "text": ""}
    )
    assert response.status_code == 422
    assert "Typ eerst de opmerking." in response.get_data(as_text=True)
    assert db.session.query(Remark).count() == 1


def test_staff_read_remarks_per_stand_and_per_theme(app, demo, stand) -> None:
    client = paired_kiosk(stand)
    for text, theme in (("Hardrijders", demo.themes[0]), ("Inbraak bij de buren", demo.themes[1])):
        client.post(
            f"/stand/{stand.token}/remarks",
            json={
                "remarks": [{"remark_key": str(uuid.uuid4()), "text": text, "themes": [theme.id]}]
            },
        )
    viewer = login_as(app.test_client(), "viewer")
    page = viewer.get(f"/staff/stands/{stand.id}").get_data(as_text=True)
    assert "Hardrijders" in page and "Inbraak bij de buren" in page
    page = viewer.get(f"/staff/campaigns/demo/remarks?thema={demo.themes[1].id}").get_data(
        as_text=True
    )
    assert "Inbraak bij de buren" in page
    assert "Hardrijders" not in page


def test_live_view_for_staff_and_optionally_for_residents(app, client, demo, stand) -> None:
    # About the live count, not the pace: 20 ballots within a second pass unpaced here
    # (the pace has its own tests in test_kiosk_pairing).
    app.config["KIOSK_PACE_SECONDS"] = 0
    client = paired_kiosk(stand, client)
    for _ in range(3):
        vote(client, stand, demo.themes[:6])
    vote(client, stand, demo.themes[6:])
    viewer = login_as(app.test_client(), "viewer")
    page = viewer.get(f"/staff/stands/{stand.id}/live").get_data(as_text=True)
    assert "4 stemmen tot nu toe" in page
    assert f"{demo.themes[0].title}: 3" in page
    assert "Tot nu toe" not in client.get(f"/stand/{stand.token}").get_data(as_text=True)
    demo.show_live_at_stand = True
    db.session.commit()
    page = client.get(f"/stand/{stand.token}").get_data(as_text=True)
    assert "Tot nu toe 4 stemmen bij deze stand." in page
    # With fewer than 10 ballots the top themes would be the last voters' own choices.
    assert "Vaakst gekozen" not in page
    for _ in range(6):
        vote(client, stand, demo.themes[:6])
    page = client.get(f"/stand/{stand.token}").get_data(as_text=True)
    assert "Tot nu toe 10 stemmen bij deze stand." in page
    assert f"Vaakst gekozen: {demo.themes[0].title}" in page
    top = page.split("Vaakst gekozen:")[1].split("</p>")[0]
    # Four residents in a row pick themes 4 to 9, which would lead a live count: the line
    # waits for the fifth, so the next in line cannot see what the one before chose.
    for count in range(11, 16):
        vote(client, stand, demo.themes[3:9])
        page = client.get(f"/stand/{stand.token}").get_data(as_text=True)
        assert f"Tot nu toe {count} stemmen bij deze stand." in page
        line = page.split("Vaakst gekozen:")[1].split("</p>")[0]
        assert (line == top) == (count < 15), count


def test_the_closing_record_shows_the_sign_off(app, demo, stand) -> None:
    from tests.conftest import csrf_token

    staff = login_as(app.test_client(), "staff")
    vote(paired_kiosk(stand), stand, demo.themes[:6])
    token = csrf_token(staff, f"/staff/stands/{stand.id}")
    staff.post(f"/staff/stands/{stand.id}/close", data={"csrf_token": token})
    page = staff.get(f"/staff/stands/{stand.id}/record").get_data(as_text=True)
    assert "Proces-verbaal van de veiligheidsstand" in page
    assert "staff@example.org" in page
    assert "<dt>Stemmen op de tablet</dt><dd>1</dd>" in page
