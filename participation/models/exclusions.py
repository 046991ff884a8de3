"""Groups of ballots that staff left out of the results, with the reason; undoable."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.extensions import Model
from participation.models.staff import StaffUser
from participation.tenancy import TenantOwned
from participation.timeutil import utcnow

if TYPE_CHECKING:
    from participation.models.kiosk_devices import KioskDevice
    from participation.models.stands import Stand


class BallotExclusion(TenantOwned, Model):
    """One decision to leave a group of ballots out: a burst from one source, household extras,
    or a stand's kiosk ballots (per stand, tablet and time window).

    The ballots stay stored and point here; undoing the exclusion counts them again.
    """

    __tablename__ = "ballot_exclusion"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(12))  # 'burst', 'household' or 'stand'
    channel: Mapped[str | None] = mapped_column(String(10))
    source_tag: Mapped[str | None] = mapped_column(String(40))
    starts_at: Mapped[datetime | None]
    ends_at: Mapped[datetime | None]
    # kind 'stand': the stand's kiosk ballots, from one paired tablet or (NULL) from all.
    stand_id: Mapped[int | None] = mapped_column(ForeignKey("stand.id"))
    kiosk_device_id: Mapped[int | None] = mapped_column(ForeignKey("kiosk_device.id"))
    ballots: Mapped[int]
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    undone_at: Mapped[datetime | None]
    undone_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))

    created_by: Mapped[StaffUser | None] = relationship(foreign_keys=[created_by_id])
    undone_by: Mapped[StaffUser | None] = relationship(foreign_keys=[undone_by_id])
    stand: Mapped[Stand | None] = relationship()
    kiosk_device: Mapped[KioskDevice | None] = relationship()

    @property
    def active(self) -> bool:
        return self.undone_at is None
