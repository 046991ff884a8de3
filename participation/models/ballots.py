"""Ballots: one resident's anonymous pick of themes."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.domain.vocabulary import Channel, TrustLevel
from participation.extensions import Model
from participation.tenancy import TenantOwned, current_id
from participation.timeutil import arrival_minute


class Ballot(TenantOwned, Model):
    """One vote. Holds no name, IP address or anything else that points to a person."""

    __tablename__ = "ballot"
    # Covers the results query, so a million ballots are counted from the index alone; the
    # municipality is in it because the query and PostgreSQL's row-level security ask for it.
    __table_args__ = (
        Index(
            "ix_ballot_counting",
            "campaign_id",
            "area_id",
            "channel",
            "trust_level",
            "exclusion_id",
            "created_at",
            "choice_mask",
            "municipality_id",
        ),
        # Covers 'which poster worked' (ballots per channel and source tag) the same way.
        Index(
            "ix_ballot_sources",
            "campaign_id",
            "exclusion_id",
            "channel",
            "source_tag",
            "municipality_id",
        ),
        # The municipality's newest ballot (the counts' fingerprint) in one index step.
        Index("ix_ballot_municipality_id", "municipality_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # As TenantOwned's, indexed together with the id above instead of on its own.
    municipality_id: Mapped[int] = mapped_column(
        ForeignKey("municipality.id", ondelete="RESTRICT"), default=current_id
    )
    # Made by the client; a repeat of the same key is the same ballot.
    ballot_key: Mapped[uuid.UUID] = mapped_column(Uuid, unique=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id"))
    # NULL: outside the municipality, or the resident would rather not say.
    area_id: Mapped[int | None] = mapped_column(ForeignKey("area.id"))
    channel: Mapped[str] = mapped_column(String(10), default=Channel.WEB.value)
    stand_id: Mapped[int | None] = mapped_column(ForeignKey("stand.id"))
    source_tag: Mapped[str | None] = mapped_column(String(40))
    trust_level: Mapped[str] = mapped_column(String(10), default=TrustLevel.DEVICE.value)
    created_at: Mapped[datetime] = mapped_column(default=arrival_minute)
    # The n-th ballot from one phone in this campaign; above 1 used the household allowance.
    device_seq: Mapped[int | None]
    # The picked themes as bits (bit = position − 1), for counting in one pass; see
    # domain.ballots.choice_mask. BallotChoice rows remain the record of each pick.
    choice_mask: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    # Set while staff leave this ballot out of the results (a burst, household extras).
    exclusion_id: Mapped[int | None] = mapped_column(ForeignKey("ballot_exclusion.id"))
    # The paired stand tablet that sent it (channel 'stand'), so staff can leave one tablet out.
    kiosk_device_id: Mapped[int | None] = mapped_column(ForeignKey("kiosk_device.id"))

    choices: Mapped[list[BallotChoice]] = relationship(cascade="all, delete-orphan")


class BallotChoice(TenantOwned, Model):
    """One theme picked on one ballot."""

    __tablename__ = "ballot_choice"

    ballot_id: Mapped[int] = mapped_column(
        ForeignKey("ballot.id", ondelete="CASCADE"), primary_key=True
    )
    theme_id: Mapped[int] = mapped_column(ForeignKey("theme.id"), primary_key=True, index=True)


class ArchivedCount(TenantOwned, Model):
    """Totals kept after `flask retention` deleted a campaign's ballots (theme None: ballots)."""

    __tablename__ = "archived_count"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaign.id", ondelete="CASCADE"), index=True
    )
    area_id: Mapped[int | None] = mapped_column(ForeignKey("area.id"))
    channel: Mapped[str] = mapped_column(String(10))
    trust_level: Mapped[str] = mapped_column(String(10))
    theme_id: Mapped[int | None] = mapped_column(ForeignKey("theme.id", ondelete="CASCADE"))
    count: Mapped[int]
