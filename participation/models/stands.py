"""Stands: a staffed half-day stand in a village, with a kiosk link for its tablet."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.domain.stands import accepts_sync, kiosk_state
from participation.domain.tokens import secret_link_token
from participation.extensions import Model
from participation.models.areas import Area
from participation.models.campaigns import Campaign
from participation.models.staff import StaffUser
from participation.tenancy import TenantOwned
from participation.timeutil import utcnow


class Stand(TenantOwned, Model):
    """A veiligheidsstand: where and when, and the secret link its tablet opens."""

    __tablename__ = "stand"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id"), index=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("area.id"))
    place: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    token: Mapped[str] = mapped_column(String(64), unique=True, default=secret_link_token)
    revoked_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    # What the tablet last told us: when it last reached the server, and how many votes were
    # still waiting in its queue after that; staff are warned before closing on either.
    last_contact_at: Mapped[datetime | None]
    queued_reported: Mapped[int] = mapped_column(default=0, server_default="0")

    campaign: Mapped[Campaign] = relationship()
    area: Mapped[Area] = relationship()
    closed_by: Mapped[StaffUser | None] = relationship()

    def kiosk_state(self, now: datetime | None = None) -> str:
        """See domain.stands.kiosk_state."""
        return kiosk_state(
            self.starts_at, self.ends_at, self.revoked_at, self.closed_at, now or utcnow()
        )

    def accepts_sync(self, now: datetime | None = None) -> bool:
        """See domain.stands.accepts_sync."""
        return accepts_sync(
            self.starts_at, self.ends_at, self.revoked_at, self.closed_at, now or utcnow()
        )
