"""Messages for refused campaign edits."""

from flask_babel import gettext as _

from participation.domain.campaign_edits import EditProblem


def refused_message(problems: list[EditProblem]) -> str:
    texts = {
        EditProblem.PICK_RULE_LOCKED: _(
            "Ballots have been cast, so the number of themes to pick can no longer change."
        ),
        EditProblem.THEMES_LOCKED: _(
            "Ballots have been cast, so themes can no longer be added or removed. "
            "You can still correct their wording."
        ),
        EditProblem.VILLAGE_HAS_BALLOTS: _(
            "A village with ballots cannot be taken out of the campaign."
        ),
    }
    return " ".join(texts[problem] for problem in problems)
