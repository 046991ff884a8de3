"""The first-day checklist's facts, the test e-mail, and the record of the last backup."""

from __future__ import annotations

import enum
import logging
import smtplib

from flask import current_app, render_template
from flask_babel import gettext as _
from flask_mail import Message
from sqlalchemy import func, select

from participation import caches
from participation.domain.first_day import SetupFacts, SetupLine, checklist
from participation.extensions import db, mail
from participation.models import Area, Municipality, StaffMembership, StaffRole, StaffUser
from participation.services import audit, municipality
from participation.services.municipality import mail_sender, settings_row
from participation.timeutil import utcnow

log = logging.getLogger(__name__)


class MailProblem(enum.Enum):
    """Why the test e-mail did not go out, as staff can act on it."""

    NO_CONNECTION = "no_connection"  # nothing answers at MAIL_SERVER:MAIL_PORT, or too slowly
    LOGIN = "login"  # the server refused MAIL_USERNAME / MAIL_PASSWORD
    ADDRESS = "address"  # the server refused the sender or the recipient
    OTHER = "other"


class MailNotSent(Exception):
    """The mail server did not answer or did not take the test e-mail."""

    def __init__(self, problem: MailProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


def _problem(error: Exception) -> MailProblem:
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return MailProblem.LOGIN
    if isinstance(error, smtplib.SMTPRecipientsRefused | smtplib.SMTPSenderRefused):
        return MailProblem.ADDRESS
    if isinstance(error, OSError | smtplib.SMTPServerDisconnected | smtplib.SMTPConnectError):
        return MailProblem.NO_CONNECTION
    return MailProblem.OTHER


def _settings_row() -> Municipality:
    """The settings row, made with the configured name when nothing was saved yet."""
    row = settings_row()
    assert row is not None  # staff pages and chores work for a chosen municipality
    if not row.name:
        row.name = current_app.config["MUNICIPALITY_NAME"]
    return row


def lines(public_address: bool, messages_compiled: bool) -> list[SetupLine]:
    # The web layer knows whether residents can reach the address; https is read here.
    """The checklist for this install, from what is stored now."""
    row = settings_row()
    counting = db.session.scalar(
        select(func.count())
        .select_from(StaffUser)
        .join(StaffUser.memberships)
        .where(
            StaffUser.active.is_(True),
            StaffUser.invite_pending.is_(False),
            StaffMembership.role.in_((StaffRole.ADMIN.value, StaffRole.STAFF.value)),
        )
    )
    villages = db.session.scalar(
        select(func.count())
        .select_from(Area)
        .where(Area.kind == "village", Area.retired_at.is_(None))
    )
    facts = SetupFacts(
        public_address=public_address,
        # The municipality's own address when it has one, else PUBLIC_BASE_URL.
        public_address_https=(municipality.public_address() or "").startswith("https://"),
        name_set=bool(row and row.name.strip()) or bool(current_app.config["MUNICIPALITY_NAME"]),
        logo_set=bool(row and row.logo_type == "image/png"),
        villages=villages or 0,
        counting_staff=counting or 0,
        mail_tested_at=row.mail_tested_at if row else None,
        messages_compiled=messages_compiled,
        backup_made_at=row.backup_made_at if row else None,
    )
    return checklist(facts)


def mail_tested() -> bool:
    """Whether a test e-mail went out: until then residents are not offered e-mail."""
    row = settings_row()
    return row is not None and row.mail_tested_at is not None


def mail_server() -> str:
    """The host and port mail goes to, as Flask-Mail will use them."""
    state = caches.mail_state()
    return f"{state.server}:{state.port}"


def send_test_mail(actor: StaffUser) -> None:
    """Send a test e-mail to the actor's own address; on success the checklist marks the mail
    server as answering. On failure MailNotSent says why, and an earlier success no longer
    counts: the checklist and the e-mail offer's gate follow the latest test."""
    server = mail_server()
    message = Message(
        subject=_("Test e-mail from the participation app"),
        recipients=[actor.email],
        body=render_template("mail/test.txt", server=server),
        sender=mail_sender(),
    )
    try:
        mail.send(message)
    except (smtplib.SMTPException, OSError) as error:
        db.session.rollback()
        log.warning(
            "test e-mail not sent by user %s via %s (%s)",
            actor.id,
            server,
            error.__class__.__name__,
        )
        row = settings_row()
        if row is not None and row.mail_tested_at is not None:
            row.mail_tested_at = None
            audit.record(actor, "mail.test_failed", "mail", server)
            db.session.commit()
        raise MailNotSent(_problem(error)) from error
    row = _settings_row()
    row.mail_tested_at = utcnow()
    audit.record(actor, "mail.test", "mail", server)
    db.session.commit()
    log.info("test e-mail sent by user %s via %s", actor.id, server)


def record_backup(target: str) -> None:
    """`flask backup` wrote a backup: the checklist shows when (the file name, no data)."""
    row = _settings_row()
    row.backup_made_at = utcnow()
    audit.record(None, "backup.made", "database", target)
    db.session.commit()
