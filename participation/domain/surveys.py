"""What makes a survey response valid: question types, conditions, choices, postcodes.

Pure rules on plain values. A response is checked as a whole; any problem means nothing of
it is stored.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from participation.domain.stats import half_up
from participation.domain.text_input import parse_number


class QuestionKind(enum.StrEnum):
    SINGLE = "single"  # one option
    MULTIPLE = "multiple"  # several options, optionally at most `max_choices`
    YES_SOMETIMES_NO = "ysn"  # ja / soms / nee
    SCORE = "score"  # rapportcijfer 1-10
    TEXT = "text"  # open answer
    VILLAGE = "village"  # one of the campaign's villages
    POSTCODE = "postcode"  # 4 digits, mapped to a village and then forgotten


YES_SOMETIMES_NO = (("ja", "Ja"), ("soms", "Soms"), ("nee", "Nee"))
MAX_TEXT = 2000
POSTCODE = re.compile(r"^\s*([1-9][0-9]{3})\s*([A-Za-z]{2})?\s*$")


class AnswerProblem(enum.Enum):
    REQUIRED = "required"
    UNKNOWN_OPTION = "unknown_option"
    TOO_MANY = "too_many"
    ONE_ONLY = "one_only"
    EXCLUSIVE = "exclusive"  # "none of these" together with another option
    NOT_A_SCORE = "not_a_score"
    TOO_LONG = "too_long"
    BAD_POSTCODE = "bad_postcode"
    UNKNOWN_POSTCODE = "unknown_postcode"


@dataclass(frozen=True)
class OptionRule:
    value: str
    exclusive: bool = False


@dataclass(frozen=True)
class QuestionRule:
    """A question as the rules see it; options by value (for villages: the village slugs)."""

    id: int
    kind: QuestionKind
    required: bool = False
    options: Sequence[OptionRule] = ()
    max_choices: int | None = None
    # Shown only when the question `show_if` was answered with one of `show_values`.
    show_if: int | None = None
    show_values: frozenset[str] = frozenset()


@dataclass
class CheckedResponse:
    """Clean answers per question id (option values, a score, a text or a village slug)."""

    answers: dict[int, list[str]] = field(default_factory=dict)
    village: str | None = None  # from a village or postcode question
    problems: dict[int, list[AnswerProblem]] = field(default_factory=dict)


def option_values(question: QuestionRule) -> list[str]:
    if question.kind is QuestionKind.YES_SOMETIMES_NO:
        return [value for value, _ in YES_SOMETIMES_NO]
    return [option.value for option in question.options]


def is_visible(question: QuestionRule, answers: Mapping[int, list[str]]) -> bool:
    """A conditional question is visible when its trigger question has one of its values."""
    if question.show_if is None:
        return True
    return bool(set(answers.get(question.show_if, [])) & question.show_values)


def postcode_village(
    raw: str, postcodes: Mapping[str, str]
) -> tuple[str | None, AnswerProblem | None]:
    """The village for a typed postcode ('7921 AB', '7921ab', '7921'), by its 4 digits only."""
    match = POSTCODE.match(raw or "")
    if not match:
        return None, AnswerProblem.BAD_POSTCODE
    village = postcodes.get(match.group(1))
    return (village, None) if village else (None, AnswerProblem.UNKNOWN_POSTCODE)


def check_response(
    questions: Sequence[QuestionRule],
    raw: Mapping[int, list[str]],
    postcodes: Mapping[str, str] | None = None,
) -> CheckedResponse:
    """Check every answer in question order; conditions use the answers checked before them.

    Empty strings count as no answer. An answer to a question that its condition hides is
    left out, not refused: without JavaScript the follow-up stays on the page, and a radio
    button once ticked cannot be cleared, so a resident who changed the earlier answer could
    otherwise never send the form. The page says the follow-up counts only with that answer.
    """
    result = CheckedResponse()
    for question in questions:
        given = [value.strip() for value in raw.get(question.id, []) if value.strip()]
        problems = _check_one(question, given, result, postcodes or {})
        if problems:
            result.problems[question.id] = problems
    return result


def _check_one(
    question: QuestionRule,
    given: list[str],
    result: CheckedResponse,
    postcodes: Mapping[str, str],
) -> list[AnswerProblem]:
    if not is_visible(question, result.answers):
        return []  # not asked: whatever was ticked is left out
    if not given:
        return [AnswerProblem.REQUIRED] if question.required else []
    kind = question.kind
    if kind is QuestionKind.TEXT:
        if len(given) > 1 or len(given[0]) > MAX_TEXT:
            return [AnswerProblem.TOO_LONG]
    elif kind is QuestionKind.SCORE:
        score = parse_number(given[0])
        if len(given) > 1 or score is None or not 1 <= score <= 10:
            return [AnswerProblem.NOT_A_SCORE]
    elif kind is QuestionKind.POSTCODE:
        village, problem = postcode_village(given[0], postcodes)
        if problem:
            return [problem]
        result.village = village
        result.answers[question.id] = []  # the postcode itself is never kept
        return []
    else:
        problems = _check_choices(question, given)
        if problems:
            return problems
        if kind is QuestionKind.VILLAGE:
            result.village = given[0]
    result.answers[question.id] = given
    return []


def _check_choices(question: QuestionRule, given: list[str]) -> list[AnswerProblem]:
    allowed = option_values(question)
    if any(value not in allowed for value in given) or len(set(given)) != len(given):
        return [AnswerProblem.UNKNOWN_OPTION]
    if question.kind is not QuestionKind.MULTIPLE:
        return [AnswerProblem.ONE_ONLY] if len(given) > 1 else []
    exclusive = {option.value for option in question.options if option.exclusive}
    if len(given) > 1 and exclusive & set(given):
        return [AnswerProblem.EXCLUSIVE]
    if question.max_choices is not None and len(given) > question.max_choices:
        return [AnswerProblem.TOO_MANY]
    return []


@dataclass(frozen=True)
class OptionResult:
    label: str
    count: int | None  # None: hidden from the public (domain.disclosure)
    percent: float | None  # of the question's base, one decimal


def percentages(counts: Sequence[tuple[str, int]], base: int) -> list[OptionResult]:
    """Counts with their percentage of `base`: the respondents who answered the question.

    For a multiple-choice question the percentages may add up to more than 100.
    """
    return [OptionResult(label, count, percent(count, base)) for label, count in counts]


def percent(count: int, base: int) -> float:
    """100 × count / base to one decimal, halves rounded up as a reader would (52.45 → 52.5)."""
    if not base:
        return 0.0
    return float(half_up(Fraction(100 * count, base), 1))


def mean_mark(counts: Mapping[int, int]) -> float | None:
    """The average of 1–10 marks (mark → how many gave it), to one decimal, halves up
    (7.25 → 7.3): worked out on the exact fraction, not a float. None without marks."""
    total = sum(counts.values())
    if not total:
        return None
    return float(half_up(Fraction(sum(mark * n for mark, n in counts.items()), total), 1))
