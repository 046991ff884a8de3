"""Settled counts: what every worker and server finds, so a fresh one counts only new ballots."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from participation.extensions import Model
from participation.tenancy import TenantOwned
from participation.timeutil import utcnow


class SettledCount(TenantOwned, Model):
    """One kind of running count of a campaign (`kind`: "areas" or "sources") up to a settled
    ballot id, valid while nothing but new ballots changed (`fixed`: a hash of the rest of the
    fingerprint, services.results.counting.fingerprint). Only a cache: deleting every row
    loses nothing but the next request's speed."""

    __tablename__ = "settled_count"

    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaign.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    fixed: Mapped[str] = mapped_column(String(64))
    settled_id: Mapped[int] = mapped_column(BigInteger)
    data: Mapped[Any] = mapped_column(JSON)
    saved_at: Mapped[datetime] = mapped_column(default=utcnow)
