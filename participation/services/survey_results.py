"""Survey results per question: counted by the database, percentages of those who answered."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import distinct, func, select

from participation.domain.surveys import OptionResult, QuestionKind, percentages
from participation.extensions import db
from participation.models import Answer, Area, Question, Survey, SurveyResponse


@dataclass
class QuestionResult:
    question: Question
    base: int  # respondents who answered this question
    options: list[OptionResult] = field(default_factory=list)
    mean: float | None = None  # rapportcijfer
    texts: list[str] = field(default_factory=list)  # open answers staff did not hide


@dataclass
class SurveyResults:
    survey: Survey
    respondents: int
    questions: list[QuestionResult]


def survey_results(survey: Survey) -> SurveyResults:
    in_survey = SurveyResponse.survey_id == survey.id
    answered = SurveyResponse.id == Answer.response_id
    respondents = db.session.scalar(select(func.count()).where(in_survey)) or 0
    bases = dict(
        db.session.execute(
            select(Answer.question_id, func.count(distinct(Answer.response_id)))
            .join(SurveyResponse, answered)
            .where(in_survey)
            .group_by(Answer.question_id)
        ).all()
    )
    by_option: dict[int, int] = dict(
        db.session.execute(
            select(Answer.option_id, func.count())
            .join(SurveyResponse, answered)
            .where(in_survey, Answer.option_id.is_not(None))
            .group_by(Answer.option_id)
        ).all()
    )
    scores: dict[int, dict[int, int]] = defaultdict(dict)
    for question_id, score, n in db.session.execute(
        select(Answer.question_id, Answer.score, func.count())
        .join(SurveyResponse, answered)
        .where(in_survey, Answer.score.is_not(None))
        .group_by(Answer.question_id, Answer.score)
    ):
        scores[question_id][score] = n
    villages = db.session.execute(
        select(Area.name, func.count())
        .join(SurveyResponse, SurveyResponse.area_id == Area.id)
        .where(in_survey)
        .group_by(Area.name)
        .order_by(func.count().desc(), Area.name)
    ).all()
    results = []
    for question in survey.questions:
        kind = QuestionKind(question.kind)
        result = QuestionResult(question, bases.get(question.id, 0))
        if kind is QuestionKind.SCORE:
            counts = scores.get(question.id, {})
            total = sum(counts.values())
            result.base = total
            result.mean = round(sum(s * n for s, n in counts.items()) / total, 1) if total else None
            result.options = percentages([(str(s), counts.get(s, 0)) for s in range(1, 11)], total)
        elif kind in (QuestionKind.VILLAGE, QuestionKind.POSTCODE):
            result.base = sum(n for _, n in villages)
            result.options = percentages([(name, n) for name, n in villages], result.base)
        elif kind is QuestionKind.TEXT:
            result.texts = list(
                db.session.scalars(
                    select(Answer.text)
                    .join(SurveyResponse, answered)
                    .where(in_survey, Answer.question_id == question.id, Answer.hidden.is_(False))
                    .order_by(Answer.id)
                )
            )
        else:
            counts = [(o.label, by_option.get(o.id, 0)) for o in question.options]
            result.options = percentages(counts, result.base)
        results.append(result)
    return SurveyResults(survey, respondents, results)


def results_json(results: SurveyResults) -> dict[str, Any]:
    """The survey results contract: per question its id, text, type, base and options."""
    return {
        "survey": results.survey.slug,
        "respondents": results.respondents,
        "questions": [
            {
                "id": item.question.id,
                "text": item.question.text,
                "type": item.question.kind,
                "base": item.base,
                "options": [
                    {"label": o.label, "count": o.count, "percent": o.percent} for o in item.options
                ],
                **({"mean": item.mean} if item.mean is not None else {}),
                **({"answers": item.texts} if item.question.kind == QuestionKind.TEXT else {}),
            }
            for item in results.questions
        ],
    }
