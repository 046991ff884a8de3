"""What came of a campaign: the published outcome, the programme that carries it out, and
the residents who asked to hear about it."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.domain.tokens import secret_link_token
from participation.extensions import Model
from participation.models.campaigns import Theme
from participation.models.indicators import Indicator
from participation.models.sessions import PrioritySession
from participation.tenancy import TenantOwned
from participation.timeutil import utcnow


class Outcome(TenantOwned, Model):
    """'What was done with your vote': one per campaign, public once `published_at` is set."""

    __tablename__ = "outcome"

    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaign.id", ondelete="CASCADE"), primary_key=True
    )
    # The session whose decisions are the priorities and the reasons for the rest.
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("priority_session.id", ondelete="SET NULL")
    )
    decided_on: Mapped[date | None] = mapped_column(Date)  # the council's decision
    summary: Mapped[str] = mapped_column(Text, default="")
    shows_views: Mapped[bool] = mapped_column(default=False, server_default=false())
    plan_first_year: Mapped[int | None]
    plan_last_year: Mapped[int | None]
    published_at: Mapped[datetime | None]
    # The release whose figures the outcome shows: made when it is first published, after
    # voting closed, so the page, its JSON and the memo keep the figures the council saw.
    release_id: Mapped[int | None] = mapped_column(
        ForeignKey("public_release.id", ondelete="SET NULL")
    )
    # The summary in other languages: {"en": {"summary": ...}}; see domain.translations.
    translations: Mapped[dict[str, dict[str, str]]] = mapped_column(
        JSON, default=dict, server_default="{}"
    )

    session: Mapped[PrioritySession | None] = relationship()


class Goal(TenantOwned, Model):
    """A goal under a priority: measurable (indicator, baseline, target) or written."""

    __tablename__ = "goal"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaign.id", ondelete="CASCADE"), index=True
    )
    theme_id: Mapped[int] = mapped_column(ForeignKey("theme.id", ondelete="CASCADE"))
    description: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(12))  # domain.programme.GoalKind
    indicator_id: Mapped[int | None] = mapped_column(
        ForeignKey("indicator.id", ondelete="SET NULL")
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

    theme: Mapped[Theme] = relationship()
    indicator: Mapped[Indicator | None] = relationship()
    updates: Mapped[list[GoalUpdate]] = relationship(
        order_by="[GoalUpdate.on, GoalUpdate.id]", cascade="all, delete-orphan"
    )


class GoalUpdate(TenantOwned, Model):
    """A written goal's status as staff set it on a day, with why."""

    __tablename__ = "goal_update"

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goal.id", ondelete="CASCADE"), index=True)
    on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12))  # domain.programme.Progress
    note: Mapped[str] = mapped_column(String(500))


class PlanAction(TenantOwned, Model):
    """What is done for a priority, by which partner, and when."""

    __tablename__ = "plan_action"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaign.id", ondelete="CASCADE"), index=True
    )
    theme_id: Mapped[int] = mapped_column(ForeignKey("theme.id", ondelete="CASCADE"))
    what: Mapped[str] = mapped_column(String(300))
    partner: Mapped[str] = mapped_column(String(120))
    due_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # What and the partner in other languages: {"en": {"what": ..., "partner": ...}}.
    translations: Mapped[dict[str, dict[str, str]]] = mapped_column(
        JSON, default=dict, server_default="{}"
    )

    theme: Mapped[Theme] = relationship()
    updates: Mapped[list[ActionUpdate]] = relationship(
        order_by="[ActionUpdate.on, ActionUpdate.id]", cascade="all, delete-orphan"
    )

    @property
    def status(self) -> str:
        """The latest update's status; planned until there is one."""
        return self.updates[-1].status if self.updates else "planned"


class ActionUpdate(TenantOwned, Model):
    """An action's status on a day, with a short note."""

    __tablename__ = "action_update"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(
        ForeignKey("plan_action.id", ondelete="CASCADE"), index=True
    )
    on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12))  # domain.programme.ActionStatus
    note: Mapped[str] = mapped_column(String(500), default="")


class FollowUp(TenantOwned, Model):
    """A resident's wish to hear the outcome by e-mail: apart from the ballots, with no link to
    one; only the day it was asked (not the time), confirmed by a link, deleted once used."""

    __tablename__ = "follow_up"
    __table_args__ = (UniqueConstraint("campaign_id", "email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaign.id", ondelete="CASCADE"), index=True
    )
    email: Mapped[str] = mapped_column(String(254))
    language: Mapped[str] = mapped_column(String(5))
    confirm_token: Mapped[str] = mapped_column(String(64), unique=True, default=secret_link_token)
    unsubscribe_token: Mapped[str] = mapped_column(
        String(64), unique=True, default=secret_link_token
    )
    confirmed: Mapped[bool] = mapped_column(default=False, server_default=false())
    asked_on: Mapped[date] = mapped_column(Date)
