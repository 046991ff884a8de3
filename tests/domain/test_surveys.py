"""Survey answers: types, conditions, exclusive options, limits and postcodes."""

from __future__ import annotations

from participation.domain.surveys import (
    AnswerProblem,
    OptionRule,
    QuestionKind,
    QuestionRule,
    check_response,
    percent,
    percentages,
)

SAFE = QuestionRule(1, QuestionKind.YES_SOMETIMES_NO, required=True)
NUISANCE = QuestionRule(2, QuestionKind.YES_SOMETIMES_NO, required=True)
WHICH = QuestionRule(
    3,
    QuestionKind.MULTIPLE,
    required=True,
    options=[OptionRule("jongeren"), OptionRule("hondenpoep"), OptionRule("geen", exclusive=True)],
    max_choices=2,
    show_if=2,
    show_values=frozenset({"ja", "soms"}),
)
SCORE = QuestionRule(4, QuestionKind.SCORE)
TEXT = QuestionRule(5, QuestionKind.TEXT)
POSTCODE = QuestionRule(6, QuestionKind.POSTCODE)
SURVEY = [SAFE, NUISANCE, WHICH, SCORE, TEXT, POSTCODE]
POSTCODES = {"7921": "zuidwolde", "7933": "pesse"}


def problems(raw):  # type: ignore[no-untyped-def]
    return check_response(SURVEY, raw, POSTCODES).problems


def test_a_follow_up_is_asked_only_after_the_trigger_answer() -> None:
    assert problems({1: ["ja"], 2: ["soms"]}) == {3: [AnswerProblem.REQUIRED]}
    assert problems({1: ["ja"], 2: ["nee"]}) == {}
    # Ticked, then the trigger changed (no JavaScript cleared it): left out, not refused.
    hidden = check_response(SURVEY, {1: ["ja"], 2: ["nee"], 3: ["jongeren"]}, POSTCODES)
    assert hidden.problems == {} and 3 not in hidden.answers


def test_choices_are_checked() -> None:
    base = {1: ["ja"], 2: ["ja"]}
    assert problems({**base, 3: ["jongeren", "hondenpoep"]}) == {}
    assert problems({**base, 3: ["jongeren", "geen"]}) == {3: [AnswerProblem.EXCLUSIVE]}
    assert problems({**base, 3: ["brommers"]}) == {3: [AnswerProblem.UNKNOWN_OPTION]}
    assert problems({1: ["ja", "nee"], 2: ["nee"]}) == {1: [AnswerProblem.ONE_ONLY]}
    assert problems({1: ["misschien"], 2: ["nee"]}) == {1: [AnswerProblem.UNKNOWN_OPTION]}


def test_too_many_choices() -> None:
    many = QuestionRule(
        9, QuestionKind.MULTIPLE, options=[OptionRule(v) for v in "abc"], max_choices=2
    )
    assert check_response([many], {9: ["a", "b", "c"]}).problems == {9: [AnswerProblem.TOO_MANY]}


def test_scores_texts_and_postcodes() -> None:
    base = {1: ["ja"], 2: ["nee"]}
    assert problems({**base, 4: ["11"]}) == {4: [AnswerProblem.NOT_A_SCORE]}
    assert problems({**base, 4: ["7,5"]}) == {4: [AnswerProblem.NOT_A_SCORE]}
    assert problems({**base, 5: ["x" * 2001]}) == {5: [AnswerProblem.TOO_LONG]}
    assert problems({**base, 6: ["79211"]}) == {6: [AnswerProblem.BAD_POSTCODE]}
    assert problems({**base, 6: ["1234 AB"]}) == {6: [AnswerProblem.UNKNOWN_POSTCODE]}
    checked = check_response(SURVEY, {**base, 6: ["7921 ab"]}, POSTCODES)
    assert checked.problems == {} and checked.village == "zuidwolde"
    assert checked.answers[6] == []  # the postcode itself is not kept


def test_percentages_have_one_decimal_with_halves_rounded_up() -> None:
    assert percent(192, 366) == 52.5  # 52.459… → 52.5
    assert percent(1, 8) == 12.5
    assert percent(0, 0) == 0.0
    assert [r.percent for r in percentages([("ja", 23), ("nee", 255)], 366)] == [6.3, 69.7]


def test_the_mean_mark_rounds_its_exact_value_half_up() -> None:
    from participation.domain.surveys import mean_mark

    assert mean_mark({7: 3, 8: 1}) == 7.3  # 29 / 4 = 7.25 exactly; round() gave 7.2
    assert mean_mark({8: 1, 9: 1}) == 8.5
    assert mean_mark({6: 2, 7: 1}) == 6.3  # 6.333…
    assert mean_mark({}) is None
