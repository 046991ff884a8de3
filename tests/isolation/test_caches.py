"""Issue 29's caches: two municipalities served by one worker, asked in turn (A, B, A, B),
each see only their own counts, ballot rules and look, though both run a campaign of the
same short name; and the check fails once the cache keys lose the municipality."""

from __future__ import annotations

import csv
import io
import uuid
from dataclasses import dataclass, field
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from participation import caches, tenancy
from participation.extensions import db
from participation.services import municipality
from participation.services.accounts import create_user
from tests.conftest import csrf_token
from tests.factories import make_campaign
from tests.isolation.conftest import A_HOST, B_HOST, log_in, two_municipalities
from tests.isolation.world import PASSWORD, logo_png

SLUG = "ivp"  # both municipalities' campaign: a key of the short name alone would mix them


@dataclass
class Tenant:
    """One municipality of the test: what it shows, and what it has counted so far."""

    id: int
    host: str
    name: str
    colour: str
    picks: int  # A asks for 1 theme, B for 2: the ballot rules differ
    per_round: int  # ballots cast per round: the counts drift apart
    tag: str = ""  # the QR source tag its ballots carry (?bron=)
    village: str = ""
    themes: list[tuple[int, str]] = field(default_factory=list)
    ballots: int = 0
    staff: FlaskClient | None = None
    phone: FlaskClient | None = None


def _set_up(app: Flask) -> tuple[Tenant, Tenant]:
    a_id, b_id = two_municipalities(app)
    a = Tenant(a_id, A_HOST, "Gemeente Aalten-Test", "#1f4e79", picks=1, per_round=1)
    b = Tenant(b_id, B_HOST, "Gemeente Borne-Test", "#7a1f5c", picks=2, per_round=3)
    for side, label in ((a, "Aalten"), (b, "Borne")):
        with tenancy.acting_for(side.id):
            campaign = make_campaign(
                municipality=label, slug=SLUG, picks=(side.picks, side.picks), themes=4
            )
            for theme in campaign.themes:
                theme.title = f"{label}-thema {theme.position}"
            db.session.commit()
            side.village, side.tag = campaign.areas[0].slug, f"bron-{label.lower()}"
            side.themes = [(theme.id, theme.title) for theme in campaign.themes]
            admin = create_user(f"beheer-{label.lower()}@example.org", PASSWORD, "admin")
            look = municipality.LookInput(side.name, side.colour, "", "", logo_png(side.colour))
            municipality.save(look, admin)
        side.staff = log_in(app, side.host, f"beheer-{label.lower()}@example.org")
        side.phone = _phone(app, side.host)
    return a, b


def _phone(app: Flask, host: str) -> FlaskClient:
    from tests.factories import client_on

    return client_on(app, host)


def _vote(side: Tenant) -> None:
    """One resident votes on the side's own page with the side's own rule; a new phone."""
    phone = side.phone
    assert phone is not None
    phone.delete_cookie("stemapparaat", domain=side.host)
    page = phone.get(f"/v/{SLUG}")
    shown = page.get_data(as_text=True)
    assert page.status_code == 200, (side.host, page.status_code)
    assert all(title in shown for _, title in side.themes), f"{side.host}: not its own themes"
    data = {
        "csrf_token": csrf_token(phone, f"/v/{SLUG}"),
        "ballot_key": str(uuid.uuid4()),
        "village": side.village,
        "theme": [theme_id for theme_id, _ in side.themes[: side.picks]],
    }
    answer = phone.post(f"/v/{SLUG}?bron={side.tag}", data=data)
    assert answer.status_code == 303, f"{side.host}: its own ballot got {answer.status_code}"
    side.ballots += 1


def _check_counts(side: Tenant, other: Tenant) -> None:
    staff = side.staff
    assert staff is not None
    found: Any = staff.get(f"/api/v1/campaigns/{SLUG}/results").get_json()
    assert found["ballots"] == side.ballots, f"{side.host}: {found['ballots']} ballots"
    titles = {theme["title"] for theme in found["themes"]}
    assert titles == {title for _, title in side.themes}, f"{side.host}: themes {titles}"
    first = next(t for t in found["themes"] if t["id"] == side.themes[0][0])
    assert first["votes"] == side.ballots, f"{side.host}: {first['votes']} votes for its first"
    tallies = staff.get(f"/results/{SLUG}/tallies.csv").get_data(as_text=True)
    totals = [row for row in csv.DictReader(io.StringIO(tallies)) if row["village"] == "TOTAL"]
    assert {int(row["ballots"]) for row in totals} == {side.ballots}, f"{side.host}: tallies"
    page = staff.get(f"/results/{SLUG}").get_data(as_text=True)
    assert side.tag in page, f"{side.host}: its own poster tag is missing"
    assert other.tag not in page, f"{side.host}: the other's poster tag shows"
    assert other.themes[0][1] not in page, f"{side.host}: the other's theme shows"


