"""Campaigns (raadplegingen) and their themes."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Column,
    ForeignKey,
    Index,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.domain.campaigns import campaign_phase
from participation.domain.theme_order import BallotOrder
from participation.domain.vocabulary import CampaignStatus
from participation.extensions import Model, db
from participation.models.areas import Area
from participation.tenancy import TenantOwned, per_municipality, tenant_column

campaign_areas = Table(
    "campaign_area",
    db.metadata,
    Column("campaign_id", ForeignKey("campaign.id", ondelete="CASCADE"), primary_key=True),
    Column("area_id", ForeignKey("area.id"), primary_key=True),
    tenant_column(),
)


class Campaign(TenantOwned, Model):
    """One consultation of residents: themes to pick from, villages in scope, a time window."""

    __tablename__ = "campaign"
    __table_args__ = (
        per_municipality("campaign", "slug"),
        # A municipality adopts a regional campaign once (NULLs, local campaigns, are distinct).
        Index("ux_campaign_adoption", "municipality_id", "regional_campaign_id", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80))
    title: Mapped[str] = mapped_column(String(200))
    intro: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default=CampaignStatus.DRAFT.value)
    opens_at: Mapped[datetime | None]
    closes_at: Mapped[datetime | None]
    min_picks: Mapped[int] = mapped_column(default=6)
    max_picks: Mapped[int] = mapped_column(default=6)
    results_published_at: Mapped[datetime | None]
    # Whether residents at a stand's tablet see that stand's count and top themes so far.
    show_live_at_stand: Mapped[bool] = mapped_column(default=False, server_default=false())
    # Ballots one phone may cast; above 1 is a household allowance, and the extras are flagged.
    ballots_per_device: Mapped[int] = mapped_column(default=1, server_default="1")
    # Whether village associations see their village's results before they are published.
    associations_see_live: Mapped[bool] = mapped_column(default=False, server_default=false())
    # Title and intro in other languages: {"en": {"title": ...}}; see domain.translations.
    translations: Mapped[dict[str, dict[str, str]]] = mapped_column(
        JSON, default=dict, server_default="{}"
    )
    # How phones and tablets list the themes (domain.theme_order.BallotOrder); paper is fixed.
    ballot_order: Mapped[str] = mapped_column(
        String(20), default=BallotOrder.RANDOM.value, server_default=BallotOrder.RANDOM.value
    )
    # Whether residents may leave an e-mail address after voting to hear the outcome.
    keep_informed: Mapped[bool] = mapped_column(default=False, server_default=false())
    # The campaign this one was started from (the previous cycle); its results are compared.
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("campaign.id", ondelete="SET NULL"))
    # The regional campaign this one adopts (issue 30): its common themes, method and period.
    regional_campaign_id: Mapped[int | None] = mapped_column(
        ForeignKey("regional_campaign.id", ondelete="RESTRICT"), index=True
    )

    themes: Mapped[list[Theme]] = relationship(
        back_populates="campaign", order_by="Theme.position", cascade="all, delete-orphan"
    )
    areas: Mapped[list[Area]] = relationship(secondary=campaign_areas, order_by="Area.name")

    def phase(self, now: datetime | None = None) -> str:
        """'not_started', 'open' or 'closed'; see domain.campaigns.campaign_phase."""
        now = now or datetime.now(UTC).replace(tzinfo=None)
        return campaign_phase(self.status, self.opens_at, self.closes_at, now)

    def is_accepting_ballots(self, now: datetime | None = None) -> bool:
        return self.phase(now) == "open"

    @property
    def results_published(self) -> bool:
        return self.results_published_at is not None

    def __repr__(self) -> str:
        return f"<Campaign {self.slug}>"


class Theme(TenantOwned, Model):
    """A safety theme residents can pick, grouped by VNG safety field (1–5)."""

    __tablename__ = "theme"
    __table_args__ = (
        UniqueConstraint("campaign_id", "position"),
        UniqueConstraint("campaign_id", "bit", name="uq_theme_campaign_id_bit"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(120))
    explanation: Mapped[str] = mapped_column(String(300), default="")
    safety_field: Mapped[int]
    # Place on the ballot: display order only, staff may change it at any time.
    position: Mapped[int]
    # This theme's bit in ballot.choice_mask (0–62): given at creation, never changed, so
    # votes stay with the theme whatever its position; see domain.ballots.free_bit.
    bit: Mapped[int]
    # Title and explanation in other languages; see domain.translations.
    translations: Mapped[dict[str, dict[str, str]]] = mapped_column(
        JSON, default=dict, server_default="{}"
    )
    # The theme of the previous cycle this one was copied from, to compare them.
    copied_from_id: Mapped[int | None] = mapped_column(ForeignKey("theme.id", ondelete="SET NULL"))
    # The regional campaign's common theme this one carries; None: a local theme.
    regional_theme_id: Mapped[int | None] = mapped_column(
        ForeignKey("regional_theme.id", ondelete="RESTRICT"), index=True
    )

    campaign: Mapped[Campaign] = relationship(back_populates="themes")

    def __repr__(self) -> str:
        return f"<Theme {self.position} {self.title}>"


class CampaignSlugAlias(TenantOwned, Model):
    """An earlier short name of a campaign: printed links to it keep working (308 redirect)."""

    __tablename__ = "campaign_slug_alias"
    __table_args__ = (per_municipality("campaign_slug_alias", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80))
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaign.id", ondelete="CASCADE"), index=True
    )
