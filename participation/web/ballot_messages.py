"""Dutch (translatable) messages for ballot problems, keyed by the form field they belong to."""

from flask_babel import gettext as _
from flask_babel import ngettext

from participation.domain.ballots import BallotProblem, PickRule


def _count_message(rule: PickRule, picked: int) -> str:
    if rule.min_picks == rule.max_picks:
        return ngettext(
            "Choose exactly %(num)d themes. You have chosen %(picked)d.",
            "Choose exactly %(num)d themes. You have chosen %(picked)d.",
            rule.max_picks,
            picked=picked,
        )
    return _(
        "Choose between %(low)d and %(high)d themes. You have chosen %(picked)d.",
        low=rule.min_picks,
        high=rule.max_picks,
        picked=picked,
    )


def problem_messages(
    problems: list[BallotProblem], rule: PickRule, picked: int
) -> dict[str, list[str]]:
    """Map each problem to a clear message next to the field it concerns."""
    messages: dict[str, list[str]] = {}
    for problem in problems:
        if problem in (BallotProblem.TOO_FEW, BallotProblem.TOO_MANY):
            field, text = "theme", _count_message(rule, picked)
        elif problem is BallotProblem.DUPLICATE_THEME:
            field, text = "theme", _("You chose a theme twice. Choose each theme only once.")
        elif problem is BallotProblem.UNKNOWN_THEME:
            field, text = (
                "theme",
                _("One of the chosen themes is not part of this vote. Choose from the list."),
            )
        elif problem is BallotProblem.MISSING_VILLAGE:
            field, text = "village", _("Choose the village where you live.")
        else:
            field, text = "village", _("We do not know this village. Choose one from the list.")
        messages.setdefault(field, []).append(text)
    return messages
