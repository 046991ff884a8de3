"""The municipality's look and contacts: read once per request, changed on the settings page."""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass
from urllib.parse import urlsplit

from email_validator import EmailNotValidError, validate_email
from flask import current_app, g, has_request_context
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import undefer

from participation import caches, tenancy
from participation.domain.house_style import (
    DEFAULT_COLOUR,
    PNG,
    LogoProblem,
    darker,
    logo_type,
    readable_on_white,
)
from participation.domain.refusals import Refused
from participation.extensions import db
from participation.models import Municipality, Region, StaffUser
from participation.services import audit
from participation.timeutil import utcnow

log = logging.getLogger(__name__)

# Shown before a municipality saved its name (a fresh install): neutral, never the demo's.
UNNAMED = _l("Your municipality")


@dataclass(frozen=True)
class Look:
    """What pages, print and reports show of the municipality."""

    name: str
    colour: str
    colour_dark: str
    contact_line: str = ""
    privacy_contact: str = ""
    logo_type: str | None = None
    version: int = 0

    @property
    def has_logo(self) -> bool:
        return self.logo_type is not None


@dataclass(frozen=True)
class LookInput:
    name: str
    colour: str
    contact_line: str
    privacy_contact: str
    logo: bytes | None = None  # a new logo; None keeps the current one
    remove_logo: bool = False


@dataclass(frozen=True)
class MailSettings:
    """The From of the municipality's mail (empty: MAIL_DEFAULT_SENDER) and the days ballots'
    details are kept after a campaign closes (None: RETENTION_DAYS)."""

    mail_sender: str
    retention_days: int | None


# Days a municipality may keep ballots' details: a month for objections and recounts at
# least, ten years at most.
RETENTION_DAYS = range(30, 3651)


class LookProblem(enum.Enum):
    COLOUR_UNREADABLE = "colour_unreadable"
    MAIL_SENDER = "mail_sender"
    RETENTION_DAYS = "retention_days"


class LookRefused(Refused):
    """problems: LookProblem and domain.house_style.LogoProblem values."""


def settings_row() -> Municipality | None:
    """The current municipality's row (None outside any: an error page on an unknown host)."""
    chosen = tenancy.chosen_id()
    row = db.session.get(Municipality, chosen) if chosen is not None else None
    if row is not None and has_request_context():
        # The session's identity map holds rows weakly: kept for the request, the next call
        # finds it there instead of asking the database (the dashboard asked ten times).
        g.municipality_row = row
    return row


def _region_name() -> str:
    """A region host's pages (no municipality) carry the region's name."""
    region = tenancy.chosen_region_id()
    if tenancy.chosen_id() is not None or region is None:
        return ""
    found = db.session.get(Region, region)
    return found.name if found is not None else ""


def current() -> Look:
    """The look, read once per request (per municipality: the install page works for a new
    one inside a request of another); the defaults while nothing was saved."""
    chosen = tenancy.chosen_id()
    kept: tuple[int | None, Look] | None = (
        g.get("municipality_look") if has_request_context() else None
    )
    if kept is not None and kept[0] == chosen:
        return kept[1]
    try:
        row = settings_row()
    except SQLAlchemyError:
        # The error page must still show when the database is away: the defaults then.
        log.warning("municipality settings unreadable; showing the defaults", exc_info=True)
        db.session.rollback()
        row = None
    # A row made only to note a test e-mail or a backup has no name yet. No municipality
    # chosen (an unknown host of a multi-municipality install): nobody's name.
    configured = current_app.config["MUNICIPALITY_NAME"] if tenancy.chosen_id() else ""
    name = (row.name if row else "") or configured or _region_name() or str(UNNAMED)
    if row is None:
        look = Look(name, DEFAULT_COLOUR, darker(DEFAULT_COLOUR))
    else:
        look = Look(
            name=name,
            colour=row.house_colour,
            colour_dark=darker(row.house_colour),
            contact_line=row.contact_line,
            privacy_contact=row.privacy_contact,
            logo_type=row.logo_type if row.logo_type == PNG else None,
            version=row.version,
        )
    if has_request_context():
        g.municipality_look = (chosen, look)
    return look


