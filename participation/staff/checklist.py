"""This install's first-day checklist, for the dashboard and the set-up page."""

from __future__ import annotations

from typing import NamedTuple

from flask import current_app

from participation.domain.first_day import SetupLine
from participation.i18n import missing_catalogues
from participation.services import first_day, municipality
from participation.web.links import print_address_problem


class PublicAddress(NamedTuple):
    """Where print, QR codes and mail send residents (None: not set), and whether it is the
    municipality's own (set on the install page) rather than the server's PUBLIC_BASE_URL."""

    url: str | None
    own: bool


def checklist() -> list[SetupLine]:
    """The checklist's lines with what the web layer knows: the public address and catalogues."""
    return first_day.lines(
        public_address=print_address_problem() is None,
        messages_compiled=not missing_catalogues(current_app),
    )


def public_address() -> PublicAddress:
    """The address the checklist speaks of: the municipality's own when it has one."""
    row = municipality.settings_row()
    return PublicAddress(municipality.public_address(), bool(row is not None and row.public_url))
