"""Messages for refused campaign and survey edits."""

from flask_babel import gettext as _

from participation.domain.campaign_edits import EditProblem
from participation.domain.survey_edits import SurveyEditProblem


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
        EditProblem.TOO_MANY_THEMES: _("A campaign can hold at most 63 themes."),
        EditProblem.SLUG_TAKEN: _("This short name is already in use."),
        EditProblem.MAIL_UNTESTED: _(
            "Residents can be offered e-mail only after a test e-mail went out: send one on "
            "the set-up page first. Nothing was saved."
        ),
        EditProblem.REGIONAL_PICKS: _(
            "This campaign takes part in the regional campaign, so the number of themes to "
            "pick is the region's. Nothing was saved."
        ),
        EditProblem.REGIONAL_PERIOD: _(
            "This campaign takes part in the regional campaign: give an opening and a closing "
            "time within the region's period. Nothing was saved."
        ),
        EditProblem.COMMON_THEME: _(
            "This is a common theme of the regional campaign: it stays on the ballot under its "
            "title and VNG field, so the region can compare. You can change its explanation, "
            "its translations and its place."
        ),
        EditProblem.LOCAL_THEME_TOO_LATE: _(
            "Local themes can be added to a regional campaign only before it opens."
        ),
    }
    return " ".join(texts[problem] for problem in problems)


def survey_refused_message(problem: SurveyEditProblem) -> str:
    """Why a survey edit was refused, and what staff can still do."""
    texts = {
        SurveyEditProblem.KIND_LOCKED: _(
            "Residents have answered this question, so its type can no longer change. "
            "Make a new question instead."
        ),
        SurveyEditProblem.OPTIONS_LOCKED: _(
            "Residents have answered this question, so answer options can no longer be "
            "added, removed or made exclusive. "
            "You can still correct their wording and order."
        ),
        SurveyEditProblem.MAX_LOCKED: _(
            "Residents have answered this question, so the most answers to tick "
            "can no longer change."
        ),
        SurveyEditProblem.CONDITION_LOCKED: _(
            "Residents have answered this question, so its condition can no longer change."
        ),
        SurveyEditProblem.ANSWERED: _(
            "Residents have answered this question, so it cannot be deleted: its answers "
            "would be lost."
        ),
        SurveyEditProblem.TRIGGERS_OTHERS: _(
            "A later question is shown only after an answer to this question. "
            "Change that question's condition first."
        ),
        SurveyEditProblem.OPTIONS_NEEDED: _("Give at least two answer options, one per line."),
        SurveyEditProblem.TOO_MANY_OPTIONS: _("Give at most 30 answer options."),
        SurveyEditProblem.DUPLICATE_OPTION: _("Each answer option may appear only once."),
        SurveyEditProblem.MAX_TOO_HIGH: _(
            "The most answers to tick cannot be more than the number of options."
        ),
        SurveyEditProblem.CONDITION_NOT_EARLIER: _(
            "A question can only depend on an earlier choice question."
        ),
        SurveyEditProblem.CONDITION_VALUES: _(
            "Tick the answers after which this question is shown."
        ),
        SurveyEditProblem.CONDITION_VALUE_IN_USE: _(
            "A later question is shown after an answer you removed. "
            "Change that question's condition first."
        ),
        SurveyEditProblem.ORDER_BREAKS_CONDITION: _(
            "A question that depends on another must stay after it."
        ),
        SurveyEditProblem.NEEDS_VILLAGES: _(
            "A village or postcode question needs a survey that belongs to a campaign "
            "with villages."
        ),
    }
    return texts[problem]
