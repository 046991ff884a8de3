"""Dutch (translatable) messages for survey answer problems."""

from flask_babel import gettext as _

from participation.domain.surveys import AnswerProblem
from participation.models import Survey


def answer_message(problem: AnswerProblem, max_choices: int | None) -> str:
    messages = {
        AnswerProblem.REQUIRED: _("Please answer this question."),
        AnswerProblem.UNKNOWN_OPTION: _("Choose one of the answers given."),
        AnswerProblem.ONE_ONLY: _("Choose one answer."),
        AnswerProblem.EXCLUSIVE: _("'None of these' cannot be combined with another answer."),
        AnswerProblem.NOT_A_SCORE: _("Give a whole number from 1 to 10."),
        AnswerProblem.TOO_LONG: _("Your answer is too long: use at most 2000 characters."),
        AnswerProblem.BAD_POSTCODE: _("Give the 4 digits of your postcode, for example 9351."),
        AnswerProblem.UNKNOWN_POSTCODE: _(
            "We do not know this postcode in this municipality. Check the 4 digits."
        ),
    }
    if problem is AnswerProblem.TOO_MANY:
        return _("Choose at most %(num)d answers.", num=max_choices or 0)
    return messages[problem]


def problem_messages(
    survey: Survey, problems: dict[int, list[AnswerProblem]]
) -> dict[str, list[str]]:
    """Messages per form field name (q<id>), for the page and its error summary."""
    limits = {question.id: question.max_choices for question in survey.questions}
    return {
        f"q{question_id}": [answer_message(p, limits.get(question_id)) for p in found]
        for question_id, found in problems.items()
    }


def summary_messages(survey: Survey, messages: dict[str, list[str]]) -> dict[str, list[str]]:
    """The same messages, each naming its question ('Vraag 2: Beantwoord deze vraag.'), for
    the summary at the top, which lists them apart from the questions."""
    numbers = {f"q{question.id}": question.position for question in survey.questions}
    return {
        field: [
            _("Question %(number)d: %(message)s", number=numbers[field], message=message)
            if field in numbers
            else message
            for message in found
        ]
        for field, found in messages.items()
    }
