"""Dutch (translatable) messages for a survey release that is not possible now."""

from flask_babel import gettext as _

from participation.services.surveys.survey_releases import ReleaseProblem, SurveyReleaseRefused


def release_problem_message(problem: ReleaseProblem, questions: list[str]) -> str:
    """Why no release of the survey's figures is possible now."""
    if problem is ReleaseProblem.NOTHING_NEW:
        return _("No release now: no one has answered since the last release.")
    if problem is ReleaseProblem.QUESTION:
        return _(
            "No release now: the answers to %(questions)s cannot yet be shown without letting "
            "someone work out what fewer than 5 residents answered. Wait for more responses.",
            questions=", ".join(f"“{text}”" for text in questions),
        )
    return _(
        "No release now: fewer than 5 residents answered since the last release, so comparing "
        "the two would show what those few answered. Wait until there are at least 5 new ones."
    )


def release_refused_message(refused: SurveyReleaseRefused) -> str:
    """Why the release was refused; nothing was changed."""
    problem = refused.problems[0] if refused.problems else ReleaseProblem.TOO_FEW
    return release_problem_message(problem, refused.questions)
