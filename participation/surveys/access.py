"""Which survey a resident may open, and whether a stand's tablet sent them."""

from __future__ import annotations

from flask import abort, request

from participation.i18n import limit_to_survey
from participation.models import Stand, Survey
from participation.services import ownership
from participation.services.ballots import kiosk
from participation.web.access import sees_unreleased


def survey_or_404(slug: str) -> Survey:
    """The survey; a draft only for staff, who preview it."""
    survey = ownership.survey(slug)
    if survey is None or (survey.status == "draft" and not sees_unreleased()):
        abort(404)
    limit_to_survey(survey)
    return survey


def kiosk_stand() -> Stand | None:
    """The stand whose tablet sent the resident here (?kiosk=<token>), while its link works."""
    token = request.args.get("kiosk")
    stand = kiosk.stand_for_token(token) if token else None
    return stand if stand is not None and stand.kiosk_state() == "open" else None
