"""The audit log: who changed what, when. Never what a resident chose."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.extensions import Model
from participation.models.staff import StaffUser
from participation.tenancy import TenantOwned
from participation.timeutil import utcnow


class AuditEvent(TenantOwned, Model):
    """One staff action, e.g. 'campaign.update' on 'campaign:demo'."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    action: Mapped[str] = mapped_column(String(60))
    target: Mapped[str] = mapped_column(String(120))
    # A short human-readable account of the change, e.g. "title: 'A' → 'B'".
    details: Mapped[str] = mapped_column(Text, default="")

    actor: Mapped[StaffUser | None] = relationship()
