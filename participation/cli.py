"""Flask commands: seed-demo, create-user, seed-load."""

from __future__ import annotations

import random
import sys
import uuid

import click
from flask import Flask
from sqlalchemy import select

from participation.demo import seed_demo
from participation.extensions import db
from participation.models import StaffRole, StaffUser
from participation.services import voting
from participation.staff.auth import create_user

DEMO_STAFF_EMAIL = "staf@example.org"
DEMO_STAFF_PASSWORD = "demo-wachtwoord"


def register(app: Flask) -> None:
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(create_user_command)
    app.cli.add_command(seed_load_command)


@click.command("seed-demo")
def seed_demo_command() -> None:
    """Create the demo campaign and a demo staff login (idempotent)."""
    campaign = seed_demo()
    exists = db.session.scalar(select(StaffUser).where(StaffUser.email == DEMO_STAFF_EMAIL))
    if exists is None:
        create_user(DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD, StaffRole.ADMIN.value)
    click.echo(f"Demo campaign '{campaign.slug}' ready with {len(campaign.themes)} themes.")
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
    if len(password) < 12:
        raise click.ClickException("The password must be at least 12 characters long.")
    if db.session.scalar(select(StaffUser).where(StaffUser.email == email.strip().lower())):
        raise click.ClickException(f"A user with e-mail {email} already exists.")
    user = create_user(email, password, role)
    click.echo(f"Created {role} user {user.email}.")


@click.command("seed-load")
@click.option("--campaign", "slug", required=True)
@click.option("--ballots", "count", type=click.IntRange(1, 1_000_000), required=True)
@click.option("--seed", type=int, default=1, help="Random seed, for repeatable loads.")
def seed_load_command(slug: str, count: int, seed: int) -> None:
    """Cast N synthetic valid ballots through the normal voting service."""
    rules = voting.load_rules(slug)
    if rules is None:
        raise click.ClickException(f"No campaign '{slug}'.")
    rng = random.Random(seed)
    villages = sorted(rules.village_slugs)
    theme_ids = sorted(rules.theme_ids)
    for _ in range(count):
        picks = rng.randint(rules.rule.min_picks, rules.rule.max_picks)
        voting.cast_ballot(
            rules,
            voting.Submission(
                ballot_key=uuid.UUID(int=rng.getrandbits(128), version=4),
                village=rng.choice(villages),
                theme_ids=rng.sample(theme_ids, picks),
            ),
        )
    click.echo(f"Cast {count} ballots in '{slug}'.")
