"""Surveys (vragenlijsten): questions with options, and anonymous responses with answers."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint, Uuid, false, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.domain.surveys import QuestionKind
from participation.extensions import Model
from participation.models.campaigns import Campaign
from participation.tenancy import TenantOwned, per_municipality
from participation.timeutil import arrival_minute, utcnow


class Survey(TenantOwned, Model):
    """A short questionnaire, part of a campaign or on its own."""

    __tablename__ = "survey"
    __table_args__ = (per_municipality("survey", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80))
    title: Mapped[str] = mapped_column(String(200))
    intro: Mapped[str] = mapped_column(Text, default="")
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaign.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(10), default="draft")  # draft, open, closed
    # One page for short surveys; otherwise one question per screen.
    one_page: Mapped[bool] = mapped_column(default=True, server_default=true())
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Texts in other languages: {"en": {"title": ...}}; see domain.translations.
    translations: Mapped[dict[str, dict[str, str]]] = mapped_column(
        JSON, default=dict, server_default="{}"
    )

    questions: Mapped[list[Question]] = relationship(
        back_populates="survey", order_by="Question.position", cascade="all, delete-orphan"
    )
    campaign: Mapped[Campaign | None] = relationship()

    def __repr__(self) -> str:
        return f"<Survey {self.slug}>"


class Question(TenantOwned, Model):
    """One question; `show_if_id` and `show_values` make it conditional on an earlier answer."""

    __tablename__ = "survey_question"
    __table_args__ = (UniqueConstraint("survey_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id", ondelete="CASCADE"))
    position: Mapped[int]
    kind: Mapped[str] = mapped_column(String(10), default=QuestionKind.SINGLE.value)
    text: Mapped[str] = mapped_column(String(300))
    help: Mapped[str] = mapped_column(String(300), default="")
    required: Mapped[bool] = mapped_column(default=False)
    max_choices: Mapped[int | None]
    show_if_id: Mapped[int | None] = mapped_column(ForeignKey("survey_question.id"))
    # Option values of the trigger question, separated by '|'.
    show_values: Mapped[str] = mapped_column(String(200), default="")
    # Texts in other languages: {"en": {"text": ...}}; see domain.translations.
    translations: Mapped[dict[str, dict[str, str]]] = mapped_column(
        JSON, default=dict, server_default="{}"
    )

    survey: Mapped[Survey] = relationship(back_populates="questions")
    # Every use of a question shows or checks its options: loaded for all of a survey's
    # questions in one query, not one query per question.
    options: Mapped[list[Option]] = relationship(
        back_populates="question",
        order_by="Option.position",
        cascade="all, delete-orphan",
        lazy="selectin",
    )
    show_if: Mapped[Question | None] = relationship(remote_side=[id])


class Option(TenantOwned, Model):
    """An answer option; `exclusive` marks 'none of these', which cannot be combined."""

    __tablename__ = "survey_option"
    __table_args__ = (UniqueConstraint("question_id", "value"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("survey_question.id", ondelete="CASCADE"))
    position: Mapped[int]
    value: Mapped[str] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(String(200))
    exclusive: Mapped[bool] = mapped_column(default=False)
    # Texts in other languages: {"en": {"label": ...}}; see domain.translations.
    translations: Mapped[dict[str, dict[str, str]]] = mapped_column(
        JSON, default=dict, server_default="{}"
    )

    question: Mapped[Question] = relationship(back_populates="options")


class SurveyResponse(TenantOwned, Model):
    """One resident's answers: anonymous; the UUID only stops a resend counting twice."""

    __tablename__ = "survey_response"

    id: Mapped[int] = mapped_column(primary_key=True)
    response_key: Mapped[uuid.UUID] = mapped_column(Uuid, unique=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id", ondelete="CASCADE"), index=True)
    # From a village or postcode question; NULL when neither was answered.
    area_id: Mapped[int | None] = mapped_column(ForeignKey("area.id"))
    channel: Mapped[str] = mapped_column(String(10), default="web")
    source_tag: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(default=arrival_minute)

    answers: Mapped[list[Answer]] = relationship(cascade="all, delete-orphan")


class Answer(TenantOwned, Model):
    """One answer: an option, a score or a text. Postcodes are never stored."""

    __tablename__ = "survey_answer"

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(
        ForeignKey("survey_response.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[int] = mapped_column(ForeignKey("survey_question.id"), index=True)
    option_id: Mapped[int | None] = mapped_column(ForeignKey("survey_option.id"))
    score: Mapped[int | None]
    text: Mapped[str | None] = mapped_column(Text)
    # Staff hide abusive open answers; the text stays for the audit trail.
    hidden: Mapped[bool] = mapped_column(default=False, server_default=false())
    # An open answer reaches the public only once staff released it (never by itself): a
    # resident's own words can name them, and one fetch before and after would show them.
    released: Mapped[bool] = mapped_column(default=False, server_default=false())
