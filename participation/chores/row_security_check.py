"""`flask row-security`: whether the database role the app connects as is held by the policies."""

from __future__ import annotations

import click

from participation import row_security
from participation.extensions import db

PROBLEMS = {
    "superuser_or_bypassrls": (
        "deze rol is superuser of heeft BYPASSRLS: de rijbeveiliging geldt er niet voor"
    ),
    "owns_tables": (
        "deze rol is eigenaar van tabellen en kan de rijbeveiliging uitzetten; "
        "laat de app verbinden met een rol zonder tabellen (README: twee rollen)"
    ),
}


@click.command("row-security")
def row_security_command() -> None:
    """Say whether PostgreSQL's row-level security holds for the role the app connects as
    (exit code 1 when it would not)."""
    with db.engine.connect() as connection:
        if connection.dialect.name != "postgresql":
            click.echo(
                "SQLite: alleen de eerste muur (de regel in de app); "
                "gemeenten die elkaar niet vertrouwen horen op PostgreSQL."
            )
            return
        problems = row_security.serving_role_problems(connection)
    if problems:
        for problem in problems:
            click.echo(f"Niet in orde: {PROBLEMS[problem]}.", err=True)
        raise SystemExit(1)
    click.echo("In orde: deze rol ziet per transactie alleen de rijen van één gemeente.")
