"""Survey results split: one closed question's answers per village or per answer to another.

Staff see today's counts, each column of those in it who answered. The public sees a
release's: its columns are the blocks the release shows of the villages or of the other
question's answers (survey_blocks), each with everyone in it, and a row for those who gave
no answer; its rows are the blocks of the question's own answers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, SQLColumnExpression, distinct, func, select
from sqlalchemy.orm import aliased

from participation.domain.disclosure import hidden_cells
from participation.domain.small_groups import groups_to_fold
from participation.domain.surveys import OptionResult, QuestionKind, percent
from participation.domain.translations import SOURCE_LANGUAGE, text_in
from participation.extensions import db
from participation.models import Answer, PublicRelease, Question, Survey, SurveyResponse
from participation.services.surveys import survey_blocks
from participation.services.surveys.survey_counts import (
    NONE,
    VILLAGE,
    area_of,
    dimension,
    group_labels,
    pair_counts,
    upto_filter,
)


@dataclass
class CrossTab:
    """One closed question's answers (rows) split by villages or another question (columns).

    Each column's percentages are of that column's base: those in it who answered.
    """

    question: Question
    columns: list[tuple[str, int]]  # (label, base)
    rows: list[tuple[str, list[OptionResult]]]  # (answer label, one cell per column)


CLOSED = {QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.YES_SOMETIMES_NO}

# A column: a village's or an option's id, None for those without one, or OTHER_COLUMN.
Column: TypeAlias = int | str | None
# (column, option id) -> answers; None for the option where no option was chosen.
Cells: TypeAlias = dict[tuple[Column, int | None], int]


def cross_tab(
    survey: Survey,
    question: Question,
    by: Question | None,
    public: bool = False,
    upto_response_id: int | None = None,
    release: PublicRelease | None = None,
    language: str = SOURCE_LANGUAGE,
) -> CrossTab | None:
    """Split `question` by village (by=None) or by the answers to the closed question `by`,
    over the responses up to `upto_response_id` (None: all of them).

    For the public, columns with 1-4 residents are folded into one 'other' column, with
    those the split leaves out (no village, or no answer to `by`) when they can be worked
    out as the whole minus the columns; see domain.small_groups. `release`: the public
    view of that release instead (released_cross_tab). `language`: the answers in that
    language where the survey gives them.
    """
    if release is not None:
        return released_cross_tab(survey, question, by, release, language)
    counted = (SurveyResponse.survey_id == survey.id, upto_filter(upto_response_id))
    mine = aliased(Answer)
    theirs = aliased(Answer)
    labels: list[tuple[Column, str]]
    if by is None:
        column = SurveyResponse.area_id
        labels = [(a.id, a.name) for a in (survey.campaign.areas if survey.campaign else [])]
    else:
        column = theirs.option_id
        labels = [(o.id, text_in(o, "label", language)) for o in by.options]

    def joined(*columns: SQLColumnExpression[Any]) -> Select[*tuple[Any, ...]]:
        query = (
            select(*columns)
            .select_from(mine)
            .join(SurveyResponse, SurveyResponse.id == mine.response_id)
            .where(*counted, mine.question_id == question.id)
        )
        if by is not None:
            query = query.join(
                theirs, (theirs.response_id == mine.response_id) & (theirs.question_id == by.id)
            )
        return query.group_by(*columns[:-1])

    counts: Cells = {
        (col, option): n
        for option, col, n in db.session.execute(joined(mine.option_id, column, func.count()))
    }
    bases: dict[Column, int] = dict(
        db.session.execute(joined(column, func.count(distinct(mine.response_id)))).all()
    )
    if public:
        overall = dict(
            db.session.execute(
                select(mine.option_id, func.count())
                .join(SurveyResponse, SurveyResponse.id == mine.response_id)
                .where(*counted, mine.question_id == question.id)
                .group_by(mine.option_id)
            ).all()
        )
        everyone = db.session.scalar(
            select(func.count(distinct(Answer.response_id)))
            .join(SurveyResponse, SurveyResponse.id == Answer.response_id)
            .where(*counted, Answer.question_id == question.id)
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
            text_in(option, "label", language),
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


def _fold_columns(
    labels: Sequence[tuple[Column, str]],
    counts: Cells,
    bases: dict[Column, int],
    overall: dict[int | None, int],
    everyone: int,
    question: Question,
    disjoint: bool,
) -> tuple[list[tuple[Column, str]], Cells, dict[Column, int]]:
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
        return list(labels), counts, bases
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


def released_cross_tab(
    survey: Survey,
    question: Question,
    by: Question | None,
    release: PublicRelease,
    language: str = SOURCE_LANGUAGE,
) -> CrossTab | None:
    """The split as the release shows it: columns and rows are its blocks (see the module).

    A column with 1 to 4 residents (there is none when the blocks are safe) is still folded
    with the smallest other one, as for one snapshot (domain.small_groups). Percentages are
    of those in the column who answered; '–' where no answer is shown together with one.
    """
    columns_key = VILLAGE if by is None else dimension(by)
    rows_key = dimension(question)
    cells, sizes = pair_counts(survey, question, by, release.upto_response_id)
    answers: dict[str, int] = defaultdict(int)
    for (_, answer), count in cells.items():
        answers[answer] += count
    columns = survey_blocks.shown_blocks(
        release.sizes.get(columns_key, {}), release.blocks.get(columns_key, []), sizes
    )
    rows = survey_blocks.shown_blocks(
        release.sizes.get(rows_key, {}), release.blocks.get(rows_key, []), answers
    )
    column_sizes = {i: sum(sizes.get(g, 0) for g in block) for i, block in enumerate(columns)}
    folded = groups_to_fold(column_sizes)
    if folded:
        merged = [g for i, block in enumerate(columns) if i in folded for g in block]
        columns = [b for i, b in enumerate(columns) if i not in folded] + [merged]
    labels = group_labels(survey, [area_of(g) for g in sizes], language)
    apart = survey_blocks.none_apart(rows)

    def total(column: list[str], row: list[str]) -> int:
        return sum(cells.get((c, r), 0) for c in column for r in row)

    heads = []
    for column in columns:
        everyone = sum(sizes.get(g, 0) for g in column)
        heads.append((survey_blocks.joint_label(column, labels[columns_key]), everyone))
    counts = [[total(column, row) for column in columns] for row in rows]
    # A cell of 1 to 4 in a column of 5 or more still tells what those few answered: hidden,
    # with what its row's and column's totals would give back (domain.disclosure).
    one_each = QuestionKind(question.kind) is not QuestionKind.MULTIPLE
    hidden = hidden_cells(counts, columns_add_up=one_each)
    if hidden is None:
        return None  # no choice of hidden cells protects them: no split for the public
    table = []
    for r, row in enumerate(rows):
        shown = []
        for c, (column, (label, everyone)) in enumerate(zip(columns, heads, strict=True)):
            n = counts[r][c]
            answered = everyone - total(column, [NONE])
            share = percent(n, answered) if apart and NONE not in row and answered else None
            if (r, c) in hidden:
                shown.append(OptionResult(label, None, None))
            else:
                shown.append(OptionResult(label, n, share))
        table.append((survey_blocks.joint_label(row, labels[rows_key]), shown))
    return CrossTab(question, heads, table)