def logo() -> tuple[bytes, str] | None:
    """The logo's bytes and type, or None."""
    chosen = tenancy.chosen_id()
    row = (
        db.session.get(Municipality, chosen, options=[undefer(Municipality.logo)])
        if chosen is not None
        else None
    )
    if row is None or row.logo is None or row.logo_type != PNG:
        return None
    return row.logo, row.logo_type


def has_old_svg_logo() -> bool:
    """Whether an SVG logo from before PNG-only is stored: it is no longer shown or printed."""
    row = settings_row()
    return row is not None and row.logo_type is not None and row.logo_type != PNG


def mail_sender() -> str:
    """The From of every mail sent for the current municipality: its own sender when set,
    else MAIL_DEFAULT_SENDER (as Flask-Mail has it)."""
    row = settings_row()
    own = row.mail_sender if row is not None else ""
    return own or str(caches.mail_state().default_sender)


def mail_settings() -> MailSettings:
    """The current municipality's own mail sender and retention (empty: the install's)."""
    row = settings_row()
    if row is None:
        return MailSettings("", None)
    return MailSettings(row.mail_sender, row.retention_days)


def retention_days() -> int:
    """Days after a campaign closes before its ballots' details go (`flask retention`, the
    privacy statement): the municipality's own period, else RETENTION_DAYS."""
    row = settings_row()
    own = row.retention_days if row is not None else None
    return own or int(current_app.config["RETENTION_DAYS"])


def _mail_problems(given: MailSettings) -> list[enum.Enum]:
    problems: list[enum.Enum] = []
    if given.mail_sender.strip():
        try:
            # Plain ASCII: a mail server without SMTPUTF8 cannot carry anything else.
            validate_email(
                given.mail_sender.strip(), check_deliverability=False, allow_smtputf8=False
            )
        except EmailNotValidError:
            problems.append(LookProblem.MAIL_SENDER)
    if given.retention_days is not None and given.retention_days not in RETENTION_DAYS:
        problems.append(LookProblem.RETENTION_DAYS)
    return problems


def save(given: LookInput, actor: StaffUser, mail: MailSettings | None = None) -> Look:
    """Check and store the look (and the mail sender and retention, when given) in one go;
    nothing is stored when anything is refused."""
    problems = _mail_problems(mail) if mail is not None else []
    if not readable_on_white(given.colour):
        problems.append(LookProblem.COLOUR_UNREADABLE)
    kind = logo_type(given.logo) if given.logo else None
    if isinstance(kind, LogoProblem):
        problems.append(kind)
    if problems:
        raise LookRefused(problems)
    row = settings_row()
    assert row is not None  # the settings page is a staff page: a municipality was chosen
    row.name, row.house_colour = given.name.strip(), given.colour.lower()
    row.contact_line, row.privacy_contact = (
        given.contact_line.strip(),
        given.privacy_contact.strip(),
    )
    if given.logo and isinstance(kind, str):
        row.logo, row.logo_type = given.logo, kind
    elif given.remove_logo:
        row.logo, row.logo_type = None, None
    details = f"version {row.version + 1}"
    if mail is not None:
        before = {"mail_sender": row.mail_sender, "retention_days": row.retention_days}
        row.mail_sender, row.retention_days = mail.mail_sender.strip(), mail.retention_days
        after = {"mail_sender": row.mail_sender, "retention_days": row.retention_days}
        changed = audit.describe_changes(before, after)
        details = f"{details}; {changed}" if changed else details
    row.version += 1
    row.updated_at = utcnow()
    db.session.add(row)
    audit.record(actor, "municipality.save", "municipality", details)
    db.session.commit()
    g.pop("municipality_look", None)
    return current()


def public_address() -> str | None:
    """The address residents reach the current municipality at, for print, QR codes and mail:
    its own public address; else PUBLIC_BASE_URL while that serves it (a one-municipality
    install, or its host is one of this municipality's); else None (the request's host then
    stands in, and print says VOORBEELD)."""
    row = settings_row()
    if row is not None and row.public_url:
        return row.public_url.rstrip("/")
    configured = str(current_app.config.get("PUBLIC_BASE_URL") or "").rstrip("/")
    if not configured:
        return None
    own_hosts = set(row.hosts.lower().split()) if row is not None else set()
    host = (urlsplit(configured).hostname or "").lower()
    return configured if not own_hosts or host in own_hosts else None
