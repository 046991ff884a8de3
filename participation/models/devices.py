"""Per-device ballot counts: how one phone is held to one vote without knowing who holds it."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from participation.extensions import Model
from participation.tenancy import TenantOwned


class DeviceTally(TenantOwned, Model):
    """How many ballots one phone cast in one campaign.

    The key is a keyed hash of the phone's random cookie and the campaign, so it cannot be
    followed across campaigns. It holds no time and no link to the ballots themselves.
    """

    __tablename__ = "device_tally"

    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaign.id", ondelete="CASCADE"), primary_key=True
    )
    device_hash: Mapped[str] = mapped_column(String(32), primary_key=True)
    ballots: Mapped[int]
