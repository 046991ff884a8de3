"""Areas: the municipality, its village cores and neighbourhoods, as a tree."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.extensions import Model
from participation.tenancy import TenantOwned, per_municipality


class Area(TenantOwned, Model):
    """A municipality, village core (kern) or neighbourhood."""

    __tablename__ = "area"
    __table_args__ = (per_municipality("area", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80))
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(20), default="village")
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("area.id"))
    # Known population, used later to weight the total by village.
    population: Mapped[int | None]
    # Space-separated 4-digit postcodes that map to this area.
    postcodes: Mapped[str] = mapped_column(String(500), default="")
    # The CBS code of the district or neighbourhood (WK…/BU…), for imported figures.
    cbs_code: Mapped[str] = mapped_column(String(12), default="", server_default="")
    # A retired village is no longer offered for new campaigns; its ballots stay in every
    # count and export (a village with ballots is never deleted).
    retired_at: Mapped[datetime | None]

    parent: Mapped[Area | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[Area]] = relationship(back_populates="parent")

    def __repr__(self) -> str:
        return f"<Area {self.slug}>"


class AreaSlugAlias(TenantOwned, Model):
    """An earlier short name of a village: printed QR codes with ?dorp=<old> keep working."""

    __tablename__ = "area_slug_alias"
    __table_args__ = (per_municipality("area_slug_alias", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80))
    area_id: Mapped[int] = mapped_column(ForeignKey("area.id", ondelete="CASCADE"), index=True)
