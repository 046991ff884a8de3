"""Which edits to a survey keep the answers already given meaningful, and keep conditions sound.

Before anyone answers, a question may change freely. Once it has answers, its wording may
still be corrected, but not what a resident could choose: its type, its options, its maximum
or its condition. Otherwise earlier and later answers would not mean the same thing.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from participation.domain.surveys import QuestionKind

CHOICE_KINDS = frozenset({QuestionKind.SINGLE, QuestionKind.MULTIPLE})
# Questions another question's condition can depend on: a fixed set of answers.
TRIGGER_KINDS = frozenset(
    {QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.YES_SOMETIMES_NO}
)
MAX_OPTIONS = 30


class SurveyEditProblem(enum.Enum):
    """Why an edit to a survey is refused."""

    KIND_LOCKED = "kind_locked"
    OPTIONS_LOCKED = "options_locked"
    MAX_LOCKED = "max_locked"
    CONDITION_LOCKED = "condition_locked"
    ANSWERED = "answered"
    TRIGGERS_OTHERS = "triggers_others"
    OPTIONS_NEEDED = "options_needed"
    TOO_MANY_OPTIONS = "too_many_options"
    DUPLICATE_OPTION = "duplicate_option"
    MAX_TOO_HIGH = "max_too_high"
    CONDITION_NOT_EARLIER = "condition_not_earlier"
    CONDITION_VALUES = "condition_values"
    CONDITION_VALUE_IN_USE = "condition_value_in_use"
    ORDER_BREAKS_CONDITION = "order_breaks_condition"
    NEEDS_VILLAGES = "needs_villages"


@dataclass(frozen=True)
class QuestionDraft:
    """What a resident can answer: the parts of a question that answers depend on."""

    kind: QuestionKind
    options: tuple[str, ...] = ()  # option values in order
    exclusive: frozenset[str] = frozenset()
    max_choices: int | None = None
    show_if: int | None = None  # id of the question it depends on
    show_values: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Trigger:
    """The question a condition points to, as far as the condition needs to know it."""

    kind: QuestionKind
    options: tuple[str, ...]
    earlier: bool  # comes before the question being edited


def check_question(
    after: QuestionDraft,
    before: QuestionDraft | None = None,
    answered: bool = False,
    trigger: Trigger | None = None,
    used_by_others: Collection[str] = (),
    has_dependents: bool = False,
    has_villages: bool = True,
) -> list[SurveyEditProblem]:
    """Problems with a new or changed question; empty means it can be saved.

    `used_by_others` are this question's option values that later questions' conditions use;
    `has_dependents` says whether any later question depends on this one at all;
    `has_villages` whether the survey's campaign has villages to offer or map postcodes to.
    """
    problems = _shape_problems(after)
    if after.kind in (QuestionKind.VILLAGE, QuestionKind.POSTCODE) and not has_villages:
        problems.append(SurveyEditProblem.NEEDS_VILLAGES)
    if after.show_if is not None:
        problems += _condition_problems(after, trigger)
    if before is not None and answered:
        problems += _locked_problems(before, after)
    if has_dependents and after.kind not in TRIGGER_KINDS:
        problems.append(SurveyEditProblem.TRIGGERS_OTHERS)
    elif set(used_by_others) - set(after.options):
        problems.append(SurveyEditProblem.CONDITION_VALUE_IN_USE)
    return problems


def _shape_problems(draft: QuestionDraft) -> list[SurveyEditProblem]:
    if draft.kind not in CHOICE_KINDS:
        return []
    problems = []
    if len(draft.options) < 2:
        problems.append(SurveyEditProblem.OPTIONS_NEEDED)
    if len(draft.options) > MAX_OPTIONS:
        problems.append(SurveyEditProblem.TOO_MANY_OPTIONS)
    if len(set(draft.options)) != len(draft.options):
        problems.append(SurveyEditProblem.DUPLICATE_OPTION)
    if draft.max_choices is not None and not 1 <= draft.max_choices <= len(draft.options):
        problems.append(SurveyEditProblem.MAX_TOO_HIGH)
    return problems


def _condition_problems(draft: QuestionDraft, trigger: Trigger | None) -> list[SurveyEditProblem]:
    if trigger is None or not trigger.earlier or trigger.kind not in TRIGGER_KINDS:
        return [SurveyEditProblem.CONDITION_NOT_EARLIER]
    if not draft.show_values or not draft.show_values <= set(trigger.options):
        return [SurveyEditProblem.CONDITION_VALUES]
    return []


def _locked_problems(before: QuestionDraft, after: QuestionDraft) -> list[SurveyEditProblem]:
    problems = []
    if before.kind != after.kind:
        problems.append(SurveyEditProblem.KIND_LOCKED)
    elif set(before.options) != set(after.options) or before.exclusive != after.exclusive:
        problems.append(SurveyEditProblem.OPTIONS_LOCKED)
    if before.max_choices != after.max_choices:
        problems.append(SurveyEditProblem.MAX_LOCKED)
    if (before.show_if, before.show_values) != (after.show_if, after.show_values):
        problems.append(SurveyEditProblem.CONDITION_LOCKED)
    return problems


def check_delete(answered: bool, has_dependents: bool) -> list[SurveyEditProblem]:
    """A question with answers stays, and so does one that a later question depends on."""
    problems = []
    if answered:
        problems.append(SurveyEditProblem.ANSWERED)
    if has_dependents:
        problems.append(SurveyEditProblem.TRIGGERS_OTHERS)
    return problems


def check_order(order: Sequence[int], conditions: Mapping[int, int]) -> list[SurveyEditProblem]:
    """Every conditional question (id → trigger id) must still come after its trigger."""
    place = {question_id: index for index, question_id in enumerate(order)}
    broken = any(place[question] < place[trigger] for question, trigger in conditions.items())
    return [SurveyEditProblem.ORDER_BREAKS_CONDITION] if broken else []


def moved(order: Sequence[int], question_id: int, step: int) -> list[int]:
    """The order with one question moved `step` places (−1 up, +1 down), kept in bounds."""
    result = list(order)
    index = result.index(question_id)
    target = max(0, min(len(result) - 1, index + step))
    result.insert(target, result.pop(index))
    return result


def option_values(
    labels: Sequence[str], existing: Sequence[tuple[str, str]] = ()
) -> list[tuple[str, str]]:
    """(value, label) for each label; existing values stay, so answers keep their option.

    A label that already existed keeps its value, wherever it moved. A new label in the place
    of an old label that is gone is a rewording and takes over its value; any other new label
    gets a value made from it. The same label twice gets the same value (a duplicate).
    """
    kept = {label: value for value, label in existing}
    gone = [value if label not in labels else None for value, label in existing]
    made: dict[str, str] = {}
    taken = set(kept.values())
    result = []
    for position, label in enumerate(labels, start=1):
        value = kept.get(label) or made.get(label)
        if value is None and position <= len(gone) and gone[position - 1]:
            value = gone[position - 1]
        if value is None:
            value = _free_value(_value_of(label) or f"optie-{position}", taken)
        taken.add(value)
        made[label] = value
        result.append((value, label))
    return result


def _value_of(label: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:36]


def _free_value(value: str, taken: Collection[str]) -> str:
    candidate, number = value, 2
    while candidate in taken:
        candidate, number = f"{value}-{number}", number + 1
    return candidate
