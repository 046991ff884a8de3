"""'Houd mij op de hoogte': residents who asked to hear the outcome by e-mail.

An address is stored apart from the ballots with no link to one (only the day it was asked),
confirmed by a link in an e-mail (double opt-in), used once when the outcome is published,
then deleted. Unconfirmed addresses are deleted then too, and by `flask retention` after
FOLLOW_UP_CONFIRM_DAYS. No address ever reaches a log line (log_privacy.HideEmails).

Asking gets the same page in the same time whatever the address: whether it is new, waiting
for its confirmation or confirmed, is looked at only after the response went out
(ask_after_response). At most MAILS_PER_MAILBOX confirmation mails go to one mailbox a day.
"""

from __future__ import annotations

import enum
import functools
import hashlib
import hmac
import logging
import smtplib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from email import policy

from flask import (
    Response,
    after_this_request,
    copy_current_request_context,
    current_app,
    render_template,
)
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_mail import Message
from limits import RateLimitItemPerDay
from sqlalchemy import delete, func, select

from participation.extensions import db, limiter, mail
from participation.models import Campaign, FollowUp
from participation.timeutil import local_today

log = logging.getLogger(__name__)

# Links in the mails: (endpoint, values) -> absolute public URL (web.links.public_url).
LinkMaker = Callable[..., str]
# Confirmation mails to one mailbox (mailbox_key) per day, kept where Flask-Limiter keeps its
# counts (memory, or Redis shared by the workers) under a keyed hash, never the address.
MAILS_PER_MAILBOX = RateLimitItemPerDay(3)


class Asked(enum.Enum):
    """What became of an address that asked (the log says it); the resident is never told."""

    SENT = "sent"
    CONFIRMED_ALREADY = "confirmed already"
    TOO_MANY = "too many mails to this mailbox today"
    REFUSED = "refused by the mail server"
    NOT_SENT = "not sent"


@dataclass(frozen=True)
class Sent:
    sent: int
    failed: int


class _Mail(Message):
    """Flask-Mail's message, its header lines folded only past RFC 5322's limit of 998.

    Python's SMTP policy folds at 78 and, to fold one long word such as the unsubscribe
    link, RFC 2047-encodes it ('=?utf-8?q?<https...?='); mail programs then offer no
    one-click unsubscribe (RFC 8058). Our headers are plain ASCII: written as they are.
    """

    def as_bytes(self) -> bytes:
        message = self._message()
        return message.as_bytes(policy=policy.SMTP.clone(max_line_length=998))


def mailbox_key(address: str) -> str:
    """One key per mailbox however the address is written: case, '+tags' and dots in the part
    before the @ do not count (jan.de.vries+1@Example.nl is jandevries@example.nl). Some
    addresses that are different mailboxes share a key; for a limit of a few a day, fine."""
    local, _, domain = address.lower().rpartition("@")
    local = local.split("+", 1)[0].replace(".", "")
    secret = str(current_app.config["SECRET_KEY"]).encode()
    digest = hmac.new(secret, f"{local}@{domain}".encode(), hashlib.sha256)
    return digest.hexdigest()[:24]


def ask_after_response(campaign: Campaign, address: str, language: str, link: LinkMaker) -> None:
    """Answer now, do the work once the response has gone out (the WSGI server closes it).

    The view returns the same page for every address; only afterwards is the address looked
    up, the mail sent or not. So neither the answer nor the time it takes tells whether an
    address was already asked for or confirmed. `address` is checked (vote.forms.MailAddress).
    """
    work = copy_current_request_context(
        functools.partial(_ask_quietly, campaign.id, address, language, link)
    )

    @after_this_request
    def later(response: Response) -> Response:
        response.call_on_close(work)
        return response


def _ask_quietly(campaign_id: int, address: str, language: str, link: LinkMaker) -> None:
    """ask(), after the response: nobody is left to tell, so nothing is raised."""
    try:
        campaign = db.session.get(Campaign, campaign_id)
        if campaign is not None:
            ask(campaign, address, language, link)
    except Exception as error:  # the page is gone: the log says what (never the address)
        db.session.rollback()
        log.error("follow-up for campaign %d failed: %s", campaign_id, type(error).__name__)


