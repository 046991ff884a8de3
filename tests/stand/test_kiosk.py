"""The kiosk sync endpoint and link: idempotent, tied to the stand, only while it may."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from participation.extensions import db
from participation.models import Ballot, BallotChoice
from participation.timeutil import utcnow
from tests.conftest import paired_kiosk


@pytest.fixture
def tablet(client, stand):  # type: ignore[no-untyped-def]
    """The stand's tablet, paired by staff (the bare link sends nothing: test_kiosk_pairing)."""
    return paired_kiosk(stand, client)


def ballot(demo, village: str = "leek", key: str | None = None) -> dict:  # type: ignore[no-untyped-def]
    return {
        "ballot_key": key or str(uuid.uuid4()),
        "village": village,
        "themes": [t.id for t in demo.themes[:6]],
    }


def stored() -> int:
    return db.session.scalar(select(func.count()).select_from(Ballot)) or 0


def test_a_resent_batch_is_stored_once(tablet, demo, stand) -> None:
    batch = [ballot(demo), ballot(demo, "elders")]
    first = tablet.post(f"/stand/{stand.token}/ballots", json={"ballots": batch}).get_json()
    again = tablet.post(f"/stand/{stand.token}/ballots", json={"ballots": batch}).get_json()
    assert sorted(first["stored"]) == sorted(b["ballot_key"] for b in batch)
    assert sorted(again["duplicates"]) == sorted(b["ballot_key"] for b in batch)
    assert stored() == 2
    rows = db.session.scalars(select(Ballot)).all()
    assert {(b.channel, b.trust_level, b.stand_id) for b in rows} == {("stand", "stand", stand.id)}


def test_bad_ballots_in_a_batch_are_refused_and_the_rest_stored(tablet, demo, stand) -> None:
    good = ballot(demo)
    too_few = {**ballot(demo), "themes": [demo.themes[0].id]}
    garbled = {"ballot_key": "nonsense", "themes": ["x"]}
    report = tablet.post(
        f"/stand/{stand.token}/ballots", json={"ballots": [good, too_few, garbled, "junk"]}
    ).get_json()
    assert report["stored"] == [good["ballot_key"]]
    assert report["rejected"][too_few["ballot_key"]] == ["too_few"]
    assert "nonsense" in report["rejected"]
    assert stored() == 1


def test_a_garbled_sync_request_gets_400(tablet, demo, stand) -> None:
    response = tablet.post(
        f"/stand/{stand.token}/ballots", data="not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert (
        response.get_json()["error"]
        == "Wat er verstuurd is, konden we niet lezen. Er is niets opgeslagen."
    )


def test_an_unknown_kiosk_link_is_404(client, demo) -> None:
    assert client.get("/stand/not-a-token").status_code == 404
    assert client.post("/stand/not-a-token/ballots", json={"ballots": []}).status_code == 404


def test_a_revoked_link_takes_nothing(tablet, demo, stand) -> None:
    stand.revoked_at = utcnow()
    db.session.commit()
    assert "Deze kiosklink is uitgezet." in tablet.get(f"/stand/{stand.token}").get_data(
        as_text=True
    )
    report = tablet.post(f"/stand/{stand.token}/ballots", json={"ballots": [ballot(demo)]})
    assert list(report.get_json()["rejected"].values()) == [["not_open"]]
    assert stored() == 0


def test_queued_ballots_may_sync_after_the_end_but_the_page_is_closed(tablet, demo, stand) -> None:
    stand.ends_at = utcnow() - timedelta(minutes=30)
    db.session.commit()
    assert "De stand is afgelopen." in tablet.get(f"/stand/{stand.token}").get_data(as_text=True)
    report = tablet.post(f"/stand/{stand.token}/ballots", json={"ballots": [ballot(demo)]})
    assert len(report.get_json()["stored"]) == 1


def test_kiosk_pages_are_never_cached(tablet, demo, stand) -> None:
    assert tablet.get(f"/stand/{stand.token}").headers["Cache-Control"] == "no-store"
    worker = tablet.get("/stand/sw.js")
    assert worker.headers["Service-Worker-Allowed"] == "/stand/"


def test_the_no_javascript_kiosk_form_checks_the_pick_rule(tablet, demo, stand) -> None:
    response = tablet.post(
        f"/stand/{stand.token}",
        data={"ballot_key": str(uuid.uuid4()), "village": "leek", "theme": [demo.themes[0].id]},
    )
    assert response.status_code == 422
    assert "U heeft er nu 1 gekozen." in response.get_data(as_text=True)
    assert stored() == 0


def test_a_queued_key_replayed_with_other_choices_is_refused_and_changes_nothing(
    tablet, demo, stand
) -> None:
    first = ballot(demo)
    tablet.post(f"/stand/{stand.token}/ballots", json={"ballots": [first]})
    replay = {**first, "themes": [t.id for t in demo.themes[6:12]]}
    report = tablet.post(f"/stand/{stand.token}/ballots", json={"ballots": [replay]}).get_json()
    assert report["rejected"] == {first["ballot_key"]: ["ballot_key_reused"]}
    chosen = set(db.session.scalars(select(BallotChoice.theme_id)))
    assert chosen == {t.id for t in demo.themes[:6]}


def test_the_stand_page_shows_the_kiosk_link_as_a_qr_code_that_reads_back(app, demo, stand) -> None:
    import io

    import zxingcpp
    from PIL import Image

    from participation.renderers.qr import qr_png, qr_svg
    from tests.conftest import login_as

    app.config["PUBLIC_BASE_URL"] = "https://stem.westerkwartier.nl"
    link = f"https://stem.westerkwartier.nl/stand/{stand.token}"
    staff = login_as(app.test_client(), "staff")
    page = staff.get(f"/staff/stands/{stand.id}").get_data(as_text=True)
    assert f'src="/staff/stands/{stand.id}/kiosk-qr.svg"' in page and f">{link}</a>" in page
    svg = staff.get(f"/staff/stands/{stand.id}/kiosk-qr.svg")
    assert svg.mimetype == "image/svg+xml"
    assert svg.data == qr_svg(link)  # the code of exactly that link; its PNG twin reads back:
    # QR codes only: with some random tokens zxing also saw a second, bogus code of another
    # kind in the modules.
    found = zxingcpp.read_barcodes(
        Image.open(io.BytesIO(qr_png(link))), formats=zxingcpp.BarcodeFormat.QRCode
    )
    assert [code.text for code in found] == [link]
    viewer = login_as(app.test_client(), "viewer")
    assert viewer.get(f"/staff/stands/{stand.id}/kiosk-qr.svg").status_code == 403
