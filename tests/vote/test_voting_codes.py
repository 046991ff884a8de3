"""Single-use voting codes: staff print them, a code casts exactly one ballot, guessing is slow."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

from participation.extensions import db
from participation.models import AuditEvent, Ballot, VotingCode
from participation.services.accounts import create_user
from participation.services.ballots import codes
from tests.conftest import csrf_token, login_as, new_phone, send_ballot
from tests.staff.test_posters import pdf_pages, qr_links


def make_codes(demo, count: int = 3, label: str = "huis-aan-huis-marum") -> list[str]:  # type: ignore[no-untyped-def]
    staff = create_user("codes@example.org", "een-lang-wachtwoord", "staff")
    batch = codes.generate_batch(demo, count, label, staff)
    return [code.code for code in batch.codes]


def vote_with_code(client, demo, code: str, same_phone: bool = False, **fields):  # type: ignore[no-untyped-def]
    if not same_phone:
        new_phone(client)
    data = {
        "csrf_token": csrf_token(client, "/staff/login"),
        "ballot_key": str(uuid.uuid4()),
        "village": "marum",
        "theme": [theme.id for theme in demo.themes[:6]],
        "code": code,
    }
    data.update(fields)
    return client.post("/v/demo", data=data)


def ballots() -> list[Ballot]:
    return list(db.session.scalars(select(Ballot).order_by(Ballot.id)))


def test_staff_make_a_batch_and_print_its_codes_as_slips_that_scan(app, demo) -> None:
    app.config["PUBLIC_BASE_URL"] = "https://stem.westerkwartier.nl"  # else: VOORBEELD slips
    staff = login_as(app.test_client(), "staff")
    token = csrf_token(staff, "/staff/campaigns/demo/codes")
    response = staff.post(
        "/staff/campaigns/demo/codes",
        data={"csrf_token": token, "count": "20", "label": "huis-aan-huis-marum"},
    )
    assert response.status_code == 303
    page = staff.get("/staff/campaigns/demo/codes").get_data(as_text=True)
    assert "20 stemcodes gemaakt." in page
    assert "huis-aan-huis-marum" in page and "Ongebruikte codes als pdf (20)" in page
    stored = list(db.session.scalars(select(VotingCode.code)))
    assert len(set(stored)) == 20

    batch_id = db.session.scalar(select(VotingCode.batch_id))
    pdf = staff.get(f"/staff/campaigns/demo/codes/{batch_id}.pdf")
    assert pdf.mimetype == "application/pdf"
    pages = pdf_pages(pdf.data, dpi=200)
    assert len(pages) == 3  # 8 + 8 + 4 slips
    printed_codes = {f"{code[:4]}-{code[4:]}" for code in stored}
    first_page_links = qr_links(pages[0][2])
    assert len(first_page_links) == 8
    for link in first_page_links:
        assert link.startswith("https://stem.westerkwartier.nl/v/demo?code=")
        code = link.split("code=")[1].split("&")[0]
        assert code in printed_codes and code in pages[0][1]
        assert link.endswith("&bron=huis-aan-huis-marum")
    actions = list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))
    assert actions[-2:] == ["codes.generate", "codes.download"]


def test_a_code_casts_exactly_one_ballot(client, demo) -> None:
    code, *_ = make_codes(demo)
    assert vote_with_code(client, demo, code).status_code == 303
    again = vote_with_code(client, demo, code, village="leek")
    assert again.status_code == 422
    page = again.get_data(as_text=True)
    assert "Deze stemcode kennen we niet, of hij is al gebruikt." in page
    assert 'value="leek" selected' in page  # the choices are kept
    assert [ballot.trust_level for ballot in ballots()] == ["code"]
    assert db.session.scalar(select(VotingCode.used).where(VotingCode.code == code)) is True


def test_a_code_lets_a_household_share_a_phone_that_has_voted(client, demo) -> None:
    first, second, _ = make_codes(demo)
    assert send_ballot(client, demo).status_code == 303
    assert send_ballot(client, demo, same_phone=True).status_code == 409
    assert vote_with_code(client, demo, first.lower(), same_phone=True).status_code == 303
    assert (
        vote_with_code(client, demo, f"{second[:4]} {second[4:]}", same_phone=True).status_code
        == 303
    )
    assert [ballot.trust_level for ballot in ballots()] == ["device", "code", "code"]


@pytest.mark.parametrize("code", ["ABCD-EFGH", "!!", "x" * 20])
def test_unknown_or_garbled_codes_store_nothing(client, demo, code) -> None:
    make_codes(demo)
    response = vote_with_code(client, demo, code)
    assert response.status_code == 422
    assert "Deze stemcode kennen we niet" in response.get_data(as_text=True)
    assert ballots() == []


def test_a_resent_ballot_with_its_code_still_thanks(client, demo) -> None:
    code, *_ = make_codes(demo)
    new_phone(client)
    form = {
        "csrf_token": csrf_token(client, "/v/demo"),
        "ballot_key": str(uuid.uuid4()),
        "village": "marum",
        "theme": [theme.id for theme in demo.themes[:6]],
        "code": code,
    }
    assert client.post("/v/demo", data=form).status_code == 303
    assert client.post("/v/demo", data=form).status_code == 303
    assert len(ballots()) == 1


def test_guessing_codes_is_stopped_after_ten_wrong_tries(client, demo) -> None:
    good, *_ = make_codes(demo)
    for _ in range(10):
        assert vote_with_code(client, demo, "ABCD-EFGH").status_code == 422
    blocked = vote_with_code(client, demo, good)
    assert blocked.status_code == 429
    assert "Te veel" in blocked.get_data(as_text=True)
    assert ballots() == []
    assert db.session.scalar(select(func.count()).where(VotingCode.used)) == 0


def test_guessing_codes_does_not_stop_a_ballot_without_a_code_from_the_same_address(
    client, demo
) -> None:
    make_codes(demo)
    for _ in range(11):
        assert vote_with_code(client, demo, "ABCD-EFGH").status_code in (422, 429)
    assert vote_with_code(client, demo, "ABCD-EFGH").status_code == 429
    assert send_ballot(client, demo).status_code == 303  # a neighbour on the same Wi-Fi
    assert len(ballots()) == 1


def test_the_ballot_asks_for_a_code_only_when_the_campaign_has_codes(client, demo) -> None:
    assert 'name="code"' not in client.get("/v/demo").get_data(as_text=True)
    make_codes(demo)
    page = client.get("/v/demo?code=ABCD-EFGH&dorp=marum").get_data(as_text=True)
    assert 'name="code" value="ABCD-EFGH"' in page
    assert "Stemcode (als u die heeft)" in page


def test_only_staff_make_or_print_codes(app, demo) -> None:
    make_codes(demo)
    viewer = login_as(app.test_client(), "viewer")
    assert viewer.get("/staff/campaigns/demo/codes").status_code == 403
    assert viewer.get("/staff/campaigns/demo/codes/1.pdf").status_code == 403
