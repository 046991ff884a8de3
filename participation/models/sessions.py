"""Prioritisation sessions: shortlist, participants by group, rounds of dots, and decisions."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.domain.tokens import secret_link_token
from participation.extensions import Model
from participation.models.campaigns import Campaign, Theme
from participation.tenancy import TenantOwned
from participation.timeutil import utcnow


class PrioritySession(TenantOwned, Model):
    """One session that chooses a campaign's priorities; participants join with `join_code`."""

    __tablename__ = "priority_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200))
    join_code: Mapped[str] = mapped_column(String(12), unique=True)
    dots: Mapped[int] = mapped_column(default=3)  # per participant per round
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    campaign: Mapped[Campaign] = relationship()
    shortlist: Mapped[list[ShortlistItem]] = relationship(
        order_by="ShortlistItem.position", cascade="all, delete-orphan"
    )
    rounds: Mapped[list[SessionRound]] = relationship(
        order_by="SessionRound.number", cascade="all, delete-orphan"
    )
    participants: Mapped[list[Participant]] = relationship(
        order_by="Participant.id", cascade="all, delete-orphan"
    )
    decisions: Mapped[list[Decision]] = relationship(
        order_by="Decision.position", cascade="all, delete-orphan"
    )

    @property
    def current_round(self) -> SessionRound | None:
        return self.rounds[-1] if self.rounds else None


class ShortlistItem(TenantOwned, Model):
    """A theme on the shortlist and why: 'top', 'stands_out' (with the village) or 'staff'."""

    __tablename__ = "shortlist_item"
    __table_args__ = (UniqueConstraint("session_id", "theme_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("priority_session.id", ondelete="CASCADE"))
    theme_id: Mapped[int] = mapped_column(ForeignKey("theme.id", ondelete="CASCADE"))
    position: Mapped[int]
    origin: Mapped[str] = mapped_column(String(12))
    reason: Mapped[str] = mapped_column(String(500), default="")

    theme: Mapped[Theme] = relationship()


class Participant(TenantOwned, Model):
    """Someone at the session, known only by stakeholder group and a secret token."""

    __tablename__ = "participant"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("priority_session.id", ondelete="CASCADE"), index=True
    )
    group: Mapped[str] = mapped_column(String(12))
    token: Mapped[str] = mapped_column(String(64), unique=True, default=secret_link_token)
    revoked_at: Mapped[datetime | None]
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)

    session: Mapped[PrioritySession] = relationship(back_populates="participants")


class SessionRound(TenantOwned, Model):
    """A round of dot voting; dots can change until the facilitator closes it."""

    __tablename__ = "session_round"
    __table_args__ = (UniqueConstraint("session_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("priority_session.id", ondelete="CASCADE"))
    number: Mapped[int]
    closed_at: Mapped[datetime | None]

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class Dot(TenantOwned, Model):
    """How many dots one participant put on one theme in one round."""

    __tablename__ = "dot"
    __table_args__ = (UniqueConstraint("round_id", "participant_id", "theme_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("session_round.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"))
    theme_id: Mapped[int] = mapped_column(ForeignKey("theme.id", ondelete="CASCADE"))
    count: Mapped[int]


class Decision(TenantOwned, Model):
    """A chosen priority, or a high-scoring theme not chosen, each with its reason."""

    __tablename__ = "decision"
    __table_args__ = (UniqueConstraint("session_id", "theme_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("priority_session.id", ondelete="CASCADE"))
    theme_id: Mapped[int] = mapped_column(ForeignKey("theme.id", ondelete="CASCADE"))
    chosen: Mapped[bool]
    position: Mapped[int]
    rationale: Mapped[str] = mapped_column(Text)
    safety_field: Mapped[int | None]  # VNG safety field 1-5, for chosen priorities
    decided_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The reason in other languages, for the outcome page: {"en": {"rationale": ...}}.
    translations: Mapped[dict[str, dict[str, str]]] = mapped_column(
        JSON, default=dict, server_default="{}"
    )

    theme: Mapped[Theme] = relationship()
