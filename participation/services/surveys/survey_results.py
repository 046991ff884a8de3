"""Survey results per question: counted by the database, percentages of those who answered.

Staff see today's counts. The public sees a release (services.surveys.survey_releases): the
responses it covers, with each question's answers in the blocks it shows (survey_blocks).
"""

from __future__ import annotations

import dataclasses
import io
from typing import Any

from sqlalchemy import select

from participation.domain.disclosure import hidden_counts
from participation.domain.safe_cells import PLAIN, CsvDialect, SafeCsvWriter
from participation.domain.survey_data import QuestionRef, QuestionResult, SurveyRef, SurveyResults
from participation.domain.surveys import (
    OptionResult,
    QuestionKind,
    mean_mark,
    percent,
    percentages,
)
from participation.domain.translations import SOURCE_LANGUAGE, text_in
from participation.extensions import db
from participation.models import Answer, PublicRelease, Question, Survey, SurveyResponse
from participation.services.surveys import survey_blocks
from participation.services.surveys.survey_counts import (
    ANSWERED,
    MARKS,
    NONE,
    PLACE_KINDS,
    RESPONDENTS,
    area_names,
    count,
    dimension,
    group_labels,
    group_sizes,
    upto_filter,
)


def survey_results(
    survey: Survey,
    public: bool = False,
    upto_response_id: int | None = None,
    release: PublicRelease | None = None,
    language: str = SOURCE_LANGUAGE,
) -> SurveyResults:
    """Every question's results over the responses up to `upto_response_id` (None: all).

    `public`: open answers only those staff released (and did not hide), small counts
    hidden, and no moderation list. `release`: the public view of that release (its
    responses, its blocks); it implies `public`. `language`: the questions and answers in
    that language where the survey gives them (open answers stay as typed).
    """
    if release is not None:
        return _released(survey, release, language)
    counts = count(survey, upto_response_id)
    names = area_names(survey, counts.areas)
    villages = sorted(
        ((names.get(a, "?"), n) for a, n in counts.areas.items() if a is not None and n),
        key=lambda pair: (-pair[1], pair[0]),
    )
    results = []
    for question in survey.questions:
        kind = QuestionKind(question.kind)
        base: int | None = counts.answered.get(question.id, 0)
        options: list[OptionResult] = []
        mean: float | None = None
        texts: list[str] = []
        moderation: list[tuple[int, str, bool, bool]] = []
        if kind is QuestionKind.SCORE:
            marks = counts.scores.get(question.id, {})
            base = sum(marks.values())
            mean = mean_mark(marks)
            options = percentages([(str(s), marks.get(s, 0)) for s in MARKS], base)
        elif kind in PLACE_KINDS:
            base = sum(n for _, n in villages)
            options = percentages(villages, base)
        elif kind is QuestionKind.TEXT:
            found = _texts(survey, question, upto_response_id)
            texts = [
                text
                for _, text, hidden, released in found
                if not hidden and (released or not public)
            ]
            if public:  # in arrival order, the newest answers would say which release they
                texts.sort(key=str.casefold)  # came with, and so how few wrote them
            base = len(found)
            moderation = [] if public else found
        else:
            labelled = [
                (text_in(o, "label", language), counts.options.get(o.id, 0))
                for o in question.options
            ]
            options = percentages(labelled, base or 0)
        result = QuestionResult(
            _ref(question),
            base,
            options,
            mean,
            texts,
            moderation,
            text_in(question, "text", language),
        )
        if public and result.options:
            result = _hide_small_counts(result, kind)
        results.append(result)
    return SurveyResults(_survey_ref(survey), counts.respondents, results)


def _survey_ref(survey: Survey) -> SurveyRef:
    return SurveyRef(survey.id, survey.slug, survey.title)


def _ref(question: Question) -> QuestionRef:
    return QuestionRef(question.id, question.text, question.kind)


def _texts(
    survey: Survey, question: Question, upto: int | None
) -> list[tuple[int, str, bool, bool]]:
    """(answer id, text, hidden, released) of a question's open answers, oldest first."""
    return [
        (answer_id, text or "", hidden, released)
        for answer_id, text, hidden, released in db.session.execute(
            select(Answer.id, Answer.text, Answer.hidden, Answer.released)
            .join(SurveyResponse, SurveyResponse.id == Answer.response_id)
            .where(
                SurveyResponse.survey_id == survey.id,
                upto_filter(upto),
                Answer.question_id == question.id,
            )
            .order_by(Answer.id)
        )
    ]


