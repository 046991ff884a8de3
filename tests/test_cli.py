"""The flask commands of the CLI contract."""

from sqlalchemy import func, select

from participation.extensions import db
from participation.models import Area, Ballot, Campaign, StaffUser, Theme


def count(model) -> int:  # type: ignore[no-untyped-def]
    return db.session.scalar(select(func.count()).select_from(model)) or 0


def test_seed_demo_is_idempotent(app) -> None:
    runner = app.test_cli_runner()
    for _ in range(2):
        result = runner.invoke(args=["seed-demo"])
        assert result.exit_code == 0, result.output
    # The demo and its made-up previous cycle, each with the twelve themes.
    assert count(Campaign) == 2
    assert count(Theme) == 24
    assert count(Area) == 7  # the municipality and its six villages
    campaign = db.session.scalars(select(Campaign).where(Campaign.slug == "demo")).one()
    previous = db.session.get(Campaign, campaign.previous_id)
    assert previous.slug == "demo-2022" and "verzonnen" in previous.title
    assert previous.status == "closed" and previous.results_published
    assert count(Ballot) == 600  # all of them in the previous cycle
    assert [t.copied_from_id for t in campaign.themes] == [t.id for t in previous.themes]
    assert (campaign.min_picks, campaign.max_picks) == (6, 6)
    assert [a.name for a in campaign.areas] == sorted(
        ["Zuidhorn", "Leek", "Marum", "Tolbert", "Grootegast", "Grijpskerk"]
    )
    assert "Demo staff login" in result.output


def test_create_user_reads_the_password_from_stdin(app) -> None:
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=["create-user", "Beheer@Example.org", "--role", "admin", "--password-stdin"],
        input="een-heel-lang-wachtwoord\n",
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalars(select(StaffUser)).one()
    assert (user.email, user.role) == ("beheer@example.org", "admin")
    assert user.check_password("een-heel-lang-wachtwoord")
    again = runner.invoke(
        args=["create-user", "beheer@example.org", "--password-stdin"],
        input="een-heel-lang-wachtwoord\n",
    )
    assert again.exit_code != 0
    assert "already exists" in again.output
    assert not user.operator


def test_the_first_operator_is_made_on_the_command_line(app) -> None:
    """A fresh install's install page (municipalities, regions) needs one operator."""
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=["create-user", "it@example.org", "--role", "admin", "--operator", "--password-stdin"],
        input="een-heel-lang-wachtwoord\n",
    )
    assert result.exit_code == 0, result.output
    assert "(operator)" in result.output
    assert db.session.scalars(select(StaffUser)).one().operator


def test_create_user_refuses_a_short_password(app) -> None:
    result = app.test_cli_runner().invoke(
        args=["create-user", "x@example.org", "--password-stdin"], input="kort\n"
    )
    assert result.exit_code != 0
    assert count(StaffUser) == 0


def test_seed_load_adds_valid_ballots_whose_bits_match_their_choices(app, demo) -> None:
    from sqlalchemy import select

    from participation.domain.ballots import PickRule, check_choices, mask_bits
    from participation.models import BallotChoice

    result = app.test_cli_runner().invoke(
        args=["seed-load", "--campaign", "demo", "--ballots", "25"]
    )
    assert result.exit_code == 0, result.output
    assert "Added 25 synthetic ballots" in result.output
    assert count(Ballot) == 25
    bit = {theme.id: theme.bit for theme in demo.themes}
    all_themes = set(bit)
    for ballot in db.session.scalars(select(Ballot)):
        chosen = list(
            db.session.scalars(
                select(BallotChoice.theme_id).where(BallotChoice.ballot_id == ballot.id)
            )
        )
        assert check_choices(chosen, all_themes, PickRule(6, 6)) == []
        assert mask_bits(ballot.choice_mask) == sorted(bit[t] for t in chosen)


def test_seed_load_runs_twice_with_a_fresh_seed_and_refuses_a_seed_twice(app, demo) -> None:
    runner = app.test_cli_runner()
    args = ["seed-load", "--campaign", "demo", "--ballots", "30"]
    first, second = runner.invoke(args=args), runner.invoke(args=args)
    assert first.exit_code == 0 and second.exit_code == 0, second.output
    assert count(Ballot) == 60
    again = runner.invoke(args=[*args, "--seed", "7"])
    assert again.exit_code == 0 and "(seed 7)" in again.output
    clash = runner.invoke(args=[*args, "--seed", "7"])
    assert clash.exit_code != 0
    assert "Ballots from seed 7 are already in 'demo'" in clash.output
    assert "Traceback" not in clash.output
    assert count(Ballot) == 90


def test_backup_is_noted_for_the_first_day_checklist(app, tmp_path) -> None:
    from sqlalchemy import select

    from participation.models import AuditEvent, Municipality

    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return  # pg_dump's own test lives in tests/faults/test_backup.py
    result = app.test_cli_runner().invoke(args=["backup", "--output", str(tmp_path / "b.sqlite")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "b.sqlite").stat().st_size > 0
    assert db.session.scalar(select(Municipality.backup_made_at)) is not None
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "backup.made"))
    assert event is not None and event.target == "database" and event.details == "b.sqlite"


def test_seed_load_is_refused_on_a_production_install_and_audited_elsewhere(app, demo) -> None:
    from sqlalchemy import select

    from participation.models import AuditEvent

    runner = app.test_cli_runner()
    app.testing = False  # as APP_ENV=production: neither debug nor testing
    try:
        refused = runner.invoke(args=["seed-load", "--campaign", "demo", "--ballots", "5"])
    finally:
        app.testing = True
    assert refused.exit_code != 0 and "refused on a production install" in refused.output
    assert count(Ballot) == 0
    assert runner.invoke(args=["seed-load", "--campaign", "demo", "--ballots", "5"]).exit_code == 0
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "ballots.synthetic"))
    assert event is not None and event.details.startswith("5 ballots, seed ")
