"""The `--gemeente` option of the chores: which municipality a command works for."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast

import click

from participation import tenancy
from participation.services import municipalities

F = TypeVar("F", bound=Callable[..., Any])


def for_municipality(command: F) -> F:
    """Add `--gemeente <short name>`; the command then works for that municipality. Without
    it, an install with one municipality works for that one, as before; with more, the
    command stops and says to choose."""

    @click.option(
        "--gemeente",
        "municipality_slug",
        default=None,
        help="The municipality's short name (needed when the install has more than one).",
    )
    @functools.wraps(command)
    def wrapped(*args: Any, municipality_slug: str | None = None, **kwargs: Any) -> Any:
        with tenancy.acting_for(chosen(municipality_slug)):
            return command(*args, **kwargs)

    return cast(F, wrapped)


def chosen(slug: str | None) -> int:
    """The id of the municipality named, or of the only one; a usage error otherwise."""
    if slug is not None:
        row = municipalities.by_slug(slug)
        if row is None:
            names = ", ".join(m.slug for m in municipalities.all_municipalities())
            raise click.UsageError(f"Onbekende gemeente {slug!r}; er zijn: {names}.")
        return row.id
    everyone = municipalities.all_municipalities()
    if len(everyone) != 1:
        names = ", ".join(m.slug for m in everyone)
        raise click.UsageError(f"Kies een gemeente met --gemeente ({names}).")
    return everyone[0].id
