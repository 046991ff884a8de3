"""Municipalities from the command line: adding one, and chores that name theirs."""

from __future__ import annotations

from sqlalchemy import select

from participation import tenancy
from participation.extensions import db
from participation.models import Municipality, StaffMembership, StaffUser
from participation.tenancy import ACROSS_MUNICIPALITIES

ACROSS = {ACROSS_MUNICIPALITIES: True}


def _add_westerveld(runner, *extra: str):  # type: ignore[no-untyped-def]
    return runner.invoke(
        args=[
            "create-municipality",
            "Gemeente Westerveld",
            "--slug",
            "westerveld",
            "--address",
            "https://veiligheid.westerveld.nl",
            "--host",
            "westerveld.localhost",
            "--population",
            "19900",
            *extra,
        ]
    )


def test_a_second_municipality_needs_the_first_to_have_its_own_address(app) -> None:
    runner = app.test_cli_runner()
    refused = _add_westerveld(runner)
    assert refused.exit_code == 2
    assert "geef eerst de bestaande gemeente een eigen adres" in refused.output
    assert (
        db.session.scalar(select(Municipality.slug).where(Municipality.slug == "westerveld"))
        is None
    )
    # The refusal names the command that mends it; a bad address there is refused too.
    assert "flask municipality-address" in refused.output
    bad = runner.invoke(
        args=["municipality-address", "--gemeente", "gemeente", "--address", "stem.nl/pad"]
    )
    assert bad.exit_code == 2 and "het adres moet beginnen met https://" in bad.output
    given = runner.invoke(
        args=[
            "municipality-address",
            "--gemeente",
            "gemeente",
            "--address",
            "https://stem.westerkwartier.nl/",
            "--host",
            "Westerkwartier.localhost",
        ]
    )
    assert given.exit_code == 0, given.output
    db.session.expire_all()
    first = db.session.scalar(select(Municipality))
    assert (first.public_url, first.hosts) == (
        "https://stem.westerkwartier.nl",
        "westerkwartier.localhost",
    )
    made = _add_westerveld(runner)
    assert made.exit_code == 0, made.output
    rows = db.session.scalars(select(Municipality).execution_options(**ACROSS)).all()
    assert sorted(r.slug for r in rows) == ["gemeente", "westerveld"]
    # Refused as a whole, with a Dutch reason: the same short name or host again.
    again = _add_westerveld(runner)
    assert again.exit_code == 2 and "die korte naam is al in gebruik" in again.output


def test_chores_name_their_municipality_once_there_are_two(app) -> None:
    runner = app.test_cli_runner()
    first = db.session.scalar(select(Municipality))
    first.public_url = "https://stem.westerkwartier.nl"
    db.session.commit()
    assert _add_westerveld(runner).exit_code == 0
    ask = runner.invoke(args=["create-user", "b@example.org", "--role", "admin"], input="x\n")
    assert ask.exit_code == 2 and "Kies een gemeente met --gemeente" in ask.output
    made = runner.invoke(
        args=["create-user", "--gemeente", "westerveld", "b@example.org", "--password-stdin"],
        input="een-lang-wachtwoord-hier\n",
    )
    assert made.exit_code == 0, made.output
    westerveld = db.session.scalar(
        select(Municipality.id).where(Municipality.slug == "westerveld").execution_options(**ACROSS)
    )
    user = db.session.scalar(select(StaffUser).where(StaffUser.email == "b@example.org"))
    with tenancy.acting_for(westerveld):
        assert db.session.scalars(select(StaffMembership.user_id)).all() == [user.id]
    # The first municipality has no member by that name.
    assert db.session.scalars(select(StaffMembership.user_id)).all() == []
