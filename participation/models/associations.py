"""Village associations (dorpsbelangen) and every version of their view."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.domain.tokens import secret_link_token
from participation.extensions import Model
from participation.models.areas import Area
from participation.models.campaigns import Campaign, Theme
from participation.tenancy import TenantOwned
from participation.timeutil import utcnow


class Association(TenantOwned, Model):
    """A village association invited to a campaign; no private contact details are kept."""

    __tablename__ = "association"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"))
    area_id: Mapped[int] = mapped_column(ForeignKey("area.id"))
    name: Mapped[str] = mapped_column(String(200))
    contact_role: Mapped[str] = mapped_column(String(100), default="")  # e.g. "secretaris"
    token: Mapped[str] = mapped_column(String(64), unique=True, default=secret_link_token)
    revoked_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    campaign: Mapped[Campaign] = relationship()
    area: Mapped[Area] = relationship()
    views: Mapped[list[AssociationView]] = relationship(
        back_populates="association",
        order_by="AssociationView.version",
        cascade="all, delete-orphan",
    )

    @property
    def current_view(self) -> AssociationView | None:
        return self.views[-1] if self.views else None


class AssociationView(TenantOwned, Model):
    """One version of an association's view; a revision adds a version, none is overwritten."""

    __tablename__ = "association_view"
    __table_args__ = (UniqueConstraint("association_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    association_id: Mapped[int] = mapped_column(ForeignKey("association.id", ondelete="CASCADE"))
    version: Mapped[int]
    remarks: Mapped[str] = mapped_column(Text, default="")
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)

    association: Mapped[Association] = relationship(back_populates="views")
    themes: Mapped[list[AssociationTheme]] = relationship(
        order_by="AssociationTheme.rank", cascade="all, delete-orphan"
    )


class AssociationTheme(TenantOwned, Model):
    """A theme in an association's ranking (1 = most important), with its reason."""

    __tablename__ = "association_theme"
    __table_args__ = (
        UniqueConstraint("view_id", "rank", name="uq_association_theme_rank"),
        UniqueConstraint("view_id", "theme_id", name="uq_association_theme_theme"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    view_id: Mapped[int] = mapped_column(ForeignKey("association_view.id", ondelete="CASCADE"))
    theme_id: Mapped[int] = mapped_column(ForeignKey("theme.id", ondelete="CASCADE"))
    rank: Mapped[int]
    reason: Mapped[str] = mapped_column(String(500), default="")

    theme: Mapped[Theme] = relationship()