def _check_look(side: Tenant, other: Tenant) -> None:
    phone = side.phone
    assert phone is not None
    style = phone.get("/huisstijl.css").get_data(as_text=True)
    assert side.colour in style and other.colour not in style, f"{side.host}: colour"
    assert phone.get("/logo").get_data() == logo_png(side.colour), f"{side.host}: logo"
    page = phone.get(f"/v/{SLUG}").get_data(as_text=True)
    assert side.name in page and other.name not in page, f"{side.host}: name"


def interleave(a: Tenant, b: Tenant, rounds: int = 3) -> None:
    """A, B, A, B: each votes by its own rule and sees its own counts and look."""
    for _ in range(rounds):
        for side, other in ((a, b), (b, a)):
            for _ in range(side.per_round):
                _vote(side)
            _check_counts(side, other)
            _check_look(side, other)


@pytest.fixture
def tenants(app: Flask) -> tuple[Tenant, Tenant]:
    # As in production: the rules are kept a minute, counts settle at once (the settled part
    # of the running counts is then kept in the cache and reused).
    app.config["BALLOT_RULES_TTL"] = 60.0
    app.config["COUNTS_SETTLE_SECONDS"] = 0.0
    caches.clear("ballot_rules")
    return _set_up(app)


def test_interleaved_requests_see_only_their_own_counts_rules_and_look(
    app: Flask, tenants: tuple[Tenant, Tenant]
) -> None:
    a, b = tenants
    interleave(a, b)
    assert (a.ballots, b.ballots) == (3, 9)
    # The caches were used, and each entry names its municipality.
    for name in ("ballot_rules", "results_counts", "running_counts", "small_logo"):
        kept = caches.cache(name)
        assert kept, f"{name} was not used"
        owners = {next(part for part in key if isinstance(part, int)) for key in kept}
        assert owners == {a.id, b.id}, (name, list(kept))


class Dropped(tuple[object, ...]):
    """A cache key with its municipality taken out (dropping it again changes nothing)."""


def _without_municipality(key: object) -> object:
    if isinstance(key, Dropped) or not isinstance(key, tuple):
        return key
    at = next((n for n, part in enumerate(key) if isinstance(part, int)), None)
    return key if at is None else Dropped(key[:at] + key[at + 1 :])


class KeysWithoutMunicipality(dict[object, Any]):
    """A named cache whose keys lose the municipality (the first number in each key), as a
    careless change to a key would: what the first test must catch."""

    def __getitem__(self, key: object) -> Any:
        return super().__getitem__(_without_municipality(key))

    def __setitem__(self, key: object, value: Any) -> None:
        super().__setitem__(_without_municipality(key), value)

    def __delitem__(self, key: object) -> None:
        super().__delitem__(_without_municipality(key))

    def __contains__(self, key: object) -> bool:
        return super().__contains__(_without_municipality(key))

    def get(self, key: object, default: Any = None) -> Any:
        return super().get(_without_municipality(key), default)

    def pop(self, key: object, *default: Any) -> Any:
        return super().pop(_without_municipality(key), *default)

    def setdefault(self, key: object, default: Any = None) -> Any:
        return super().setdefault(_without_municipality(key), default)


def test_the_check_fails_when_the_cache_keys_drop_the_municipality(
    app: Flask, tenants: tuple[Tenant, Tenant], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = tenants
    careless = {name: KeysWithoutMunicipality() for name in caches.CACHES}
    monkeypatch.setitem(app.extensions, caches.EXTENSION, careless)
    with pytest.raises(AssertionError) as caught:
        interleave(a, b)
    # B's ballot was judged by A's cached rules (same short name): refused, or counted wrong.
    assert B_HOST in str(caught.value)
    assert careless["ballot_rules"], "the careless cache was not the one used"
