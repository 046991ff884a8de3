"""Who may see a campaign's results: logged-in staff, or anyone once they are published."""

from flask import abort, request
from flask_login import current_user
from sqlalchemy import select

from participation.domain.trust import LEVELS
from participation.extensions import db
from participation.models import Campaign, Survey


def campaign_or_404(slug: str) -> Campaign:
    campaign = db.session.scalar(select(Campaign).where(Campaign.slug == slug))
    if campaign is None:
        abort(404)
    return campaign


def readable_campaign(slug: str) -> Campaign:
    """The campaign if this visitor may read its results; 404 otherwise, to hide drafts."""
    campaign = campaign_or_404(slug)
    if not (current_user.is_authenticated or campaign.results_published):
        abort(404)
    return campaign


def trust_filter() -> str | None:
    """?vertrouwen=stand|code|device limits counts to that level and surer ones; 400 if unknown."""
    level = request.args.get("vertrouwen") or None
    if level is not None and level not in LEVELS:
        abort(400)
    return level


def readable_survey(slug: str) -> Survey:
    """The survey if this visitor may read its results: staff, or its campaign published."""
    survey = db.session.scalar(select(Survey).where(Survey.slug == slug))
    published = survey is not None and survey.campaign and survey.campaign.results_published
    if survey is None or not (current_user.is_authenticated or published):
        abort(404)
    return survey
