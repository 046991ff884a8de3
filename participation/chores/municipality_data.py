"""`flask export-municipality` and `flask erase-municipality`: one municipality's data, whole."""

from __future__ import annotations

from pathlib import Path

import click

from participation.chores import municipality_option
from participation.services import municipalities
from participation.services.municipality_data import erasure, export

# What a refused erasure is told, per problem (services.municipality_data.erasure).
ERASURE_PROBLEMS = {
    "unknown": "die gemeente bestaat niet",
    "confirmation": "de getypte korte naam klopt niet (let op hoofdletters en spaties)",
    "only_municipality": (
        "dit is de enige gemeente van deze installatie; verwijder de installatie zelf als "
        "alles weg moet"
    ),
    "not_operator": "alleen een beheerder van de installatie mag een gemeente verwijderen",
    "current": "deze opdracht werkt zelf voor die gemeente",
    "busy": (
        "tijdens het verwijderen kwamen er nieuwe gegevens van die gemeente binnen (staat er "
        "nog een campagne open?); er is niets verwijderd, sluit die en probeer het opnieuw"
    ),
}


@click.command("export-municipality")
@click.option("--gemeente", "slug", required=True, help="The municipality's short name.")
@click.option(
    "--out",
    "target",
    required=True,
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="The zip file to write.",
)
def export_command(slug: str, target: Path) -> None:
    """Write all of one municipality's data to a zip: per campaign the results JSON, the
    tallies and ballots CSV and the workbook, every row of every table it owns, its logins
    (no passwords) and a manifest with a SHA-256 per file."""
    from participation.renderers.municipality_export import campaign_files  # loads openpyxl

    data = export.export_zip(municipality_option.chosen(slug), campaign_files)
    target.write_bytes(data)
    click.echo(f"Alle gegevens van {slug} staan in {target} ({len(data):,} bytes).")


@click.command("erase-municipality")
@click.option("--gemeente", "slug", required=True, help="The municipality's short name.")
@click.option(
    "--confirm", default=None, help="Its short name again, for scripts (otherwise asked)."
)
def erase_command(slug: str, confirm: str | None) -> None:
    """Delete one municipality and everything it owns, for good (the right to erasure for a
    whole customer). Make an export first: nothing of it can be brought back but from a backup."""
    municipality_id = municipality_option.chosen(slug)
    row = municipalities.by_slug(slug)
    name = row.name if row is not None and row.name else slug
    if confirm is None:
        click.echo(
            f"Dit verwijdert {name} ({slug}) met al haar raadplegingen, stemmen, "
            "enquêtes, stands, dorpsbelangen, medewerkers en auditlog. Dit kan niet ongedaan "
            "worden gemaakt."
        )
        confirm = click.prompt(
            "Typ de korte naam van de gemeente om te bevestigen", default="", show_default=False
        )
    try:
        report = erasure.erase(municipality_id, confirm, None)
    except erasure.ErasureRefused as refused:
        reasons = "; ".join(ERASURE_PROBLEMS[str(p)] for p in refused.problems)
        raise click.ClickException(f"Niets verwijderd: {reasons}.") from None
    click.echo(
        f"{report.name or report.slug} ({report.slug}) verwijderd: {report.total_rows} rijen, "
        f"{report.logins_removed} logins zonder andere gemeente."
    )
    if report.logins_kept:
        click.echo(
            f"{report.logins_kept} logins zonder lidmaatschap blijven bestaan: andere "
            "gemeenten noemen ze nog (bijvoorbeeld in hun auditlog)."
        )
