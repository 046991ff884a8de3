"""A survey's counts up to one response, and the groups of respondents a release checks."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, distinct, func, select, true
from sqlalchemy.orm import aliased

from participation.domain.surveys import QuestionKind
from participation.domain.translations import SOURCE_LANGUAGE, text_in
from participation.extensions import db
from participation.models import Answer, Area, Question, Survey, SurveyResponse

NONE = "none"  # the respondents who did not answer the question (or gave no village)
RESPONDENTS = "respondents"  # one group, 'total': every respondent
VILLAGE = "village"  # the village (or postcode) question's answers: the split by village
ANSWERED = "answered"  # an open question: those who wrote something
PLACE_KINDS = {QuestionKind.VILLAGE, QuestionKind.POSTCODE}
# Questions with one answer each: the public may split the results by them.
SPLIT_KINDS = {QuestionKind.SINGLE, QuestionKind.YES_SOMETIMES_NO}
MARKS = range(1, 11)


def dimension(question: Question) -> str:
    """The release dimension of a question's answers: the villages, or its own."""
    return VILLAGE if QuestionKind(question.kind) in PLACE_KINDS else f"question:{question.id}"


def area_key(area_id: int | None) -> str:
    return NONE if area_id is None else f"area:{area_id}"


def area_of(key: str) -> int | None:
    """The area id in a village's group key (area_key), or None."""
    return int(key.removeprefix("area:")) if key.startswith("area:") else None


def upto_filter(upto: int | None) -> ColumnElement[bool]:
    """Responses counted: those up to `upto` (a release's last one), or all of them."""
    return SurveyResponse.id <= upto if upto is not None else true()


@dataclass
class Counts:
    """What a survey's results count, over its responses up to a given one."""

    respondents: int
    answered: dict[int, int]  # question id -> respondents who answered it
    options: dict[int, int]  # option id -> times chosen
    scores: dict[int, dict[int, int]]  # question id -> mark -> respondents
    areas: dict[int | None, int]  # area id (None: no village) -> respondents


def count(survey: Survey, upto: int | None = None) -> Counts:
    """The survey's counts over its responses with id <= `upto` (None: every response)."""
    counted = (SurveyResponse.survey_id == survey.id, upto_filter(upto))
    answered = SurveyResponse.id == Answer.response_id
    respondents = db.session.scalar(select(func.count()).where(*counted)) or 0
    bases = dict(
        db.session.execute(
            select(Answer.question_id, func.count(distinct(Answer.response_id)))
            .join(SurveyResponse, answered)
            .where(*counted)
            .group_by(Answer.question_id)
        ).all()
    )
    options = {
        option_id: n
        for option_id, n in db.session.execute(
            select(Answer.option_id, func.count())
            .join(SurveyResponse, answered)
            .where(*counted, Answer.option_id.is_not(None))
            .group_by(Answer.option_id)
        )
        if option_id is not None  # as the query asks: typed as maybe None by the column
    }
    scores: dict[int, dict[int, int]] = defaultdict(dict)
    for question_id, score, n in db.session.execute(
        select(Answer.question_id, Answer.score, func.count())
        .join(SurveyResponse, answered)
        .where(*counted, Answer.score.is_not(None))
        .group_by(Answer.question_id, Answer.score)
    ):
        if score is not None:  # as the query asks: typed as maybe None by the column
            scores[question_id][score] = n
    areas = dict(
        db.session.execute(
            select(SurveyResponse.area_id, func.count())
            .where(*counted)
            .group_by(SurveyResponse.area_id)
        ).all()
    )
    return Counts(respondents, bases, options, scores, areas)


def area_names(survey: Survey, area_ids: Iterable[int | None] = ()) -> dict[int, str]:
    """The names of the campaign's villages, then of any other village in `area_ids`."""
    names = {area.id: area.name for area in (survey.campaign.areas if survey.campaign else [])}
    others = [a for a in area_ids if a is not None and a not in names]
    if others:
        names.update(db.session.execute(select(Area.id, Area.name).where(Area.id.in_(others))))
    return names


def _groups(survey: Survey, question: Question | None, counts: Counts) -> dict[str, int]:
    """Each group's respondents (a multiple-choice option: times chosen), NONE left out."""
    if question is None:  # the villages
        names = area_names(survey, counts.areas)
        return {area_key(area_id): counts.areas.get(area_id, 0) for area_id in names}
    kind = QuestionKind(question.kind)
    if kind is QuestionKind.SCORE:
        marks = counts.scores.get(question.id, {})
        return {str(mark): marks.get(mark, 0) for mark in MARKS}
    if kind is QuestionKind.TEXT:
        return {ANSWERED: counts.answered.get(question.id, 0)}
    return {str(o.id): counts.options.get(o.id, 0) for o in question.options}


