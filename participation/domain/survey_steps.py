"""One question per screen: which question comes next, given the answers so far.

The answers travel with each screen as hidden form fields, so this works without JavaScript
and nothing is stored before the resident sends the whole response.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from participation.domain.surveys import AnswerProblem, QuestionRule, check_response, is_visible


@dataclass(frozen=True)
class Step:
    """The screen to show: a question, or None for the page that checks and sends."""

    question: int | None
    answers: dict[int, list[str]]
    problems: dict[int, list[AnswerProblem]] = field(default_factory=dict)


def visible_answers(
    questions: Sequence[QuestionRule], raw: Mapping[int, list[str]]
) -> dict[int, list[str]]:
    """The answers to questions still shown; a changed earlier answer drops its follow-ups."""
    kept: dict[int, list[str]] = {}
    for question in questions:
        values = [value for value in raw.get(question.id, []) if value.strip()]
        if values and is_visible(question, kept):
            kept[question.id] = values
    return kept


def progress(
    questions: Sequence[QuestionRule], answers: Mapping[int, list[str]], question_id: int
) -> tuple[int, int]:
    """'Vraag n van m' on a step: n counts the questions shown up to this one, m those shown
    with the answers so far, so the numbers never jump (a follow-up counts once triggered)."""
    shown = [question.id for question in questions if is_visible(question, answers)]
    if question_id not in shown:
        shown.append(question_id)
    return shown.index(question_id) + 1, len(shown)


def first_step(questions: Sequence[QuestionRule]) -> Step:
    return Step(_visible_from(questions, {}, 0, 1), {})


def next_step(
    questions: Sequence[QuestionRule],
    raw: Mapping[int, list[str]],
    at: int | None,
    postcodes: Mapping[str, str] | None = None,
) -> Step:
    """Check the answers up to question `at`, then move to the next question shown."""
    answers = visible_answers(questions, raw)
    index = _index(questions, at)
    checked = check_response(questions[: index + 1], answers, postcodes)
    if checked.problems:
        first = min(checked.problems, key=lambda qid: _index(questions, qid))
        return Step(first, answers, {first: checked.problems[first]})
    return Step(_visible_from(questions, answers, index + 1, 1), answers)


def previous_step(
    questions: Sequence[QuestionRule], raw: Mapping[int, list[str]], at: int | None
) -> Step:
    """The question shown before `at` (from the check page: the last one shown)."""
    answers = visible_answers(questions, raw)
    start = len(questions) - 1 if at is None else _index(questions, at) - 1
    found = _visible_from(questions, answers, start, -1)
    return Step(found if found is not None else first_step(questions).question, answers)


def step_to(questions: Sequence[QuestionRule], raw: Mapping[int, list[str]], to: int) -> Step:
    """Straight to a question from the check page, if it is shown."""
    answers = visible_answers(questions, raw)
    index = _index(questions, to)
    shown = index < len(questions) and is_visible(questions[index], answers)
    return Step(to if shown else first_step(questions).question, answers)


def _index(questions: Sequence[QuestionRule], question_id: int | None) -> int:
    ids = [question.id for question in questions]
    return ids.index(question_id) if question_id in ids else len(ids)


def _visible_from(
    questions: Sequence[QuestionRule], answers: Mapping[int, list[str]], start: int, step: int
) -> int | None:
    index = start
    while 0 <= index < len(questions):
        if is_visible(questions[index], answers):
            return questions[index].id
        index += step
    return None
