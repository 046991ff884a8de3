"""A survey's counted results as plain values: what services fill and pages and files show."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from participation.domain.surveys import OptionResult


@dataclass(frozen=True)
class SurveyRef:
    """The survey as its results name it."""

    id: int
    slug: str
    title: str


@dataclass(frozen=True)
class QuestionRef:
    """The question as its results name it: the text as staff wrote it (Dutch), its kind."""

    id: int
    text: str
    kind: str  # domain.surveys.QuestionKind


@dataclass(frozen=True)
class QuestionResult:
    question: QuestionRef
    base: int | None  # respondents who answered this question; None: hidden from the public
    options: list[OptionResult] = field(default_factory=list)
    mean: float | None = None  # rapportcijfer
    # Open answers staff did not hide (for the public: only those they released, too).
    texts: list[str] = field(default_factory=list)
    # (answer id, text, hidden, released) for staff, who hide an abusive answer or show it
    # again, and release an answer to the public or take it back.
    moderation: list[tuple[int, str, bool, bool]] = field(default_factory=list)
    text: str = ""  # the question in the language asked for (else Dutch)


@dataclass(frozen=True)
class SurveyResults:
    survey: SurveyRef
    respondents: int
    questions: list[QuestionResult]
    # The public release these figures come from (survey_releases); None: today's counts.
    release: int | None = None
    released_at: datetime | None = None
