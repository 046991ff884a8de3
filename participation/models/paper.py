"""Paper and sticker counts for a stand, entered twice by different staff (four eyes)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.extensions import Model
from participation.models.staff import StaffUser
from participation.tenancy import TenantOwned
from participation.timeutil import utcnow


class PaperTally(TenantOwned, Model):
    """One staff member's count of a stand's paper forms or stickers."""

    __tablename__ = "paper_tally"
    __table_args__ = (UniqueConstraint("stand_id", "entered_by_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    stand_id: Mapped[int] = mapped_column(ForeignKey("stand.id"), index=True)
    entered_by_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    participants: Mapped[int]
    entered_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    entered_by: Mapped[StaffUser] = relationship()
    counts: Mapped[list[PaperCount]] = relationship(cascade="all, delete-orphan")

    def votes_by_theme(self) -> dict[int, int]:
        return {count.theme_id: count.votes for count in self.counts}


class PaperCount(TenantOwned, Model):
    """Votes for one theme in one paper tally."""

    __tablename__ = "paper_count"

    tally_id: Mapped[int] = mapped_column(
        ForeignKey("paper_tally.id", ondelete="CASCADE"), primary_key=True
    )
    theme_id: Mapped[int] = mapped_column(ForeignKey("theme.id"), primary_key=True)
    votes: Mapped[int]
