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

from participation import tenancy
from participation.chores import (
    backup,
    load,
    municipality_data,
    municipality_option,
    regions,
    retention,
    row_security_check,
    village_import,
)
from participation.chores.municipality_option import for_municipality
from participation.demo import seed_demo, seed_partners, seed_previous_cycle
from participation.demo_region import COORDINATOR_EMAIL, PARTNER_EMAIL, REGION_HOST, seed_region
from participation.demo_westerveld import HOST as WESTERVELD_HOST
from participation.demo_westerveld import seed_westerveld
from participation.extensions import db
from participation.models import StaffRole, StaffUser
from participation.services import audit, first_day, jobs, municipalities, municipality
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
    app.cli.add_command(create_municipality_command)
    app.cli.add_command(municipality_address_command)
    app.cli.add_command(municipality_data.export_command)
    app.cli.add_command(municipality_data.erase_command)
    app.cli.add_command(row_security_check.row_security_command)
    app.cli.add_command(regions.region_group)


@click.command("seed-demo")
@click.option(
    "--westerveld", is_flag=True, help="Add a second municipality on westerveld.localhost."
)
@click.option(
    "--region",
    is_flag=True,
    help="Add the region Zuidwest-Drenthe (Meppel, Midden-Drenthe, Westerveld); implies "
    "--westerveld.",
)
@click.option("--host", "hosts", multiple=True, help="Another host name for the first one.")
def seed_demo_command(westerveld: bool, region: bool, hosts: tuple[str, ...]) -> None:
    """Create the demo campaign and a demo staff login (idempotent); in the first municipality
    (the one the install started with), also once there are more."""
    first = min(each.id for each in municipalities.all_municipalities())
    with tenancy.acting_for(first):
        _seed_demo(westerveld or region, hosts, region)


def _seed_demo(westerveld: bool, hosts: tuple[str, ...], region: bool = False) -> None:
    campaign = seed_demo()
    admin = db.session.scalar(select(StaffUser).where(StaffUser.email == DEMO_STAFF_EMAIL))
    if admin is None:
        admin = create_user(DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD, StaffRole.ADMIN.value)
    seed_partners(campaign, admin)
    previous = seed_previous_cycle(campaign)
    click.echo(f"Demo campaign '{campaign.slug}' ready with {len(campaign.themes)} themes.")
    click.echo(f"Its previous cycle '{previous.slug}' is made up, to show the comparison.")
    click.echo(f"Demo staff login: {DEMO_STAFF_EMAIL} / {DEMO_STAFF_PASSWORD}")
    if westerveld:
        seed_westerveld(tenancy.current_id(), admin, hosts)
        click.echo(
            f"Second municipality Westerveld on http://{WESTERVELD_HOST}:<port>/v/demo "
            "(made-up votes); the same login works there."
        )
    if region:
        seed_region(admin, DEMO_STAFF_PASSWORD)
        click.echo(
            f"Region Zuidwest-Drenthe on http://{REGION_HOST}:<port>/regio/ (made-up votes): "
            f"coordinator {COORDINATOR_EMAIL}, partner {PARTNER_EMAIL}, password "
            f"{DEMO_STAFF_PASSWORD}; Meppel and Midden-Drenthe on meppel.localhost and "
            "midden-drenthe.localhost (the demo login is admin there)."
        )


@click.command("create-user")
@for_municipality
@click.argument("email")
@click.option("--role", type=click.Choice([r.value for r in StaffRole]), default="staff")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@click.option(
    "--operator",
    is_flag=True,
    help="Runs the install: the install page (municipalities, regions) is theirs too.",
)
def create_user_command(email: str, role: str, password_stdin: bool, operator: bool) -> None:
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
    if operator:
        user.operator = True
        db.session.commit()
    click.echo(f"Created {role} user {user.email}{' (operator)' if operator else ''}.")


@click.command("seed-load")
@for_municipality
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
    # One file holds every municipality: each one's checklist notes it.
    for each in municipalities.all_municipalities():
        with tenancy.acting_for(each.id):
            first_day.record_backup(written.name)
    click.echo(f"Backup written to {written}")


