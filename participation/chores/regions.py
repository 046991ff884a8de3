"""`flask region …`: make a region, add its municipalities, give coordinators and partners."""

from __future__ import annotations

import click
from sqlalchemy import select

from participation.extensions import db
from participation.models import RegionScope, StaffUser
from participation.services.municipalities import MunicipalityRefused
from participation.services.regions import setup
from participation.web import tenant


@click.group("region")
def region_group() -> None:
    """Regions: municipalities that write one safety plan together."""


@region_group.command("create")
@click.option("--name", required=True)
@click.option("--slug", required=True)
@click.option("--public-url", required=True, help="The region's address, e.g. https://regio.nl")
@click.option("--host", "hosts", multiple=True, help="A further host name that serves it.")
@click.option("--police-team", default="", help="The police base team whose area it is.")
@click.option("--cbs-code", default="", help="The code statistics publish it under.")
def create_command(
    name: str, slug: str, public_url: str, hosts: tuple[str, ...], police_team: str, cbs_code: str
) -> None:
    """Add a region."""
    given = setup.NewRegion(name, slug, public_url, " ".join(hosts), police_team, cbs_code)
    try:
        setup.create(given, None)
    except MunicipalityRefused as refused:
        raise click.ClickException(f"not made: {', '.join(refused.problems)}") from None
    tenant.forget()
    click.echo(f"region {slug} made")


@region_group.command("join")
@click.argument("region_slug")
@click.argument("municipality_slug")
def join_command(region_slug: str, municipality_slug: str) -> None:
    """Make a municipality part of a region."""
    try:
        setup.join(region_slug, municipality_slug, None)
    except MunicipalityRefused:
        raise click.ClickException("no such region or municipality") from None
    tenant.forget()
    click.echo(f"{municipality_slug} is part of {region_slug}")


@region_group.command("grant")
@click.argument("email")
@click.argument("region_slug")
@click.argument("scope", type=click.Choice([scope.value for scope in RegionScope]))
def grant_command(email: str, region_slug: str, scope: str) -> None:
    """Give a login a scope in a region: coordinator (works across it) or partner (reads it)."""
    user = db.session.scalar(select(StaffUser).where(StaffUser.email == email.strip().lower()))
    if user is None:
        raise click.ClickException("no login with that e-mail address")
    try:
        setup.grant(user, region_slug, RegionScope(scope), None)
    except MunicipalityRefused:
        raise click.ClickException("no such region") from None
    click.echo(f"{email} is {scope} in {region_slug}")
