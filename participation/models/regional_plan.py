"""The region's session, its outcome and the common part of its programme (issue 30)."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.extensions import Model
from participation.models.campaigns import Theme
from participation.models.regions import RegionalIndicator, RegionalTheme
from participation.tenancy import RegionOwned
from participation.timeutil import utcnow


class DecisionKind(enum.StrEnum):
    """A common priority is the region's; a local one is one municipality's."""

    COMMON = "common"
    LOCAL = "local"


class RegionalSession(RegionOwned, Model):
    """A prioritisation session at the region's level (the councils, associations and police
    of all its municipalities), for one regional campaign."""

    __tablename__ = "regional_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    regional_campaign_id: Mapped[int] = mapped_column(
        ForeignKey("regional_campaign.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    held_on: Mapped[date | None] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    decisions: Mapped[list[RegionalDecision]] = relationship(
        order_by="RegionalDecision.position", cascade="all, delete-orphan"
    )


class RegionalDecision(RegionOwned, Model):
    """A decision of the regional session: common (a regional theme, for the whole region) or
    local (for one municipality: a common theme or one of its own); chosen, or why not.
    `for_municipality_id`, not `municipality_id`: the row stays the region's."""

    __tablename__ = "regional_decision"
    __table_args__ = (
        CheckConstraint("kind IN ('common', 'local')", name="kind"),
        CheckConstraint(
            "(kind = 'common' AND for_municipality_id IS NULL AND regional_theme_id IS NOT NULL"
            " AND local_theme_id IS NULL) OR (kind = 'local' AND for_municipality_id IS NOT NULL"
            " AND (regional_theme_id IS NULL) <> (local_theme_id IS NULL))",
            name="shape",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    regional_session_id: Mapped[int] = mapped_column(
        ForeignKey("regional_session.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(8))
    for_municipality_id: Mapped[int | None] = mapped_column(
        ForeignKey("municipality.id", ondelete="CASCADE")
    )
    regional_theme_id: Mapped[int | None] = mapped_column(
        ForeignKey("regional_theme.id", ondelete="CASCADE")
    )
    # A theme of the municipality's adopted campaign that the region does not share.
    local_theme_id: Mapped[int | None] = mapped_column(ForeignKey("theme.id", ondelete="CASCADE"))
    chosen: Mapped[bool]
    position: Mapped[int]
    rationale: Mapped[str] = mapped_column(Text)
    safety_field: Mapped[int | None]  # VNG safety field 1-5, for chosen priorities
    decided_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The reason in other languages: {"en": {"rationale": ...}}; see domain.translations.
    translations: Mapped[dict[str, dict[str, str]]] = mapped_column(
        JSON, default=dict, server_default="{}"
    )

    regional_theme: Mapped[RegionalTheme | None] = relationship()
    local_theme: Mapped[Theme | None] = relationship()


class RegionalOutcome(RegionOwned, Model):
    """'What was done with your vote' for the region: one per regional campaign, public once
    `published_at` is set; its priorities are one regional session's decisions."""

    __tablename__ = "regional_outcome"

    regional_campaign_id: Mapped[int] = mapped_column(
        ForeignKey("regional_campaign.id", ondelete="CASCADE"), primary_key=True
    )
    regional_session_id: Mapped[int | None] = mapped_column(
        ForeignKey("regional_session.id", ondelete="SET NULL")
    )
    decided_on: Mapped[date | None] = mapped_column(Date)  # the councils' decision
    summary: Mapped[str] = mapped_column(Text, default="")
    plan_first_year: Mapped[int | None]
    plan_last_year: Mapped[int | None]
    published_at: Mapped[datetime | None]
    # The summary in other languages: {"en": {"summary": ...}}; see domain.translations.
    translations: Mapped[dict[str, dict[str, str]]] = mapped_column(
        JSON, default=dict, server_default="{}"
    )


class RegionalGoal(RegionOwned, Model):
    """A goal of the common programme under a common priority: measurable (a regional
    indicator's figures for the whole region) or written."""

    __tablename__ = "regional_goal"

    id: Mapped[int] = mapped_column(primary_key=True)
    regional_campaign_id: Mapped[int] = mapped_column(
        ForeignKey("regional_campaign.id", ondelete="CASCADE"), index=True
    )
    regional_theme_id: Mapped[int] = mapped_column(
        ForeignKey("regional_theme.id", ondelete="CASCADE")
    )
    description: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(12))  # domain.programme.GoalKind
    regional_indicator_id: Mapped[int | None] = mapped_column(
        ForeignKey("regional_indicator.id", ondelete="SET NULL")
    )
    baseline_year: Mapped[int | None]
    baseline_value: Mapped[float | None]
    target_year: Mapped[int | None]
    target_value: Mapped[float | None]
    direction: Mapped[str | None] = mapped_column(String(6))  # domain.programme.Direction
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The description in other languages: {"en": {"description": ...}}.
    translations: Mapped[dict[str, dict[str, str]]] = mapped_column(
        JSON, default=dict, server_default="{}"
    )

    regional_theme: Mapped[RegionalTheme] = relationship()
    indicator: Mapped[RegionalIndicator | None] = relationship()
    updates: Mapped[list[RegionalGoalUpdate]] = relationship(
        order_by="[RegionalGoalUpdate.on, RegionalGoalUpdate.id]", cascade="all, delete-orphan"
    )


class RegionalGoalUpdate(RegionOwned, Model):
    """A written common goal's status on a day, with why."""

    __tablename__ = "regional_goal_update"

    id: Mapped[int] = mapped_column(primary_key=True)
    regional_goal_id: Mapped[int] = mapped_column(
        ForeignKey("regional_goal.id", ondelete="CASCADE"), index=True
    )
    on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12))  # domain.programme.Progress
    note: Mapped[str] = mapped_column(String(500))


class RegionalAction(RegionOwned, Model):
    """What the region does for a common priority, by which partner (the police base team,
    the RIEC, a municipality), and when."""

    __tablename__ = "regional_action"

    id: Mapped[int] = mapped_column(primary_key=True)
    regional_campaign_id: Mapped[int] = mapped_column(
        ForeignKey("regional_campaign.id", ondelete="CASCADE"), index=True
    )
    regional_theme_id: Mapped[int] = mapped_column(
        ForeignKey("regional_theme.id", ondelete="CASCADE")
    )
    what: Mapped[str] = mapped_column(String(300))
    partner: Mapped[str] = mapped_column(String(120))
    due_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # What and the partner in other languages: {"en": {"what": ..., "partner": ...}}.
    translations: Mapped[dict[str, dict[str, str]]] = mapped_column(
        JSON, default=dict, server_default="{}"
    )

    regional_theme: Mapped[RegionalTheme] = relationship()
    updates: Mapped[list[RegionalActionUpdate]] = relationship(
        order_by="[RegionalActionUpdate.on, RegionalActionUpdate.id]",
        cascade="all, delete-orphan",
    )

    @property
    def status(self) -> str:
        """The latest update's status; planned until there is one."""
        return self.updates[-1].status if self.updates else "planned"


class RegionalActionUpdate(RegionOwned, Model):
    """A common action's status on a day, with a short note."""

    __tablename__ = "regional_action_update"

    id: Mapped[int] = mapped_column(primary_key=True)
    regional_action_id: Mapped[int] = mapped_column(
        ForeignKey("regional_action.id", ondelete="CASCADE"), index=True
    )
    on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12))  # domain.programme.ActionStatus
    note: Mapped[str] = mapped_column(String(500), default="")