def _released(survey: Survey, release: PublicRelease, language: str) -> SurveyResults:
    """The public view of a release: each question as its blocks show it (survey_blocks).

    The base is shown when those who gave no answer are shown apart; the mean mark when
    every mark is; the open answers staff released, of the responses the release covers.
    """
    upto = release.upto_response_id
    counts = count(survey, upto)
    now = group_sizes(survey, counts, release.sizes)
    labels = group_labels(survey, counts.areas, language)
    respondents = release.sizes.get(RESPONDENTS, {}).get("total", counts.respondents)
    results = []
    for question in survey.questions:
        key, kind = dimension(question), QuestionKind(question.kind)
        if key not in release.blocks:
            continue  # asked only after this release
        blocks = survey_blocks.shown_blocks(
            release.sizes.get(key, {}), release.blocks[key], now.get(key, {})
        )
        apart = survey_blocks.none_apart(blocks)
        base = _base(kind, respondents, now[key]) if apart else None
        entries = survey_blocks.block_counts(blocks, now[key], labels[key])
        result = QuestionResult(_ref(question), base, text=text_in(question, "text", language))
        if kind is QuestionKind.TEXT:
            texts = [
                text
                for _, text, hidden, released in _texts(survey, question, upto)
                if released and not hidden
            ]
            result = dataclasses.replace(result, texts=texts)
        else:
            options = [
                OptionResult(label, n, percent(n, base) if base else None) for label, n in entries
            ]
            mean = None
            if kind is QuestionKind.SCORE and apart and all(len(b) == 1 for b in blocks):
                mean = mean_mark(counts.scores.get(question.id, {}))
            result = dataclasses.replace(result, options=options, mean=mean)
            result = _hide_small_counts(result, kind)
        results.append(result)
    return SurveyResults(
        _survey_ref(survey),
        respondents,
        results,
        release=release.number,
        released_at=release.released_at,
    )


def _base(kind: QuestionKind, respondents: int, now: dict[str, int]) -> int:
    """Those who answered: everyone but those who gave no answer."""
    if kind is QuestionKind.TEXT:
        return now.get(ANSWERED, 0)
    return respondents - now.get(NONE, 0)


def _hide_small_counts(result: QuestionResult, kind: QuestionKind) -> QuestionResult:
    """For the public: counts from 1 to 4, and those the base would give away with them, are
    hidden (domain.disclosure); then the mean goes too, and the base when it would tell."""
    one_answer_each = kind is not QuestionKind.MULTIPLE  # the counts add up to the base
    counts = [option.count or 0 for option in result.options]
    hidden, hide_base = hidden_counts(counts, one_answer_each)
    return dataclasses.replace(
        result,
        options=[
            OptionResult(option.label, None, None) if index in hidden else option
            for index, option in enumerate(result.options)
        ],
        mean=None if hidden else result.mean,
        base=None if hide_base else result.base,
    )


def results_json(results: SurveyResults) -> dict[str, Any]:
    """The survey results contract: per question its id, text, type, base and options."""
    return {
        "survey": results.survey.slug,
        "respondents": results.respondents,
        "release": results.release,
        "released_at": results.released_at.isoformat() if results.released_at else None,
        "questions": [
            {
                "id": item.question.id,
                "text": item.text,
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


CSV_HEADER = ("question_id", "question", "type", "base", "answer", "count", "percent")


def result_rows(results: SurveyResults, mean: str = "gemiddelde") -> list[tuple[object, ...]]:
    """One row per question and answer; a rapportcijfer adds a row with its mean (`mean`:
    that row's answer)."""
    rows: list[tuple[object, ...]] = []
    for item in results.questions:
        q = item.question
        for option in item.options:
            rows.append(
                (q.id, item.text, q.kind, item.base, option.label, option.count, option.percent)
            )
        if item.mean is not None:
            rows.append((q.id, item.text, q.kind, item.base, mean, "", item.mean))
        for text in item.texts:
            rows.append((q.id, item.text, q.kind, item.base, text, "", ""))
    return rows


def results_csv(
    results: SurveyResults, dialect: CsvDialect = PLAIN, mean: str = "gemiddelde"
) -> str:
    buffer = io.StringIO()
    writer = SafeCsvWriter(buffer, dialect)
    writer.writerow(CSV_HEADER)
    writer.writerows(result_rows(results, mean))
    return buffer.getvalue()
