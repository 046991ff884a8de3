"""Survey edit rules: what may change once residents answered, and conditions that stay sound."""

from __future__ import annotations

from participation.domain.survey_edits import (
    QuestionDraft,
    SurveyEditProblem,
    Trigger,
    check_delete,
    check_order,
    check_question,
    moved,
    option_values,
)
from participation.domain.surveys import QuestionKind

P = SurveyEditProblem
NUISANCE = QuestionDraft(QuestionKind.MULTIPLE, ("geluid", "afval", "geen"), frozenset({"geen"}))
YSN = Trigger(QuestionKind.YES_SOMETIMES_NO, ("ja", "soms", "nee"), earlier=True)


def test_before_any_answer_a_question_may_change_freely() -> None:
    after = QuestionDraft(QuestionKind.SINGLE, ("a", "b"), show_if=1, show_values=frozenset({"ja"}))
    assert check_question(after, NUISANCE, answered=False, trigger=YSN) == []


def test_with_answers_only_the_wording_and_order_of_options_may_change() -> None:
    reordered = QuestionDraft(
        QuestionKind.MULTIPLE, ("afval", "geluid", "geen"), frozenset({"geen"})
    )
    assert check_question(reordered, NUISANCE, answered=True) == []
    added = QuestionDraft(QuestionKind.MULTIPLE, (*NUISANCE.options, "drugs"), NUISANCE.exclusive)
    assert check_question(added, NUISANCE, answered=True) == [P.OPTIONS_LOCKED]
    single = QuestionDraft(QuestionKind.SINGLE, NUISANCE.options)
    assert check_question(single, NUISANCE, answered=True) == [P.KIND_LOCKED]
    limited = QuestionDraft(QuestionKind.MULTIPLE, NUISANCE.options, NUISANCE.exclusive, 2)
    assert check_question(limited, NUISANCE, answered=True) == [P.MAX_LOCKED]
    not_exclusive = QuestionDraft(QuestionKind.MULTIPLE, NUISANCE.options)
    assert check_question(not_exclusive, NUISANCE, answered=True) == [P.OPTIONS_LOCKED]
    conditional = QuestionDraft(
        QuestionKind.MULTIPLE, NUISANCE.options, NUISANCE.exclusive, None, 1, frozenset({"ja"})
    )
    assert check_question(conditional, NUISANCE, answered=True, trigger=YSN) == [P.CONDITION_LOCKED]


def test_choice_questions_need_options_and_a_maximum_within_them() -> None:
    assert check_question(QuestionDraft(QuestionKind.SINGLE, ("a",))) == [P.OPTIONS_NEEDED]
    assert check_question(QuestionDraft(QuestionKind.SINGLE, ("a", "a"))) == [P.DUPLICATE_OPTION]
    too_high = QuestionDraft(QuestionKind.MULTIPLE, ("a", "b"), max_choices=3)
    assert check_question(too_high) == [P.MAX_TOO_HIGH]
    assert check_question(QuestionDraft(QuestionKind.SCORE)) == []


def test_a_condition_points_to_an_earlier_choice_question_and_its_own_answers() -> None:
    draft = QuestionDraft(QuestionKind.TEXT, show_if=1, show_values=frozenset({"ja"}))
    later = Trigger(QuestionKind.YES_SOMETIMES_NO, ("ja", "soms", "nee"), earlier=False)
    assert check_question(draft, trigger=later) == [P.CONDITION_NOT_EARLIER]
    score = Trigger(QuestionKind.SCORE, (), earlier=True)
    assert check_question(draft, trigger=score) == [P.CONDITION_NOT_EARLIER]
    wrong = QuestionDraft(QuestionKind.TEXT, show_if=1, show_values=frozenset({"misschien"}))
    assert check_question(wrong, trigger=YSN) == [P.CONDITION_VALUES]
    assert check_question(draft, trigger=YSN) == []


def test_a_trigger_keeps_the_answers_and_type_that_later_conditions_use() -> None:
    fewer = QuestionDraft(QuestionKind.MULTIPLE, ("geluid", "geen"), frozenset({"geen"}))
    assert check_question(fewer, NUISANCE, used_by_others={"afval"}, has_dependents=True) == [
        P.CONDITION_VALUE_IN_USE
    ]
    text = QuestionDraft(QuestionKind.TEXT)
    assert check_question(text, NUISANCE, has_dependents=True) == [P.TRIGGERS_OTHERS]


def test_delete_and_order_rules() -> None:
    assert check_delete(answered=False, has_dependents=False) == []
    assert check_delete(answered=True, has_dependents=True) == [P.ANSWERED, P.TRIGGERS_OTHERS]
    assert moved([1, 2, 3], 3, -1) == [1, 3, 2]
    assert moved([1, 2, 3], 1, -1) == [1, 2, 3]
    assert check_order([2, 1, 3], {2: 1}) == [P.ORDER_BREAKS_CONDITION]
    assert check_order([1, 3, 2], {2: 1}) == []


def test_option_values_follow_their_labels_through_rewording_and_reordering() -> None:
    old = [("ja", "Ja"), ("nee", "Nee")]
    assert option_values(["Nee", "Ja"], old) == [("nee", "Nee"), ("ja", "Ja")]
    assert option_values(["Ja, vaak", "Nee"], old) == [("ja", "Ja, vaak"), ("nee", "Nee")]
    assert option_values(["Ja", "Nee", "Weet ik niet"], old)[2] == ("weet-ik-niet", "Weet ik niet")
    assert option_values(["Één", "Één"]) == [("een", "Één"), ("een", "Één")]
    assert option_values(["?!"]) == [("optie-1", "?!")]


def test_village_and_postcode_questions_need_the_campaigns_villages() -> None:
    village = QuestionDraft(QuestionKind.VILLAGE)
    assert check_question(village, has_villages=False) == [P.NEEDS_VILLAGES]
    assert check_question(QuestionDraft(QuestionKind.POSTCODE), has_villages=True) == []
