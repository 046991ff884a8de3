"""This install's first-day checklist, for the dashboard and the set-up page."""

from __future__ import annotations

from flask import current_app

from participation.domain.first_day import SetupLine
from participation.i18n import missing_catalogues
from participation.services import first_day
from participation.web.links import print_address_problem


def checklist() -> list[SetupLine]:
    """The checklist's lines with what the web layer knows: the public address and catalogues."""
    return first_day.lines(
        public_address=print_address_problem() is None,
        messages_compiled=not missing_catalogues(current_app),
    )
