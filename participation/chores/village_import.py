"""`flask villages import FILE [--dry-run]`: the import staff do in the browser, from a shell."""

from __future__ import annotations

from pathlib import Path

import click

from participation.chores.municipality_option import for_municipality
from participation.domain.village_import import MAX_BYTES, ImportPlan
from participation.services.campaigns import village_import
from participation.web.village_messages import file_message, problem_message


@click.group("villages")
def villages_group() -> None:
    """Villages (kernen): import a list from a CSV file."""


def _shown(name: str, value: object) -> str:
    if name == "postcodes" and isinstance(value, tuple):
        return " ".join(value) or "-"
    return "?" if value is None else str(value)


def _echo_plan(plan: ImportPlan) -> None:
    for item in plan.added:
        fields = item.fields
        click.echo(
            f"line {item.line}: add {fields.name} ({fields.slug}), residents "
            f"{_shown('population', fields.population)}, postcodes "
            f"{_shown('postcodes', fields.postcodes)}"
        )
    for change in plan.changed:
        what = "; ".join(
            f"{name} {_shown(name, old)} -> {_shown(name, new)}"
            for name, old, new in change.differences()
        )
        click.echo(f"line {change.line}: change {change.before.name}: {what}")
    for refused in plan.refused:
        reasons = " ".join(problem_message(problem) for problem in refused.problems)
        click.echo(f"line {refused.line}: REFUSED ({refused.text}): {reasons}", err=True)
    click.echo(
        f"{len(plan.added)} to add, {len(plan.changed)} to change, "
        f"{len(plan.unchanged)} unchanged, {len(plan.refused)} lines refused."
    )


@villages_group.command("import")
@for_municipality
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Only show what would be added and changed.")
def import_command(file: Path, dry_run: bool) -> None:
    """Add and change villages from a CSV file (naam/name, slug, inwoners/population,
    postcodes). Any refused line stores nothing and exits with status 1."""
    with file.open("rb") as handle:
        data = handle.read(MAX_BYTES + 1)
    text, plan = village_import.preview_upload(data)
    if plan.file_problem is not None:
        raise click.ClickException(file_message(plan.file_problem, plan.file_detail))
    _echo_plan(plan)
    if plan.refused:
        lines = ", ".join(str(item.line) for item in plan.refused)
        raise click.ClickException(f"Nothing stored: lines {lines} were refused. Correct them.")
    if dry_run:
        click.echo("Dry run: nothing stored.")
        return
    if not plan.has_work:
        click.echo("Nothing to store.")
        return
    stored = village_import.store(text, None, via=f"the command line ({file.name})")
    click.echo(f"Stored: {len(stored.added)} added, {len(stored.changed)} changed.")