@click.command("retention")
@click.option("--dry-run", is_flag=True, help="Only say what would be deleted.")
@click.option("--gemeente", "municipality_slug", default=None, help="Only this municipality.")
def retention_command(dry_run: bool, municipality_slug: str | None) -> None:
    """Delete ballot-level data and stand remarks of campaigns closed longer than RETENTION_DAYS.

    The totals per village, channel, trust level and theme are kept, so results stay the same.
    E-mail addresses left unconfirmed for FOLLOW_UP_CONFIRM_DAYS are deleted too. Without
    --gemeente every municipality in turn, each with its own retention period.
    """
    if municipality_slug is not None:
        chosen = [municipality_option.chosen(municipality_slug)]
    else:
        chosen = [m.id for m in municipalities.all_municipalities()]
    for municipality_id in chosen:
        with tenancy.acting_for(municipality_id):
            _retention_here(dry_run)


def _retention_here(dry_run: bool) -> None:
    row = municipality.settings_row()
    days = (row.retention_days if row else None) or current_app.config["RETENTION_DAYS"]
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


# What a refused new municipality is told, per problem (services.municipalities.check).
MUNICIPALITY_PROBLEMS = {
    "name": "geef een naam",
    "slug": "de korte naam mag alleen kleine letters, cijfers en streepjes bevatten",
    "slug_taken": "die korte naam is al in gebruik",
    "public_url": "het adres moet beginnen met https:// (of http://) en alleen een host noemen",
    "host_taken": "dat adres of die hostnaam hoort al bij een andere gemeente",
    "hosts": "een hostnaam is ongeldig",
    "population": "het inwonertal klopt niet",
    "first_has_no_address": (
        "geef eerst de bestaande gemeente een eigen adres (flask municipality-address), "
        "anders is zij na deze stap onbereikbaar"
    ),
    "unknown": "die gemeente bestaat niet",
}


@click.command("create-municipality")
@click.argument("name")
@click.option("--slug", required=True, help="Short name, e.g. westerveld.")
@click.option("--address", "public_url", required=True, help="https://… residents reach.")
@click.option("--host", "hosts", multiple=True, help="Another host name that serves it.")
@click.option("--population", type=click.IntRange(1, 9_999_999), default=None)
@click.option("--admin", "admin_email", default=None, help="An existing login: its admin.")
def create_municipality_command(
    name: str,
    slug: str,
    public_url: str,
    hosts: tuple[str, ...],
    population: int | None,
    admin_email: str | None,
) -> None:
    """Add a municipality to this install (its own villages, staff, campaigns and look)."""
    admin = None
    if admin_email is not None:
        admin = db.session.scalar(select(StaffUser).where(StaffUser.email == admin_email.lower()))
        if admin is None:
            raise click.UsageError(f"Geen login met het e-mailadres {admin_email}.")
    given = municipalities.NewMunicipality(name, slug, public_url, population, " ".join(hosts))
    try:
        created = municipalities.create(given, None, admin)
    except municipalities.MunicipalityRefused as refused:
        reasons = "; ".join(MUNICIPALITY_PROBLEMS[str(p)] for p in refused.problems)
        raise click.UsageError(f"Niet aangemaakt: {reasons}.") from None
    click.echo(f"Gemeente {name} ({slug}) aangemaakt, nummer {created}, op {public_url}.")


@click.command("municipality-address")
@click.option("--gemeente", "slug", required=True, help="Short name of the municipality.")
@click.option("--address", "public_url", required=True, help="https://… residents reach.")
@click.option("--host", "hosts", multiple=True, help="Another host name that serves it.")
def municipality_address_command(slug: str, public_url: str, hosts: tuple[str, ...]) -> None:
    """Give an existing municipality its own public address and host names (the first one
    needs them before a second municipality joins the install)."""
    try:
        municipalities.set_address(slug, public_url, " ".join(hosts), None)
    except municipalities.MunicipalityRefused as refused:
        reasons = "; ".join(MUNICIPALITY_PROBLEMS[str(p)] for p in refused.problems)
        raise click.UsageError(f"Niet gewijzigd: {reasons}.") from None
    click.echo(f"Gemeente {slug} is nu bereikbaar op {public_url.rstrip('/')}.")
