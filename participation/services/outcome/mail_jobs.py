"""The mail jobs: a confirmation link, the outcome to a batch of addresses, the staff test mail.

Each takes ids and loads the address itself (services.jobs: no address in a job's arguments),
and each is safe to run again: an outcome address is deleted in the same transaction that
sends its mail, held locked meanwhile (PostgreSQL), so a retried or duplicated job skips it.
Only a crash between the mail server's "250 OK" and the commit could send one twice.
"""

from __future__ import annotations

import logging
import smtplib
from email import policy
from typing import Any

from flask import current_app, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_mail import Message
from sqlalchemy import Row, delete

from participation.domain.translations import text_in
from participation.extensions import db, mail
from participation.models import Campaign, FollowUp, StaffUser
from participation.services import first_day, jobs, municipality

log = logging.getLogger(__name__)


class MailNotSent(jobs.JobFailed):
    """The mail server did not take it; the text is the error's kind only (never an address)."""


class _Mail(Message):
    """Flask-Mail's message, its header lines folded only past RFC 5322's limit of 998.

    Python's SMTP policy folds at 78 and, to fold one long word such as the unsubscribe
    link, RFC 2047-encodes it ('=?utf-8?q?<https...?='); mail programs then offer no
    one-click unsubscribe (RFC 8058). Our headers are plain ASCII: written as they are.
    """

    def as_bytes(self) -> bytes:
        message = self._message()
        return message.as_bytes(policy=policy.SMTP.clone(max_line_length=998))


def _link(endpoint: str, **values: Any) -> str:
    """An absolute link on the municipality's public address, as web.links.public_url; in a
    worker the request context stands on the base URL of the request that queued the job
    (jobs.job)."""
    return _on(municipality.public_address(), endpoint, **values)


def _on(base: str | None, endpoint: str, **values: Any) -> str:
    """_link on a public address already looked up (None: the request's own base URL)."""
    if not base:
        return url_for(endpoint, _external=True, **values)
    return base + url_for(endpoint, **values)


def _unsubscribe_headers(url: str) -> dict[str, str]:
    """One-click unsubscribe from the mail program (RFC 8058), sent unencoded (_Mail)."""
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


@jobs.job
def confirmation(follow_up_id: int, created: bool) -> bool:
    """Mail the confirmation link; whether it went out. An address the server refuses, or one
    that could not be mailed at the last attempt, is deleted if this ask `created` it."""
    found = db.session.get(FollowUp, follow_up_id)
    if found is None or found.confirmed:
        log.info("follow-up %d: no confirmation needed any more", follow_up_id)
        return False
    campaign = db.session.get(Campaign, found.campaign_id)
    unsubscribe_url = _link("vote.follow_up_unsubscribe", token=found.unsubscribe_token)
    with force_locale(found.language):
        message = _Mail(
            subject=_("Please confirm your e-mail address"),
            recipients=[found.email],
            body=render_template(
                "mail/confirm.txt",
                campaign=campaign,
                url=_link("vote.follow_up_confirm", token=found.confirm_token),
                unsubscribe=unsubscribe_url,
            ),
            extra_headers=_unsubscribe_headers(unsubscribe_url),
            sender=municipality.mail_sender(),
        )
    slug = campaign.slug if campaign else "?"
    try:
        mail.send(message)
    except smtplib.SMTPRecipientsRefused:
        _forget_if(created, found)
        log.info("follow-up for %s: the mail server refused the address", slug)
        return False
    except (smtplib.SMTPException, OSError) as error:
        kind = type(error).__name__  # the error's text may name the address
        if jobs.final_attempt():
            _forget_if(created, found)
            log.warning("follow-up for %s: confirmation not sent, nothing stored (%s)", slug, kind)
        else:
            log.warning(
                "follow-up for %s: confirmation not sent, tried again later (%s)", slug, kind
            )
        raise MailNotSent(kind) from None
    log.info("follow-up for %s: confirmation sent", slug)
    return True


def _forget_if(created: bool, found: FollowUp) -> None:
    db.session.rollback()
    if created:
        db.session.execute(db.delete(FollowUp).where(FollowUp.id == found.id))
        db.session.commit()


@jobs.job
def outcome(campaign_id: int, follow_up_ids: list[int]) -> tuple[int, int]:
    """Mail the outcome page to these addresses, deleting each with its mail; (sent, refused).
    An address already gone (sent by an earlier try) is skipped."""
    campaign = db.session.get(Campaign, campaign_id)
    if campaign is None:
        return 0, 0
    # Read once: each mail's commit would expire the campaign and the municipality's row,
    # and they would be read again for every address.
    base, sender, slug = municipality.public_address(), municipality.mail_sender(), campaign.slug
    outcome_url = _on(base, "results.outcome_page", slug=slug)
    titles = {each: text_in(campaign, "title", each) for each in current_app.config["LANGUAGES"]}
    sent = refused = 0
    try:
        with mail.connect() as connection:
            for follow_up_id in follow_up_ids:
                # Deleted and read in one statement; on PostgreSQL the row stays locked until
                # the commit, so a retried or duplicated job finds it gone and skips it.
                found = db.session.execute(
                    delete(FollowUp)
                    .where(FollowUp.id == follow_up_id)
                    .returning(FollowUp.email, FollowUp.language, FollowUp.unsubscribe_token)
                ).first()
                if found is None:
                    continue
                title = titles.get(found.language, titles["nl"])
                token = found.unsubscribe_token
                unsubscribe_url = _on(base, "vote.follow_up_unsubscribe", token=token)
                message = _outcome_message(found, title, outcome_url, unsubscribe_url, sender)
                try:
                    connection.send(message)
                    sent += 1
                except smtplib.SMTPRecipientsRefused:
                    refused += 1  # this address will never work: forget it too
                db.session.commit()
    except (smtplib.SMTPException, OSError) as error:
        db.session.rollback()
        kind = type(error).__name__
        log.warning("outcome mail for %s stopped after %d: %s", slug, sent, kind)
        raise MailNotSent(kind) from None
    log.info("outcome mail for %s: %d sent, %d refused", slug, sent, refused)
    return sent, refused


def _outcome_message(
    found: Row[str, str, str], title: str, outcome_url: str, unsubscribe_url: str, sender: str
) -> Message:
    """The outcome mail to one address (`found`: its email and language)."""
    with force_locale(found.language):
        return _Mail(
            subject=_("What was done with your vote?"),
            recipients=[found.email],
            body=render_template(
                "mail/outcome.txt", title=title, url=outcome_url, unsubscribe=unsubscribe_url
            ),
            extra_headers=_unsubscribe_headers(unsubscribe_url),
            sender=sender,
        )


@jobs.job
def staff_test_mail(actor_id: int) -> None:
    """The staff test e-mail to the actor's own address (first_day.send_test_mail)."""
    actor = db.session.get(StaffUser, actor_id)
    if actor is not None:
        first_day.send_test_mail(actor)
