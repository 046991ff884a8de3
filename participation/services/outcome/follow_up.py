"""'Houd mij op de hoogte': residents who asked to hear the outcome by e-mail.

An address is stored apart from the ballots with no link to one (only the day it was asked),
confirmed by a link in an e-mail (double opt-in), used once when the outcome is published,
then deleted. Unconfirmed addresses are deleted then too, and by `flask retention` after
FOLLOW_UP_CONFIRM_DAYS. No address ever reaches a log line (log_privacy.HideEmails).
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_mail import Message
from sqlalchemy import delete, func, select

from participation.extensions import db, mail
from participation.models import Campaign, FollowUp
from participation.timeutil import local_today

log = logging.getLogger(__name__)

# Links in the mails: (endpoint, values) -> absolute public URL (web.links.public_url).
LinkMaker = Callable[..., str]


class NotSent(Exception):
    """The mail server did not take the message; nothing was stored."""


class AddressRefused(NotSent):
    """The mail server refused this address; nothing was stored."""


@dataclass(frozen=True)
class Sent:
    sent: int
    failed: int


def ask(campaign: Campaign, email: str, language: str, link: LinkMaker) -> None:
    """Store the address unconfirmed and mail the confirmation link; an address already asked
    for gets the link again, a confirmed one nothing (the page says the same either way)."""
    address = email.strip()
    found = db.session.scalar(
        select(FollowUp).where(FollowUp.campaign_id == campaign.id, FollowUp.email == address)
    )
    if found is not None and found.confirmed:
        log.info("follow-up for %s: asked again, already confirmed", campaign.slug)
        return
    if found is None:
        found = FollowUp(
            campaign_id=campaign.id, email=address, language=language, asked_on=local_today()
        )
        db.session.add(found)
        db.session.flush()  # its tokens, for the link; stored only once the mail went out
    url = link("vote.follow_up_confirm", token=found.confirm_token)
    unsubscribe_url = link("vote.follow_up_unsubscribe", token=found.unsubscribe_token)
    with force_locale(found.language):
        message = Message(
            subject=_("Please confirm your e-mail address"),
            recipients=[found.email],
            body=render_template(
                "mail/confirm.txt", campaign=campaign, url=url, unsubscribe=unsubscribe_url
            ),
            extra_headers=_unsubscribe_headers(unsubscribe_url),
        )
    try:
        mail.send(message)
    except smtplib.SMTPRecipientsRefused as error:
        db.session.rollback()
        log.info("follow-up for %s: the mail server refused the address", campaign.slug)
        raise AddressRefused from error
    except (smtplib.SMTPException, OSError) as error:
        db.session.rollback()
        log.warning(
            "follow-up for %s: confirmation not sent, nothing stored (%s)",
            campaign.slug,
            type(error).__name__,  # the error's text may name the address
        )
        raise NotSent from error
    db.session.commit()
    log.info("follow-up for %s: confirmation sent", campaign.slug)


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
        return Message(
            subject=_("What was done with your vote?"),
            recipients=[found.email],
            body=render_template(
                "mail/outcome.txt", campaign=campaign, url=outcome_url, unsubscribe=unsubscribe_url
            ),
            extra_headers=_unsubscribe_headers(unsubscribe_url),
        )


def _unsubscribe_headers(url: str) -> dict[str, str]:
    """One-click unsubscribe from the mail program (RFC 8058)."""
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def forget_unconfirmed() -> int:
    """Delete addresses never confirmed within FOLLOW_UP_CONFIRM_DAYS; how many."""
    before = local_today() - timedelta(days=current_app.config["FOLLOW_UP_CONFIRM_DAYS"])
    result = db.session.execute(
        delete(FollowUp).where(FollowUp.confirmed.is_(False), FollowUp.asked_on < before)
    )
    db.session.commit()
    return result.rowcount or 0
