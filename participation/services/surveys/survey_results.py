"""Survey results per question: counted by the database, percentages of those who answered."""

from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import distinct, func, select
from sqlalchemy.orm import aliased

from participation.domain.disclosure import hidden_counts
from participation.domain.small_groups import groups_to_fold
from participation.domain.surveys import (
    OptionResult,
    QuestionKind,
    mean_mark,
    percent,
    percentages,
)
from participation.extensions import db
from participation.models import Answer, Area, Question, Survey, SurveyResponse
from participation.renderers.safe_cells import PLAIN, CsvDialect, SafeCsvWriter


@dataclass
class QuestionResult:
    question: Question
    base: int | None  # respondents who answered this question; None: hidden from the public
    options: list[OptionResult] = field(default_factory=list)
    mean: float | None = None  # rapportcijfer
    # Open answers staff did not hide (for the public: only those they released, too).
    texts: list[str] = field(default_factory=list)
    # (answer id, text, hidden, released) for staff, who hide an abusive answer or show it
    # again, and release an answer to the public or take it back.
    moderation: list[tuple[int, str, bool, bool]] = field(default_factory=list)


@dataclass
class SurveyResults:
    survey: Survey
    respondents: int
    questions: list[QuestionResult]


def survey_results(survey: Survey, public: bool = False) -> SurveyResults:
    """Every question's results; `public`: open answers only those staff released (and did
    not hide), and no moderation list."""
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
            result.mean = mean_mark(counts)
            result.options = percentages([(str(s), counts.get(s, 0)) for s in range(1, 11)], total)
        elif kind in (QuestionKind.VILLAGE, QuestionKind.POSTCODE):
            result.base = sum(n for _, n in villages)
            result.options = percentages([(name, n) for name, n in villages], result.base)
        elif kind is QuestionKind.TEXT:
            found = [
                (answer_id, text or "", hidden, released)
                for answer_id, text, hidden, released in db.session.execute(
                    select(Answer.id, Answer.text, Answer.hidden, Answer.released)
                    .join(SurveyResponse, answered)
                    .where(in_survey, Answer.question_id == question.id)
                    .order_by(Answer.id)
                )
            ]
            shown = [
                text
                for _, text, hidden, released in found
                if not hidden and (released or not public)
            ]
            result.texts, result.base = shown, len(found)
            result.moderation = [] if public else found
        else:
            counts = [(o.label, by_option.get(o.id, 0)) for o in question.options]
            result.options = percentages(counts, result.base)
        if public and result.options:
            _hide_small_counts(result, kind)
        results.append(result)
    return SurveyResults(survey, respondents, results)


def _hide_small_counts(result: QuestionResult, kind: QuestionKind) -> None:
    """For the public: counts from 1 to 4, and those the base would give away with them, are
    hidden (domain.disclosure); then the mean goes too, and the base when it would tell."""
    one_answer_each = kind is not QuestionKind.MULTIPLE  # the counts add up to the base
    counts = [option.count or 0 for option in result.options]
    hidden, hide_base = hidden_counts(counts, one_answer_each)
    result.options = [
        OptionResult(option.label, None, None) if index in hidden else option
        for index, option in enumerate(result.options)
    ]
    if hidden:
        result.mean = None
    if hide_base:
        result.base = None


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


@dataclass
class CrossTab:
    """One closed question's answers (rows) split by villages or another question (columns).

    Each column's percentages are of that column's base: those in it who answered.
    """

    question: Question
    columns: list[tuple[str, int]]  # (label, base)
    rows: list[tuple[str, list[OptionResult]]]  # (answer label, one cell per column)


CLOSED = {QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.YES_SOMETIMES_NO}


