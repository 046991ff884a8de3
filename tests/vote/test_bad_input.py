"""Every way of sending a bad ballot gets a clear Dutch message and leaves stored data as it was.

Each case runs against a campaign that already holds a ballot, a phone count and a spent
voting code, and compares a snapshot of all of them before and after.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from participation.extensions import db
from participation.models import Ballot, BallotChoice, DeviceTally, VotingCode
from participation.services.accounts import create_user
from participation.services.ballots import codes
from tests.conftest import csrf_token, new_phone


@dataclass
class Scene:
    client: FlaskClient
    themes: list[int]
    stored_key: str
    used_code: str
    fresh_code: str

    def form(self, **changes: object) -> dict[str, object]:
        data: dict[str, object] = {
            "csrf_token": csrf_token(self.client, "/staff/login"),
            "ballot_key": str(uuid.uuid4()),
            "village": "leek",
            "theme": self.themes[:6],
        }
        data.update(changes)
        return data

    def post(self, **changes: object):  # type: ignore[no-untyped-def]
        return self.client.post("/v/demo", data=self.form(**changes))


def snapshot() -> tuple:  # type: ignore[type-arg]
    db.session.expire_all()
    ballots = sorted(
        (str(b.ballot_key), b.area_id, b.channel, b.trust_level, b.device_seq, b.exclusion_id)
        for b in db.session.scalars(select(Ballot))
    )
    choices = sorted(
        db.session.execute(select(BallotChoice.ballot_id, BallotChoice.theme_id)).all()
    )
    phones = sorted(db.session.execute(select(DeviceTally.device_hash, DeviceTally.ballots)).all())
    spent = sorted(db.session.execute(select(VotingCode.code, VotingCode.used)).all())
    return ballots, choices, phones, spent


@pytest.fixture
def scene(client, demo) -> Scene:  # type: ignore[no-untyped-def]
    staff = create_user("codes@example.org", "een-lang-wachtwoord", "staff")
    used, fresh = (code.code for code in codes.generate_batch(demo, 2, "deur", staff).codes)
    themes = [theme.id for theme in demo.themes]
    key = str(uuid.uuid4())
    first = Scene(client, themes, key, used, fresh)
    assert first.post(ballot_key=key, code=used).status_code == 303
    new_phone(client)
    return first


def send_raw(scene: Scene, body: bytes, content_type: str):  # type: ignore[no-untyped-def]
    return scene.client.post("/v/demo", data=body, content_type=content_type)


CASES: dict[str, tuple[Callable[[Scene], object], int, str]] = {
    "five themes": (lambda s: s.post(theme=s.themes[:5]), 422, "U heeft er nu 5 gekozen."),
    "seven themes": (lambda s: s.post(theme=s.themes[:7]), 422, "U heeft er nu 7 gekozen."),
    "duplicate theme": (
        lambda s: s.post(theme=[*s.themes[:5], s.themes[0]]),
        422,
        "U heeft een thema twee keer gekozen.",
    ),
    "unknown theme": (
        lambda s: s.post(theme=[*s.themes[:5], 987654]),
        422,
        "hoort niet bij deze stemming",
    ),
    "garbled theme": (
        lambda s: s.post(theme=[*s.themes[:5], "1; DROP TABLE ballot"]),
        422,
        "hoort niet bij deze stemming",
    ),
    "unknown village": (lambda s: s.post(village="atlantis"), 422, "Dit dorp kennen we niet."),
    "missing csrf": (lambda s: s.post(csrf_token=""), 400, "Uw keuzes staan er nog"),
    "forged csrf": (
        lambda s: s.post(csrf_token="IjEyMyI.forged.sig"),
        400,
        "Uw keuzes staan er nog",
    ),
    "expired csrf": (
        # The session that minted the token is gone, as after a browser restart.
        lambda s: (
            (form := s.form(), s.client.delete_cookie("session"))
            and s.client.post("/v/demo", data=form)
        ),
        400,
        "Uw keuzes staan er nog",
    ),
    "used voting code": (
        lambda s: s.post(code=s.used_code),
        422,
        "Deze stemcode kennen we niet, of hij is al gebruikt.",
    ),
    "unknown voting code": (
        lambda s: s.post(code="ZZZZ-ZZZZ"),
        422,
        "Deze stemcode kennen we niet, of hij is al gebruikt.",
    ),
    "oversized body": (lambda s: s.post(village="x" * 200_000), 413, "Te veel gegevens"),
    "garbled encoding": (
        lambda s: send_raw(
            s,
            b"csrf_token="
            + csrf_token(s.client, "/staff/login").encode()
            + b"&ballot_key="
            + str(uuid.uuid4()).encode()
            + b"&village=l\xff\xfeek&theme="
            + b"&theme=".join(str(t).encode() for t in s.themes[:6]),
            "application/x-www-form-urlencoded",
        ),
        400,
        "Het formulier kwam niet goed aan.",
    ),
    "json instead of a form": (
        lambda s: send_raw(s, b'{"village": "leek"}', "application/json"),
        400,
        "Het formulier kwam niet goed aan.",
    ),
    "script in a text field": (
        lambda s: s.post(village="<script>alert(1)</script>", code="<img src=x onerror=alert(1)>"),
        422,
        "Dit dorp kennen we niet.",
    ),
    "malformed ballot key": (
        lambda s: s.post(ballot_key="../../etc/passwd"),
        422,
        "Er ging iets mis met het formulier.",
    ),
    "replayed key, other choices": (
        lambda s: s.post(ballot_key=s.stored_key, theme=s.themes[6:12]),
        409,
        "De keuzes die het eerst binnenkwamen tellen; er is niets veranderd.",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_bad_ballot_gets_a_clear_message_and_changes_nothing(scene: Scene, case: str) -> None:
    send, status, message = CASES[case]
    before = snapshot()
    response = send(scene)
    page = response.get_data(as_text=True)  # type: ignore[attr-defined]
    assert response.status_code == status, case  # type: ignore[attr-defined]
    assert message.replace("'", "&#39;") in page, case
    assert "<script>alert(1)</script>" not in page and "<img src=x" not in page
    assert snapshot() == before, case


def test_a_closed_campaign_changes_nothing(scene: Scene, demo) -> None:  # type: ignore[no-untyped-def]
    form = scene.form(code=scene.fresh_code)
    demo.status = "closed"
    db.session.commit()
    before = snapshot()
    response = scene.client.post("/v/demo", data=form)
    assert response.status_code == 422
    assert "Uw keuze is niet opgeslagen." in response.get_data(as_text=True)
    assert snapshot() == before  # the fresh code is not spent either
