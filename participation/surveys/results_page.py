"""The survey results page: today's counts for staff, with what a release would show; the
latest release for the public (services.surveys.survey_releases)."""

from __future__ import annotations

from flask import abort, render_template, request
from flask_babel import get_locale

from participation.domain.translations import SOURCE_LANGUAGE, text_in
from participation.i18n import limit_to_survey, open_to_residents
from participation.models import PublicRelease, Survey
from participation.services.surveys import survey_releases, survey_results, survey_splits
from participation.services.surveys.survey_counts import SPLIT_KINDS, VILLAGE, dimension
from participation.surveys.release_messages import release_problem_message
from participation.web.access import Page, sees_unreleased
from participation.web.forms import ConfirmForm


def for_residents(survey: Survey) -> None:
    """The public's page: in the resident's language, as far as the survey is written in it
    (Dutch otherwise), as the survey itself. Before any text is translated."""
    open_to_residents()
    limit_to_survey(survey)


def release_for_viewer(survey: Survey) -> PublicRelease | None:
    """None for staff, who see today's counts; the latest release for the public, and a 404
    (saying why) before the first."""
    if sees_unreleased():
        return None
    release = survey_releases.latest(survey)
    if release is None:
        abort(404, description=survey_releases.NOT_RELEASED)
    return release


def results_page(survey: Survey, release: PublicRelease | None, status: int = 200) -> Page:
    """Per question: counts and percentages of those who answered, with the base shown.

    ?per=dorp splits every closed question by village, ?per=<question id> by that question
    (for the public: a question with one answer each, as the release shows its answers).
    The public reads the questions and answers in the page's language (see for_residents);
    staff keep the Dutch they wrote.
    """
    public = release is not None
    language = str(get_locale() or SOURCE_LANGUAGE) if public else SOURCE_LANGUAGE
    closed = [q for q in survey.questions if q.kind in survey_splits.CLOSED]
    if release is not None:
        closed = [q for q in closed if dimension(q) in release.blocks]
    splits = [q for q in closed if not public or q.kind in SPLIT_KINDS]
    by_village = release is None or VILLAGE in release.blocks
    split = request.args.get("per", "")
    by = next((q for q in splits if str(q.id) == split), None)
    tabs = {}
    if (split == "dorp" and by_village) or by is not None:
        tabs = {
            q.id: survey_splits.cross_tab(survey, q, by, public, release=release, language=language)
            for q in closed
            if q is not by
        }
    preview = survey_releases.preview(survey) if sees_unreleased() else None
    page = render_template(
        "surveys/results.html",
        survey=survey,
        results=survey_results.survey_results(survey, public, release=release, language=language),
        title=text_in(survey, "title", language),
        taal=None if language == SOURCE_LANGUAGE else language,  # for the files it links to
        confirm=ConfirmForm(),
        closed=[(q, text_in(q, "text", language)) for q in splits],
        by_village=by_village,
        split=split,
        tabs=tabs,
        preview=preview,
        why_not=release_problem_message(preview.problem, preview.stuck)
        if preview and preview.problem
        else None,
        done=survey_releases.releases(survey) if preview else [],
    )
    return page, status