def _with_none(
    groups: dict[str, int], none: int, required: bool, earlier: Mapping[str, int] | None
) -> dict[str, int]:
    """Those who gave no answer are a group too, unless the question is required and
    nobody ever skipped it (then everyone answered, as the form says)."""
    if none or not required or (earlier is not None and NONE in earlier):
        return {**groups, NONE: none}
    return groups


def group_sizes(
    survey: Survey, counts: Counts, earlier: Mapping[str, Mapping[str, int]] | None = None
) -> dict[str, dict[str, int]]:
    """Per dimension, each group's respondents: everyone; the villages (when the survey
    asks for one); each other question's answers. `earlier`: the last release's sizes."""
    earlier = earlier or {}
    sizes: dict[str, dict[str, int]] = {RESPONDENTS: {"total": counts.respondents}}
    places = [q for q in survey.questions if QuestionKind(q.kind) in PLACE_KINDS]
    if places:
        required = any(q.required and q.show_if_id is None for q in places)
        sizes[VILLAGE] = _with_none(
            _groups(survey, None, counts),
            counts.areas.get(None, 0),
            required,
            earlier.get(VILLAGE),
        )
    for question in survey.questions:
        if QuestionKind(question.kind) in PLACE_KINDS:
            continue
        key = dimension(question)
        none = counts.respondents - counts.answered.get(question.id, 0)
        groups = _groups(survey, question, counts)
        sizes[key] = _with_none(groups, none, question.required, earlier.get(key))
    return sizes


def group_labels(
    survey: Survey, area_ids: Iterable[int | None] = (), language: str = SOURCE_LANGUAGE
) -> dict[str, dict[str, str]]:
    """Per dimension, each group's name as the public reads it (`area_ids`: villages named
    by responses besides the campaign's own), the answers in `language` where given."""
    labels: dict[str, dict[str, str]] = {RESPONDENTS: {"total": str(_l("Respondents"))}}
    none = str(_l("No answer"))
    labels[VILLAGE] = {
        **{area_key(a): name for a, name in area_names(survey, area_ids).items()},
        NONE: none,
    }
    for question in survey.questions:
        if QuestionKind(question.kind) in PLACE_KINDS:
            continue
        kind = QuestionKind(question.kind)
        if kind is QuestionKind.SCORE:
            found = {str(mark): str(mark) for mark in MARKS}
        elif kind is QuestionKind.TEXT:
            found = {ANSWERED: str(_l("Answered"))}
        else:
            found = {str(o.id): text_in(o, "label", language) for o in question.options}
        labels[dimension(question)] = {**found, NONE: none}
    return labels


def pair_counts(
    survey: Survey, question: Question, by: Question | None, upto: int | None
) -> tuple[dict[tuple[str, str], int], dict[str, int]]:
    """`question`'s answers (rows) split by village or by `by`'s answer (columns), over
    every response up to `upto`, as group keys: {(column, row): n} and {column: respondents}.
    Those without an answer fall in the NONE row or column."""
    mine, theirs = aliased(Answer), aliased(Answer)
    column: Any = SurveyResponse.area_id if by is None else theirs.option_id

    def counted(*columns: Any) -> Any:
        query = (
            select(*columns)
            .select_from(SurveyResponse)
            .outerjoin(
                mine, (mine.response_id == SurveyResponse.id) & (mine.question_id == question.id)
            )
        )
        if by is not None:
            query = query.outerjoin(
                theirs, (theirs.response_id == SurveyResponse.id) & (theirs.question_id == by.id)
            )
        return query.where(SurveyResponse.survey_id == survey.id, upto_filter(upto))

    def key(value: int | None) -> str:
        if by is None:
            return area_key(value)
        return NONE if value is None else str(value)

    cells = {
        (key(col), NONE if option is None else str(option)): n
        for col, option, n in db.session.execute(
            counted(column, mine.option_id, func.count()).group_by(column, mine.option_id)
        )
    }
    sizes = {
        key(col): n
        for col, n in db.session.execute(
            counted(column, func.count(distinct(SurveyResponse.id))).group_by(column)
        )
    }
    return cells, sizes
