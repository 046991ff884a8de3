"""Data retention: after the configured period, keep a campaign's totals and delete the rest.

Deleted: each ballot and its choices, the remarks noted at stands, the per-phone counts and the
voting codes. Kept: the totals per village, channel, trust level and theme (ArchivedCount), so
the results, exports and report stay the same; paper tallies (already totals); surveys (their
responses are anonymous); association views and session records (not residents' data).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select

from participation.extensions import db
from participation.models import (
    ArchivedCount,
    Ballot,
    BallotChoice,
    Campaign,
    DeviceTally,
    Remark,
    Stand,
    VotingCode,
    VotingCodeBatch,
)
from participation.services import audit
from participation.services.results.counting import ballot_counts

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Retained:
    campaign: str
    ballots: int
    remarks: int
    codes: int


def due(now: datetime, days: int) -> list[Campaign]:
    """Campaigns that closed more than `days` ago and still hold ballot-level data."""
    limit = now - timedelta(days=days)
    closed = select(Campaign).where(Campaign.closes_at.is_not(None), Campaign.closes_at < limit)
    return list(db.session.scalars(closed.order_by(Campaign.id)))


def apply(campaign: Campaign, dry_run: bool = False) -> Retained:
    """Archive the campaign's ballot totals and delete ballot-level data, in one transaction."""
    ballots = db.session.scalar(
        select(func.count()).select_from(Ballot).where(Ballot.campaign_id == campaign.id)
    )
    stands = select(Stand.id).where(Stand.campaign_id == campaign.id)
    remarks = db.session.scalar(
        select(func.count()).select_from(Remark).where(Remark.stand_id.in_(stands))
    )
    codes = db.session.scalar(
        select(func.count()).select_from(VotingCode).where(VotingCode.campaign_id == campaign.id)
    )
    found = Retained(campaign.slug, ballots or 0, remarks or 0, codes or 0)
    if dry_run:
        return found
    for area_id, groups in ballot_counts(campaign).items():
        for (channel, trust), count in groups.items():
            rows = [(None, count.ballots), *count.votes.items()]
            for theme_id, n in rows:
                db.session.add(
                    ArchivedCount(
                        campaign_id=campaign.id,
                        area_id=area_id,
                        channel=channel,
                        trust_level=trust,
                        theme_id=theme_id,
                        count=n,
                    )
                )
    ballot_ids = select(Ballot.id).where(Ballot.campaign_id == campaign.id)
    db.session.execute(delete(BallotChoice).where(BallotChoice.ballot_id.in_(ballot_ids)))
    db.session.execute(delete(Ballot).where(Ballot.campaign_id == campaign.id))
    for remark in db.session.scalars(select(Remark).where(Remark.stand_id.in_(stands))):
        db.session.delete(remark)  # its theme tags go with it
    db.session.execute(delete(VotingCode).where(VotingCode.campaign_id == campaign.id))
    db.session.execute(delete(VotingCodeBatch).where(VotingCodeBatch.campaign_id == campaign.id))
    db.session.execute(delete(DeviceTally).where(DeviceTally.campaign_id == campaign.id))
    audit.record(
        None,
        "retention.apply",
        campaign.slug,
        f"{found.ballots} ballots, {found.remarks} remarks, {found.codes} codes deleted",
    )
    db.session.commit()
    log.info("retention: %s", found)
    return found
