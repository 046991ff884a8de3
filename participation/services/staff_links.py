"""Mail to staff: invite and reset links, and the notice of a new membership."""

from __future__ import annotations

import hashlib
import logging
import smtplib
from collections.abc import Callable

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_mail import Message
from itsdangerous import URLSafeTimedSerializer

from participation.extensions import db, mail
from participation.models import StaffUser
from participation.services import municipality

log = logging.getLogger(__name__)

# (endpoint, values) -> absolute public URL (web.links.public_url): links in mails.
LinkMaker = Callable[..., str]
INVITE_SALT = "staff-invite"


class MailNotSent(Exception):
    """The mail server did not take the mail; nothing was stored or changed."""


class MailAddressRefused(MailNotSent):
    """The mail server refused this address; nothing was stored."""


def serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=INVITE_SALT)


def fingerprint(user: StaffUser) -> str:
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


def invite_token(user: StaffUser) -> str:
    """A signed link token, good for INVITE_VALID_HOURS and for one use: it names the user's
    session_version and password hash, and choosing a password changes both. Deactivating
    raises session_version too, so a deactivated account's links never work again."""
    return serializer().dumps([user.email, user.session_version or 0, fingerprint(user)])


def send_link(
    user: StaffUser, link: LinkMaker, reset: bool, welcome: str = "staff.welcome"
) -> None:
    """Mail the link to choose a password; on failure roll back everything of this request
    and raise MailNotSent.

    Nothing is written to the database before the mail server took the message: a slow
    server must not hold SQLite's one write lock while residents vote.
    """
    hours = current_app.config["INVITE_VALID_HOURS"]
    with db.session.no_autoflush, force_locale("nl"):
        url = link(welcome, token=invite_token(user))
        subject = _("Choose a new password") if reset else _("Your staff account is ready")
        body = render_template("mail/invite.txt", user=user, url=url, hours=hours, reset=reset)
        _send(Message(subject=subject, recipients=[user.email], body=body, sender=_sender()))


def send_membership_notice(user: StaffUser, role: str, link: LinkMaker) -> None:
    """Tell a login that it now also works for the current municipality (no new password:
    the one it has works here too). MailNotSent as send_link."""
    with db.session.no_autoflush, force_locale("nl"):
        name = municipality.current().name
        body = render_template("mail/membership.txt", user=user, role=role, url=link("staff.login"))
        subject = _("You now also work for %(municipality)s", municipality=name)
        _send(Message(subject=subject, recipients=[user.email], body=body, sender=_sender()))


def send_region_scope_notice(user: StaffUser, scope: str, link: LinkMaker) -> None:
    """Tell a login that it now also works for the current region (its password works on the
    region's host too): without it, the person learns of the new scope from nobody. Called
    while working for the region, so the mail names it and comes from its sender."""
    with db.session.no_autoflush, force_locale("nl"):
        name = municipality.current().name
        url = link("region.login")
        body = render_template("mail/region_scope.txt", user=user, scope=scope, url=url)
        subject = _("You now also work for the region %(region)s", region=name)
        _send(Message(subject=subject, recipients=[user.email], body=body, sender=_sender()))


def _sender() -> str:
    return municipality.mail_sender()


def _send(message: Message) -> None:
    try:
        mail.send(message)
    except (smtplib.SMTPRecipientsRefused, UnicodeEncodeError) as error:
        # UnicodeEncodeError: a non-ASCII local part (jörg@…) SMTP without SMTPUTF8 cannot carry.
        db.session.rollback()
        log.info("staff invite: the address cannot be mailed; nothing stored")
        raise MailAddressRefused from error
    except (smtplib.SMTPException, OSError) as error:
        db.session.rollback()
        # The error's text may name the address: only its type reaches the log.
        log.warning("staff invite: mail not sent, nothing stored (%s)", type(error).__name__)
        raise MailNotSent from error