def ask(campaign: Campaign, address: str, language: str, link: LinkMaker) -> Asked:
    """Store the address unconfirmed and mail the confirmation link; an address already asked
    for gets the link again, a confirmed one nothing. Nothing is stored unless the mail
    went out; no mail beyond MAILS_PER_MAILBOX a day to one mailbox."""
    found = db.session.scalar(
        select(FollowUp).where(FollowUp.campaign_id == campaign.id, FollowUp.email == address)
    )
    if found is not None and found.confirmed:
        log.info("follow-up for %s: asked again, already confirmed", campaign.slug)
        return Asked.CONFIRMED_ALREADY
    if not limiter.limiter.hit(MAILS_PER_MAILBOX, "follow-up-mails", mailbox_key(address)):
        log.warning(
            "follow-up for %s: no more confirmation mails to this mailbox today", campaign.slug
        )
        return Asked.TOO_MANY
    if found is None:
        found = FollowUp(
            campaign_id=campaign.id, email=address, language=language, asked_on=local_today()
        )
        db.session.add(found)
        db.session.flush()  # its tokens, for the link; stored only once the mail went out
    url = link("vote.follow_up_confirm", token=found.confirm_token)
    unsubscribe_url = link("vote.follow_up_unsubscribe", token=found.unsubscribe_token)
    with force_locale(found.language):
        message = _Mail(
            subject=_("Please confirm your e-mail address"),
            recipients=[found.email],
            body=render_template(
                "mail/confirm.txt", campaign=campaign, url=url, unsubscribe=unsubscribe_url
            ),
            extra_headers=_unsubscribe_headers(unsubscribe_url),
        )
    try:
        mail.send(message)
    except smtplib.SMTPRecipientsRefused:
        db.session.rollback()
        log.info("follow-up for %s: the mail server refused the address", campaign.slug)
        return Asked.REFUSED
    except (smtplib.SMTPException, OSError) as error:
        db.session.rollback()
        log.warning(
            "follow-up for %s: confirmation not sent, nothing stored (%s)",
            campaign.slug,
            type(error).__name__,  # the error's text may name the address
        )
        return Asked.NOT_SENT
    db.session.commit()
    log.info("follow-up for %s: confirmation sent", campaign.slug)
    return Asked.SENT


def by_confirm_token(token: str) -> FollowUp | None:
    return db.session.scalar(select(FollowUp).where(FollowUp.confirm_token == token))


def by_unsubscribe_token(token: str) -> FollowUp | None:
    return db.session.scalar(select(FollowUp).where(FollowUp.unsubscribe_token == token))


def confirm(found: FollowUp) -> None:
    found.confirmed = True
    db.session.commit()
    log.info("follow-up %d confirmed", found.id)


def unsubscribe(found: FollowUp) -> None:
    """Forget the address at once."""
    log.info("follow-up %d: unsubscribed and deleted", found.id)
    db.session.delete(found)
    db.session.commit()


def waiting(campaign: Campaign) -> tuple[int, int]:
    """(confirmed, unconfirmed) addresses waiting for this campaign's outcome."""
    rows = db.session.scalars(select(FollowUp.confirmed).where(FollowUp.campaign_id == campaign.id))
    flags = list(rows)
    return sum(flags), len(flags) - sum(flags)


def send_outcome(campaign: Campaign, link: LinkMaker) -> Sent:
    """Mail the outcome page to confirmed addresses, deleting each once sent; unconfirmed
    addresses are deleted unused. At most FOLLOW_UP_BATCH per call, so a request stays well
    within the worker's timeout; what is left, or failed, waits for the next call."""
    db.session.execute(
        delete(FollowUp).where(FollowUp.campaign_id == campaign.id, FollowUp.confirmed.is_(False))
    )
    db.session.commit()
    waiting_now = select(FollowUp).where(FollowUp.campaign_id == campaign.id)
    total = db.session.scalar(select(func.count()).select_from(waiting_now.subquery())) or 0
    confirmed = list(
        db.session.scalars(
            waiting_now.order_by(FollowUp.id).limit(current_app.config["FOLLOW_UP_BATCH"])
        )
    )
    if not confirmed:
        return Sent(0, 0)
    outcome_url = link("results.outcome_page", slug=campaign.slug)
    sent = refused = 0
    try:
        with mail.connect() as connection:
            for found in confirmed:
                try:
                    connection.send(_outcome_message(campaign, found, outcome_url, link))
                    sent += 1
                except smtplib.SMTPRecipientsRefused:
                    refused += 1  # this address will never work: forget it too
                db.session.delete(found)
                db.session.commit()
    except (smtplib.SMTPException, OSError) as error:
        db.session.rollback()
        log.warning(
            "outcome mail for %s stopped after %d: %s", campaign.slug, sent, type(error).__name__
        )
    left = total - sent - refused
    log.info(
        "outcome mail for %s: %d sent, %d refused, %d left", campaign.slug, sent, refused, left
    )
    return Sent(sent, left)


def _outcome_message(
    campaign: Campaign, found: FollowUp, outcome_url: str, link: LinkMaker
) -> Message:
    unsubscribe_url = link("vote.follow_up_unsubscribe", token=found.unsubscribe_token)
    with force_locale(found.language):
        return _Mail(
            subject=_("What was done with your vote?"),
            recipients=[found.email],
            body=render_template(
                "mail/outcome.txt", campaign=campaign, url=outcome_url, unsubscribe=unsubscribe_url
            ),
            extra_headers=_unsubscribe_headers(unsubscribe_url),
        )


def _unsubscribe_headers(url: str) -> dict[str, str]:
    """One-click unsubscribe from the mail program (RFC 8058), sent unencoded (_Mail)."""
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def forget_unconfirmed() -> int:
    """Delete addresses never confirmed within FOLLOW_UP_CONFIRM_DAYS; how many."""
    before = local_today() - timedelta(days=current_app.config["FOLLOW_UP_CONFIRM_DAYS"])
    result = db.session.execute(
        delete(FollowUp).where(FollowUp.confirmed.is_(False), FollowUp.asked_on < before)
    )
    db.session.commit()
    return result.rowcount or 0
