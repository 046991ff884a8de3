"""One question per screen: the order of screens follows the answers, and checks go step by step."""

from __future__ import annotations

from participation.domain.survey_steps import (
    first_step,
    next_step,
    previous_step,
    progress,
    step_to,
)
from participation.domain.surveys import AnswerProblem, OptionRule, QuestionKind, QuestionRule

YSN = [OptionRule("ja"), OptionRule("soms"), OptionRule("nee")]
QUESTIONS = [
    QuestionRule(1, QuestionKind.YES_SOMETIMES_NO, required=True, options=YSN),
    QuestionRule(2, QuestionKind.TEXT, show_if=1, show_values=frozenset({"ja", "soms"})),
    QuestionRule(3, QuestionKind.SCORE),
]


def test_a_follow_up_is_shown_only_after_its_trigger_answer() -> None:
    assert first_step(QUESTIONS).question == 1
    assert next_step(QUESTIONS, {1: ["ja"]}, at=1).question == 2
    assert next_step(QUESTIONS, {1: ["nee"]}, at=1).question == 3
    assert next_step(QUESTIONS, {1: ["nee"], 3: ["7"]}, at=3).question is None  # check page


def test_a_missing_required_answer_keeps_the_resident_on_that_screen() -> None:
    step = next_step(QUESTIONS, {}, at=1)
    assert step.question == 1 and step.problems == {1: [AnswerProblem.REQUIRED]}
    wrong = next_step(QUESTIONS, {1: ["ja"], 3: ["11"]}, at=3)
    assert wrong.question == 3 and wrong.problems == {3: [AnswerProblem.NOT_A_SCORE]}


def test_changing_the_trigger_drops_the_answer_to_the_follow_up() -> None:
    step = next_step(QUESTIONS, {1: ["nee"], 2: ["hangjongeren"]}, at=1)
    assert step.answers == {1: ["nee"]} and step.question == 3


def test_back_and_straight_to_a_question() -> None:
    assert previous_step(QUESTIONS, {1: ["nee"]}, at=3).question == 1
    assert previous_step(QUESTIONS, {1: ["ja"]}, at=3).question == 2
    assert previous_step(QUESTIONS, {1: ["ja"]}, at=1).question == 1
    assert previous_step(QUESTIONS, {1: ["ja"], 3: ["8"]}, at=None).question == 3
    assert step_to(QUESTIONS, {1: ["nee"]}, 2).question == 1  # hidden: back to the start
    assert step_to(QUESTIONS, {1: ["ja"]}, 2).question == 2


def test_progress_counts_only_the_questions_shown() -> None:
    # Without the follow-up (question 2), question 3 is the 2nd of 2, never '3 of 3'.
    assert progress(QUESTIONS, {1: ["nee"]}, 3) == (2, 2)
    assert progress(QUESTIONS, {}, 1) == (1, 2)
    # Once triggered, the follow-up counts.
    assert progress(QUESTIONS, {1: ["ja"]}, 2) == (2, 3)
    assert progress(QUESTIONS, {1: ["ja"], 2: ["x"]}, 3) == (3, 3)
