"""Single-use voting codes, printed in batches for door-to-door flyers."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.extensions import Model
from participation.models.staff import StaffUser
from participation.tenancy import TenantOwned
from participation.timeutil import utcnow


class VotingCodeBatch(TenantOwned, Model):
    """Codes generated together, e.g. 'huis-aan-huis-marum'; the label is their source tag."""

    __tablename__ = "voting_code_batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"))
    label: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))

    created_by: Mapped[StaffUser | None] = relationship()
    codes: Mapped[list[VotingCode]] = relationship(
        back_populates="batch", order_by="VotingCode.id", cascade="all, delete-orphan"
    )


class VotingCode(TenantOwned, Model):
    """One code that casts one ballot.

    It keeps whether it was used but not when, and the ballot does not point to it: a code
    handed to a known address must not lead to what that household chose.
    """

    __tablename__ = "voting_code"
    __table_args__ = (UniqueConstraint("campaign_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"))
    batch_id: Mapped[int] = mapped_column(
        ForeignKey("voting_code_batch.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(8))
    used: Mapped[bool] = mapped_column(default=False, server_default=false())

    batch: Mapped[VotingCodeBatch] = relationship(back_populates="codes")
