"""Voting code batches: generate them, count what was used, and print them as slips."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Table, case, exists, func, select

from participation.domain.codes import new_code
from participation.extensions import db
from participation.models import Campaign, StaffUser, VotingCode, VotingCodeBatch
from participation.services import audit, ownership

MAX_BATCH = 5000


@dataclass(frozen=True)
class BatchSummary:
    batch: VotingCodeBatch
    total: int
    used: int


def generate_batch(campaign: Campaign, count: int, label: str, actor: StaffUser) -> VotingCodeBatch:
    """`count` new codes, unique within the campaign, under one label (their source tag)."""
    if not 1 <= count <= MAX_BATCH:
        raise ValueError(f"count must be 1–{MAX_BATCH}")
    wanted: set[str] = set()
    while len(wanted) < count:
        fresh = {new_code() for _ in range(count - len(wanted))}
        wanted |= fresh - _existing(campaign.id, fresh)
    batch = VotingCodeBatch(campaign_id=campaign.id, label=label, created_by_id=actor.id)
    db.session.add(batch)
    db.session.flush()
    codes = VotingCode.__table__
    assert isinstance(codes, Table)  # declarative models map plain Tables (typed FromClause)
    db.session.execute(
        codes.insert(),
        [{"campaign_id": campaign.id, "batch_id": batch.id, "code": code} for code in wanted],
    )
    audit.record(actor, "codes.generate", campaign.slug, f"{count} codes, label {label}")
    db.session.commit()
    return batch


def _existing(campaign_id: int, codes: set[str]) -> set[str]:
    found: set[str] = set()
    chunk = list(codes)
    for start in range(0, len(chunk), 500):
        found.update(
            db.session.scalars(
                select(VotingCode.code).where(
                    VotingCode.campaign_id == campaign_id,
                    VotingCode.code.in_(chunk[start : start + 500]),
                )
            )
        )
    return found


def batch_summaries(campaign: Campaign) -> list[BatchSummary]:
    rows = db.session.execute(
        select(
            VotingCodeBatch,
            func.count(VotingCode.id),
            func.coalesce(func.sum(case((VotingCode.used, 1), else_=0)), 0),
        )
        .join(VotingCode, VotingCode.batch_id == VotingCodeBatch.id)
        .where(VotingCodeBatch.campaign_id == campaign.id)
        .group_by(VotingCodeBatch.id)
        .order_by(VotingCodeBatch.id)
    ).all()
    return [BatchSummary(batch, total, used) for batch, total, used in rows]


def uses_codes(campaign_id: int) -> bool:
    """Whether the ballot form should ask for a code: only once staff made some."""
    return bool(db.session.scalar(select(exists().where(VotingCode.campaign_id == campaign_id))))


def batch_or_none(campaign: Campaign, batch_id: int) -> VotingCodeBatch | None:
    return ownership.owned(VotingCodeBatch, batch_id, campaign_id=campaign.id)


def record_download(
    campaign: Campaign, batch: VotingCodeBatch, slips: int, actor: StaffUser
) -> None:
    """Who downloaded printable codes, and how many: the audit log keeps it."""
    audit.record(actor, "codes.download", campaign.slug, f"batch {batch.label}: {slips}")
    db.session.commit()