def cross_tab(
    survey: Survey, question: Question, by: Question | None, public: bool = False
) -> CrossTab:
    """Split `question` by village (by=None) or by the answers to the closed question `by`.

    For the public, columns with 1-4 residents are folded into one 'other' column, with
    those the split leaves out (no village, or no answer to `by`) when they can be worked
    out as the whole minus the columns; see domain.small_groups.
    """
    mine = aliased(Answer)
    theirs = aliased(Answer)
    if by is None:
        column = SurveyResponse.area_id
        labels = [(a.id, a.name) for a in (survey.campaign.areas if survey.campaign else [])]
    else:
        column = theirs.option_id
        labels = [(o.id, o.label) for o in by.options]

    def joined(*columns):  # type: ignore[no-untyped-def]
        query = (
            select(*columns)
            .select_from(mine)
            .join(SurveyResponse, SurveyResponse.id == mine.response_id)
            .where(SurveyResponse.survey_id == survey.id, mine.question_id == question.id)
        )
        if by is not None:
            query = query.join(
                theirs, (theirs.response_id == mine.response_id) & (theirs.question_id == by.id)
            )
        return query.group_by(*columns[:-1])

    counts = {
        (col, option): n
        for option, col, n in db.session.execute(joined(mine.option_id, column, func.count()))
    }
    bases = dict(db.session.execute(joined(column, func.count(distinct(mine.response_id)))).all())
    if public:
        overall = dict(
            db.session.execute(
                select(mine.option_id, func.count())
                .join(SurveyResponse, SurveyResponse.id == mine.response_id)
                .where(SurveyResponse.survey_id == survey.id, mine.question_id == question.id)
                .group_by(mine.option_id)
            ).all()
        )
        everyone = db.session.scalar(
            select(func.count(distinct(Answer.response_id))).where(
                Answer.question_id == question.id
            )
        )
        labels, counts, bases = _fold_columns(
            labels,
            counts,
            bases,
            overall,
            everyone or 0,
            question,
            disjoint=by is None or by.kind != QuestionKind.MULTIPLE,
        )
    columns = [(label, bases.get(key, 0)) for key, label in labels]
    rows = [
        (
            option.label,
            [
                OptionResult(
                    label, n := counts.get((key, option.id), 0), percent(n, bases.get(key, 0))
                )
                for key, label in labels
            ],
        )
        for option in question.options
    ]
    return CrossTab(question, columns, rows)


OTHER_COLUMN = "other"


def _fold_columns(labels, counts, bases, overall, everyone, question, disjoint):  # type: ignore[no-untyped-def]
    """Fold small columns (and a small remainder) into one 'Other' column; see cross_tab."""
    keys = [key for key, _ in labels]
    sizes = {key: bases.get(key, 0) for key in keys}
    rest_counts: dict[object, int] = {}
    if disjoint:
        rest_counts = {
            option.id: overall.get(option.id, 0)
            - sum(counts.get((key, option.id), 0) for key in keys)
            for option in question.options
        }
        sizes[OTHER_COLUMN] = everyone - sum(sizes.values())
    fold = groups_to_fold(sizes)
    if not fold:
        return labels, counts, bases
    kept = [(key, label) for key, label in labels if key not in fold]
    folded = [key for key in keys if key in fold]
    merged_counts = {
        option.id: sum(counts.get((key, option.id), 0) for key in folded)
        + (rest_counts.get(option.id, 0) if OTHER_COLUMN in fold else 0)
        for option in question.options
    }
    merged_base = sum(sizes[key] for key in fold)
    counts = {**counts, **{(OTHER_COLUMN, o): n for o, n in merged_counts.items()}}
    bases = {**bases, OTHER_COLUMN: merged_base}
    return [*kept, (OTHER_COLUMN, str(_l("Other together")))], counts, bases


CSV_HEADER = ("question_id", "question", "type", "base", "answer", "count", "percent")


def result_rows(results: SurveyResults) -> list[tuple[object, ...]]:
    """One row per question and answer; a rapportcijfer adds a row with its mean."""
    rows: list[tuple[object, ...]] = []
    for item in results.questions:
        q = item.question
        for option in item.options:
            rows.append(
                (q.id, q.text, q.kind, item.base, option.label, option.count, option.percent)
            )
        if item.mean is not None:
            rows.append((q.id, q.text, q.kind, item.base, "gemiddelde", "", item.mean))
        for text in item.texts:
            rows.append((q.id, q.text, q.kind, item.base, text, "", ""))
    return rows


def results_csv(results: SurveyResults, dialect: CsvDialect = PLAIN) -> str:
    buffer = io.StringIO()
    writer = SafeCsvWriter(buffer, dialect)
    writer.writerow(CSV_HEADER)
    writer.writerows(result_rows(results))
    return buffer.getvalue()
