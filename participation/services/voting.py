"""Casting a resident's ballot: domain validation, then one transaction."""

from __future__ import annotations

import enum
import logging
import uuid
from dataclasses import dataclass, field

from sqlalchemy import exists, insert, select
from sqlalchemy.exc import IntegrityError

from participation.domain.ballots import BallotProblem, PickRule, check_choices, check_village
from participation.extensions import db
from participation.models import Area, Ballot, BallotChoice, Campaign, Theme
from participation.models.ballots import Channel, TrustLevel, utcnow

log = logging.getLogger(__name__)

# The village choice for "outside the municipality, or I'd rather not say"; stored as NULL.
ELSEWHERE = "elders"


@dataclass(frozen=True)
class BallotContext:
    """What the ballot form needs to show and check: the campaign, its themes and villages."""

    campaign: Campaign
    themes: list[Theme]
    villages: list[Area]

    @property
    def rule(self) -> PickRule:
        return PickRule(self.campaign.min_picks, self.campaign.max_picks)

    @property
    def village_slugs(self) -> set[str]:
        return {area.slug for area in self.villages} | {ELSEWHERE}


@dataclass(frozen=True)
class Submission:
    """A parsed ballot as the resident sent it."""

    ballot_key: uuid.UUID
    village: str | None
    theme_ids: list[int]
    source_tag: str | None = None
    channel: Channel = Channel.WEB
    trust_level: TrustLevel = TrustLevel.DEVICE


class CastOutcome(enum.Enum):
    """What happened to a valid submission."""

    STORED = "stored"
    ALREADY_STORED = "already_stored"


@dataclass
class BallotRejected(Exception):
    """The submission breaks a ballot rule; nothing was stored."""

    problems: list[BallotProblem] = field(default_factory=list)


class CampaignNotOpen(Exception):
    """The campaign is a draft or closed; nothing was stored."""


def load_context(slug: str) -> BallotContext | None:
    """The campaign with its themes and villages, or None for an unknown slug."""
    campaign = db.session.scalar(select(Campaign).where(Campaign.slug == slug))
    if campaign is None:
        return None
    return BallotContext(campaign, list(campaign.themes), list(campaign.areas))


def cast_ballot(context: BallotContext, submission: Submission) -> CastOutcome:
    """Check the submission against the rules and store it once, ballot and choices together.

    A repeated ballot_key (double tap, resend, retried sync) is not stored again and reports
    ALREADY_STORED, so the resident still sees the thank-you page.
    """
    campaign = context.campaign
    if not campaign.is_accepting_ballots():
        log.info("ballot refused: campaign %s is %s", campaign.slug, campaign.status)
        raise CampaignNotOpen
    problems = check_village(submission.village, context.village_slugs) + check_choices(
        submission.theme_ids, {theme.id for theme in context.themes}, context.rule
    )
    if problems:
        log.info("ballot rejected for %s: %s", campaign.slug, [p.value for p in problems])
        raise BallotRejected(problems)
    if _already_stored(submission.ballot_key):
        log.info("ballot %s for %s already stored", submission.ballot_key, campaign.slug)
        return CastOutcome.ALREADY_STORED
    area_ids = {area.slug: area.id for area in context.villages}
    try:
        _insert(campaign.id, area_ids.get(submission.village or ""), submission)
    except IntegrityError:
        db.session.rollback()
        if _already_stored(submission.ballot_key):
            log.info("ballot %s stored by a concurrent request", submission.ballot_key)
            return CastOutcome.ALREADY_STORED
        raise
    return CastOutcome.STORED


def _already_stored(ballot_key: uuid.UUID) -> bool:
    return bool(db.session.scalar(select(exists().where(Ballot.ballot_key == ballot_key))))


def _insert(campaign_id: int, area_id: int | None, submission: Submission) -> None:
    """Ballot and choices in one transaction, with Core inserts to keep the hot path lean."""
    ballot_id = db.session.execute(
        insert(Ballot)
        .values(
            ballot_key=submission.ballot_key,
            campaign_id=campaign_id,
            area_id=area_id,
            channel=submission.channel.value,
            source_tag=submission.source_tag,
            trust_level=submission.trust_level.value,
            created_at=utcnow(),
        )
        .returning(Ballot.id)
    ).scalar_one()
    db.session.execute(
        insert(BallotChoice),
        [{"ballot_id": ballot_id, "theme_id": theme_id} for theme_id in submission.theme_ids],
    )
    db.session.commit()
