"""Remarks: what a resident said at a stand, typed by staff, anonymous and tagged with themes."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Column, ForeignKey, String, Table, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.extensions import Model, db
from participation.models.campaigns import Theme
from participation.tenancy import TenantOwned, tenant_column
from participation.timeutil import utcnow

remark_themes = Table(
    "remark_theme",
    db.metadata,
    Column("remark_id", ForeignKey("remark.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_id", ForeignKey("theme.id"), primary_key=True),
    tenant_column(),
)


class Remark(TenantOwned, Model):
    """Never tied to a ballot or a person; the UUID only stops a resent sync counting twice."""

    __tablename__ = "remark"

    id: Mapped[int] = mapped_column(primary_key=True)
    remark_key: Mapped[uuid.UUID] = mapped_column(Uuid, unique=True)
    stand_id: Mapped[int] = mapped_column(ForeignKey("stand.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    source: Mapped[str] = mapped_column(String(10), default="kiosk")

    themes: Mapped[list[Theme]] = relationship(secondary=remark_themes, order_by="Theme.position")
