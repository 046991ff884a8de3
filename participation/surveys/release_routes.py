"""Staff release a survey's figures to the public: the button under the results page."""

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from participation.models import StaffRole
from participation.services.surveys import survey_releases
from participation.surveys import bp
from participation.surveys.release_messages import release_refused_message
from participation.surveys.results_page import results_page
from participation.web.access import Page, readable_survey
from participation.web.forms import ConfirmForm
from participation.web.roles import role_required


@bp.post("/<slug>/vrijgeven")
@role_required(StaffRole.STAFF)
def release(slug: str) -> Page:
    """Release every response so far to the public, or say why not and change nothing."""
    survey = readable_survey(slug)
    if not ConfirmForm().validate_on_submit():
        flash(_("The form had expired; nothing was released. Try again."), "error")
        return redirect(url_for("surveys.results", slug=slug), code=303)
    try:
        row = survey_releases.release(survey, current_user)
    except survey_releases.SurveyReleaseRefused as refused:
        flash(release_refused_message(refused), "error")
        return results_page(survey, None, 409)
    if survey.campaign and survey.campaign.results_published:
        flash(_("Release %(number)d is public now.", number=row.number), "success")
    else:
        flash(
            _(
                "Release %(number)d is ready. The public sees it once the campaign's results "
                "are public.",
                number=row.number,
            ),
            "success",
        )
    return redirect(url_for("surveys.results", slug=slug, _anchor="vrijgeven"), code=303)
