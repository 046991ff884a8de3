"""'Houd mij op de hoogte': residents who asked to hear the outcome by e-mail.

An address is stored apart from the ballots with no link to one (only the day it was asked),
confirmed by a link in an e-mail (double opt-in), used once when the outcome is published,
then deleted. Unconfirmed addresses are deleted then too, and by `flask retention` after
FOLLOW_UP_CONFIRM_DAYS. No address ever reaches a log line (log_privacy.HideEmails).

Asking gets the same page in the same time whatever the address: whether it is new, waiting
for its confirmation or confirmed, is looked at only after the response went out
(ask_after_response). At most MAILS_PER_MAILBOX confirmation mails go to one mailbox a day.
The mails themselves are jobs (mail_jobs, services.jobs): queued for a worker when there is one.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import logging
from dataclasses import dataclass
from datetime import timedelta

from flask import Response, after_this_request, copy_current_request_context, current_app
from limits import RateLimitItemPerDay
from sqlalchemy import CursorResult, delete, select

from participation import tenancy
from participation.extensions import db, limiter
from participation.models import Campaign, FollowUp
from participation.services import jobs
from participation.services.outcome import mail_jobs
from participation.timeutil import local_today

log = logging.getLogger(__name__)

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
    QUEUED = "queued"


@dataclass(frozen=True)
class Sent:
    """What publishing did with the e-mails: sent now, still waiting, or queued for the worker."""

    sent: int
    failed: int
    queued: int = 0


def mailbox_key(address: str) -> str:
    """One key per mailbox however the address is written: case, '+tags' and dots in the part
    before the @ do not count (jan.de.vries+1@Example.nl is jandevries@example.nl). Some
    addresses that are different mailboxes share a key; for a limit of a few a day, fine."""
    local, _, domain = address.lower().rpartition("@")
    local = local.split("+", 1)[0].replace(".", "")
    secret = str(current_app.config["SECRET_KEY"]).encode()
    digest = hmac.new(secret, f"{local}@{domain}".encode(), hashlib.sha256)
    return digest.hexdigest()[:24]


def ask_after_response(campaign: Campaign, address: str, language: str) -> None:
    """Answer now, do the work once the response has gone out (the WSGI server closes it).

    The view returns the same page for every address; only afterwards is the address looked
    up, stored and its mail handed to the job queue, or not. So neither the answer nor the time
    it takes tells whether an address was already asked for or confirmed. `address` is
    checked (vote.forms.MailAddress).
    """
    kept = tenancy.kept_for_later()

    def ask_for_the_same_municipality() -> None:
        with kept():
            _ask_quietly(campaign.id, address, language)

    work = copy_current_request_context(ask_for_the_same_municipality)

    @after_this_request
    def later(response: Response) -> Response:
        response.call_on_close(work)
        return response


def _ask_quietly(campaign_id: int, address: str, language: str) -> None:
    """ask(), after the response: nobody is left to tell, so nothing is raised."""
    try:
        campaign = db.session.get(Campaign, campaign_id)
        if campaign is not None:
            ask(campaign, address, language)
    except Exception as error:  # the page is gone: the log says what (never the address)
        db.session.rollback()
        log.error("follow-up for campaign %d failed: %s", campaign_id, type(error).__name__)


def ask(campaign: Campaign, address: str, language: str) -> Asked:
    """Store the address unconfirmed and have the confirmation link mailed (a job); an address
    already asked for gets the link again, a confirmed one nothing. No mail beyond
    MAILS_PER_MAILBOX a day to one mailbox. An address whose first mail is refused, or never
    goes out, is deleted again (mail_jobs.confirmation)."""
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
    created = found is None
    if found is None:
        found = FollowUp(
            campaign_id=campaign.id, email=address, language=language, asked_on=local_today()
        )
        db.session.add(found)
    db.session.commit()
    done = jobs.enqueue(mail_jobs.confirmation, found.id, created)
    if done.queued:
        return Asked.QUEUED
    if done.error is not None:
        return Asked.NOT_SENT
    return Asked.SENT if done.result else Asked.REFUSED


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


def send_outcome(campaign: Campaign) -> Sent:
    """Mail the outcome page to confirmed addresses, each deleted once sent; unconfirmed ones
    are deleted unused. With a job queue every address is queued, MAIL_JOB_SIZE to a job, and
    this returns at once; without one, at most FOLLOW_UP_BATCH go out now (a request stays
    within the worker's timeout) and what is left, or failed, waits for the next call."""
    db.session.execute(
        delete(FollowUp).where(FollowUp.campaign_id == campaign.id, FollowUp.confirmed.is_(False))
    )
    db.session.commit()
    ids = list(
        db.session.scalars(
            select(FollowUp.id).where(FollowUp.campaign_id == campaign.id).order_by(FollowUp.id)
        )
    )
    queued = jobs.configured()
    chosen = ids if queued else ids[: current_app.config["FOLLOW_UP_BATCH"]]
    size = max(1, int(current_app.config["MAIL_JOB_SIZE"]))
    sent = 0
    for start in range(0, len(chosen), size):
        done = jobs.enqueue(mail_jobs.outcome, campaign.id, chosen[start : start + size])
        if done.error is not None:
            break  # the mail server is away: the rest waits for the next call
        sent += done.result[0] if done.result else 0
    if queued:
        log.info("outcome mail for %s: %d addresses queued", campaign.slug, len(ids))
        return Sent(0, 0, queued=len(ids))
    left = waiting(campaign)[0]
    log.info("outcome mail for %s: %d sent, %d left", campaign.slug, sent, left)
    return Sent(sent, left)


def forget_unconfirmed() -> int:
    """Delete addresses never confirmed within FOLLOW_UP_CONFIRM_DAYS; how many."""
    before = local_today() - timedelta(days=current_app.config["FOLLOW_UP_CONFIRM_DAYS"])
    result = db.session.execute(
        delete(FollowUp).where(FollowUp.confirmed.is_(False), FollowUp.asked_on < before)
    )
    db.session.commit()
    assert isinstance(result, CursorResult)  # a DELETE's result, which counts its rows
    return result.rowcount or 0
