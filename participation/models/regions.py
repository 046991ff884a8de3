"""Regions: municipalities that write one safety plan together, and the regional campaign."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.domain.vocabulary import CampaignStatus
from participation.extensions import Model
from participation.tenancy import RegionOwned
from participation.timeutil import utcnow


class RegionScope(enum.StrEnum):
    """A coordinator works across the region; a partner (the police base team) only reads."""

    COORDINATOR = "coordinator"
    PARTNER = "partner"


class Region(Model):
    """Municipalities of one police base team that write one integral safety plan, e.g.
    Zuidwest-Drenthe (Meppel, Midden-Drenthe, Westerveld). Its host serves the regional pages
    and the phones of a regional campaign (one cookie, so one phone votes once in the region)."""

    __tablename__ = "region"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    # The police base team whose area it is ("Basisteam Zuidwest-Drenthe").
    police_team: Mapped[str] = mapped_column(String(120), default="", server_default="")
    public_url: Mapped[str] = mapped_column(String(200), default="", server_default="")
    hosts: Mapped[str] = mapped_column(String(500), default="", server_default="")
    house_colour: Mapped[str] = mapped_column(String(7), default="#1f4e79")
    # The code under which statistics publish it (CBS StatLine, the Veiligheidsmonitor).
    cbs_code: Mapped[str] = mapped_column(String(12), default="", server_default="")


class RegionMembership(Model):
    """A login's scope in a region: coordinator (works across it) or partner (reads it)."""

    __tablename__ = "region_membership"
    __table_args__ = (UniqueConstraint("user_id", "region_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("staff_user.id", ondelete="CASCADE"), index=True
    )
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id", ondelete="CASCADE"))
    scope: Mapped[str] = mapped_column(String(12), default=RegionScope.PARTNER.value)


class RegionalCampaign(RegionOwned, Model):
    """The region's one consultation: the common themes, the method (pick k of n) and the
    period. Each municipality adopts it as its own campaign (Campaign.regional_campaign_id)
    with its own dates inside the period, villages, stands, codes and print."""

    __tablename__ = "regional_campaign"
    __table_args__ = (UniqueConstraint("region_id", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80))
    title: Mapped[str] = mapped_column(String(200))
    intro: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default=CampaignStatus.DRAFT.value)
    min_picks: Mapped[int] = mapped_column(default=6)
    max_picks: Mapped[int] = mapped_column(default=6)
    period_starts: Mapped[datetime]
    period_ends: Mapped[datetime]
    results_published_at: Mapped[datetime | None]
    translations: Mapped[dict[str, dict[str, str]]] = mapped_column(
        JSON, default=dict, server_default="{}"
    )
    # The region's previous cycle: compared over the municipalities that took part in both.
    previous_id: Mapped[int | None] = mapped_column(
        ForeignKey("regional_campaign.id", ondelete="SET NULL")
    )

    themes: Mapped[list[RegionalTheme]] = relationship(
        back_populates="regional_campaign",
        order_by="RegionalTheme.position",
        cascade="all, delete-orphan",
    )


class RegionalTheme(RegionOwned, Model):
    """A common theme of the regional campaign; each adopting municipality's ballot carries a
    Theme linked to it (Theme.regional_theme_id), which is how the levels are compared."""

    __tablename__ = "regional_theme"
    __table_args__ = (UniqueConstraint("regional_campaign_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    regional_campaign_id: Mapped[int] = mapped_column(
        ForeignKey("regional_campaign.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(120))
    explanation: Mapped[str] = mapped_column(String(300), default="")
    safety_field: Mapped[int]
    position: Mapped[int]
    translations: Mapped[dict[str, dict[str, str]]] = mapped_column(
        JSON, default=dict, server_default="{}"
    )

    regional_campaign: Mapped[RegionalCampaign] = relationship(back_populates="themes")


class RegionalDeviceTally(RegionOwned, Model):
    """How many ballots one phone cast in a regional campaign, whichever municipality's
    poster it came from: a keyed hash of the phone's cookie on the region's host."""

    __tablename__ = "regional_device_tally"

    regional_campaign_id: Mapped[int] = mapped_column(
        ForeignKey("regional_campaign.id", ondelete="CASCADE"), primary_key=True
    )
    device_hash: Mapped[str] = mapped_column(String(32), primary_key=True)
    ballots: Mapped[int]


class RegionalIndicator(RegionOwned, Model):
    """A figure from the regional safety analysis (e.g. police registrations of the base team),
    given for the region and per municipality, beside the residents' votes on a common theme."""

    __tablename__ = "regional_indicator"

    id: Mapped[int] = mapped_column(primary_key=True)
    regional_campaign_id: Mapped[int] = mapped_column(
        ForeignKey("regional_campaign.id", ondelete="CASCADE"), index=True
    )
    regional_theme_id: Mapped[int] = mapped_column(
        ForeignKey("regional_theme.id", ondelete="CASCADE")
    )
    name: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(200), default="")
    trend: Mapped[str] = mapped_column(String(10), default="stable")

    values: Mapped[list[RegionalIndicatorValue]] = relationship(
        order_by="RegionalIndicatorValue.year", cascade="all, delete-orphan"
    )


class RegionalIndicatorValue(RegionOwned, Model):
    """One value of a regional indicator: for the whole region (no municipality) or for one
    of its municipalities (`for_municipality_id`: not `municipality_id`, which would make the
    row the municipality's own)."""

    __tablename__ = "regional_indicator_value"

    id: Mapped[int] = mapped_column(primary_key=True)
    regional_indicator_id: Mapped[int] = mapped_column(
        ForeignKey("regional_indicator.id", ondelete="CASCADE"), index=True
    )
    for_municipality_id: Mapped[int | None] = mapped_column(
        ForeignKey("municipality.id", ondelete="CASCADE")
    )
    year: Mapped[int]
    value: Mapped[float]


class RegionAuditEvent(RegionOwned, Model):
    """One action of a coordinator at the region's level (a municipality's own actions go to
    its audit_event): who, what, when."""

    __tablename__ = "region_audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    action: Mapped[str] = mapped_column(String(60))
    target: Mapped[str] = mapped_column(String(120))
    details: Mapped[str] = mapped_column(Text, default="")
