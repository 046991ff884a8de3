"""Flask commands: seed-demo, create-user, seed-load, backup, retention, worker."""

from __future__ import annotations

import random
import secrets
import sys
from pathlib import Path

import click
from flask import Flask, current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from participation.chores import backup, load, retention, village_import
from participation.demo import seed_demo, seed_partners, seed_previous_cycle
from participation.extensions import db
from participation.models import StaffRole, StaffUser
from participation.services import audit, first_day, jobs
from participation.services.accounts import WeakPassword, create_user
from participation.services.ballots import voting
from participation.services.outcome import follow_up
from participation.timeutil import utcnow

DEMO_STAFF_EMAIL = "staf@example.org"
DEMO_STAFF_PASSWORD = "demo-wachtwoord"


def register(app: Flask) -> None:
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(create_user_command)
    app.cli.add_command(seed_load_command)
    app.cli.add_command(backup_command)
    app.cli.add_command(retention_command)
    app.cli.add_command(village_import.villages_group)
    app.cli.add_command(worker_command)


@click.command("seed-demo")
def seed_demo_command() -> None:
    """Create the demo campaign and a demo staff login (idempotent)."""
    campaign = seed_demo()
    admin = db.session.scalar(select(StaffUser).where(StaffUser.email == DEMO_STAFF_EMAIL))
    if admin is None:
        admin = create_user(DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD, StaffRole.ADMIN.value)
    seed_partners(campaign, admin)
    previous = seed_previous_cycle(campaign)
    click.echo(f"Demo campaign '{campaign.slug}' ready with {len(campaign.themes)} themes.")
    click.echo(f"Its previous cycle '{previous.slug}' is made up, to show the comparison.")
    click.echo(f"Demo staff login: {DEMO_STAFF_EMAIL} / {DEMO_STAFF_PASSWORD}")


@click.command("create-user")
@click.argument("email")
@click.option("--role", type=click.Choice([r.value for r in StaffRole]), default="staff")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def create_user_command(email: str, role: str, password_stdin: bool) -> None:
    """Add a staff user; the password comes from stdin or a hidden prompt."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    if db.session.scalar(select(StaffUser).where(StaffUser.email == email.strip().lower())):
        raise click.ClickException(f"A user with e-mail {email} already exists.")
    try:
        user = create_user(email, password, role)
    except WeakPassword as weak:
        rules = "at least 12 characters, not a well-known password, not based on the e-mail address"
        raise click.ClickException(f"The password is too weak ({weak}): use {rules}.") from weak
    click.echo(f"Created {role} user {user.email}.")


@click.command("seed-load")
@click.option("--campaign", "slug", required=True)
@click.option("--ballots", "count", type=click.IntRange(1, 5_000_000), required=True)
@click.option(
    "--seed", type=int, default=None, help="Random seed, to repeat a load (default: a fresh one)."
)
@click.option("--days", type=click.IntRange(1, 365), default=28, help="Spread over this many days.")
def seed_load_command(slug: str, count: int, seed: int | None, days: int) -> None:
    """Add N synthetic valid ballots quickly, in bulk, for trials and benchmarks.

    They are spread over the last `days` days, over the campaign's villages (and 'elsewhere')
    and over the web, QR and stand channels. They skip the per-ballot checks of the voting
    service (phone counts, codes), so they are not for a live campaign. Each run takes a
    fresh seed unless --seed is given; a seed already loaded into the campaign is refused.
    """
    if not (current_app.debug or current_app.testing):
        raise click.ClickException(
            "seed-load adds made-up ballots that count like real ones; it is refused on a "
            "production install (APP_ENV=production). Use a copy in development for trials."
        )
    rules = voting.load_rules(slug)
    if rules is None:
        raise click.ClickException(f"No campaign '{slug}'.")
    seed = secrets.randbelow(2**31) if seed is None else seed
    try:
        stored = load.add_synthetic_ballots(rules, count, random.Random(seed), days)
    except IntegrityError as clash:
        db.session.rollback()
        raise click.ClickException(
            f"Ballots from seed {seed} are already in '{slug}' (their keys would count twice); "
            "nothing was added. Leave out --seed for a fresh one, or give another."
        ) from clash
    audit.record(None, "ballots.synthetic", f"campaign:{slug}", f"{stored} ballots, seed {seed}")
    db.session.commit()
    click.echo(f"Added {stored} synthetic ballots to '{slug}' (seed {seed}).")


@click.command("backup")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=None)
def backup_command(output: Path | None) -> None:
    """Write a consistent backup of the database, also while the app takes ballots.

    SQLite uses its online backup; PostgreSQL uses pg_dump (custom format). Without --output
    the file goes to the instance folder's backups/ with the time in its name.
    """
    database_url = current_app.config["SQLALCHEMY_DATABASE_URI"]
    target = output or backup.default_name(
        database_url, Path(current_app.instance_path) / "backups"
    )
    written = backup.backup(database_url, target)
    first_day.record_backup(written.name)
    click.echo(f"Backup written to {written}")


@click.command("retention")
@click.option("--dry-run", is_flag=True, help="Only say what would be deleted.")
def retention_command(dry_run: bool) -> None:
    """Delete ballot-level data and stand remarks of campaigns closed longer than RETENTION_DAYS.

    The totals per village, channel, trust level and theme are kept, so results stay the same.
    E-mail addresses left unconfirmed for FOLLOW_UP_CONFIRM_DAYS are deleted too.
    """
    days = current_app.config["RETENTION_DAYS"]
    for campaign in retention.due(utcnow(), days):
        found = retention.apply(campaign, dry_run=dry_run)
        verb = "would delete" if dry_run else "deleted"
        click.echo(
            f"{found.campaign}: {verb} {found.ballots} ballots, {found.remarks} remarks, "
            f"{found.codes} voting codes; totals kept"
        )
    if not dry_run:
        forgotten = follow_up.forget_unconfirmed()
        click.echo(f"Deleted {forgotten} e-mail addresses never confirmed.")


@click.command("worker")
@click.option("--burst", is_flag=True, help="Stop once the queue is empty.")
def worker_command(burst: bool) -> None:
    """Work the job queue (JOB_QUEUE_URL): mail to residents and staff, tried again on failure."""
    if not jobs.configured():
        raise click.ClickException(
            "No job queue: set JOB_QUEUE_URL=redis://… (without it, jobs run in the web process)."
        )
    jobs.work(burst=burst)
