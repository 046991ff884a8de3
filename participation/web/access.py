"""Finding what a URL names (or a 404), and who may see results: staff, or anyone once published."""

from collections.abc import Container
from typing import TypeVar

from flask import abort, request
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response

from participation.domain.result_data import CampaignResults, Comparison
from participation.domain.trust import LEVELS
from participation.domain.vocabulary import Channel
from participation.models import Campaign, StaffRole, Stand, Survey
from participation.services import ownership
from participation.services.outcome import cycles, outcome
from participation.services.results import releases
from participation.services.results.counting import campaign_results
from participation.web.roles import allowed

CHANNELS = {channel.value for channel in Channel}


M = TypeVar("M")

# What a view returns: a page, a response, or a page with its status.
Page = str | Response | tuple[str, int]


def owned_or_404(model: type[M], row_id: int, **belongs_to: object) -> M:
    """The row of `model` with this id that belongs where the URL says, or a 404.

    `belongs_to` names what the row must hold, e.g. campaign_id=campaign.id: a row of another
    campaign (or, after issue 29, another municipality) answers 404 like a missing one, so
    ids reveal nothing. The rule itself is services.ownership.owned, which services given
    ids in forms or files use too; issue 29 adds its municipality check there, in one place.
    """
    row = ownership.owned(model, row_id, **belongs_to)
    if row is None:
        abort(404)
    return row


def campaign_or_404(slug: str) -> Campaign:
    campaign = ownership.campaign(slug)
    if campaign is None:
        abort(404)
    return campaign


def campaign_of(row: object) -> Campaign:
    """The campaign a row from owned_or_404 belongs to (a goal's, an action's, an indicator's)."""
    campaign = ownership.campaign_of(row)
    if campaign is None:
        abort(404)
    return campaign


def sees_unreleased() -> bool:
    """Whether this visitor reads what is not public yet (today's counts, drafts, previews,
    split counts): any staff role does, viewers included; the public does not."""
    return allowed(StaffRole.VIEWER)


def survey_or_404(slug: str) -> Survey:
    """The survey with this short name, drafts included (for staff views), or a 404."""
    survey = ownership.survey(slug)
    if survey is None:
        abort(404)
    return survey


def stand_or_404(stand_id: int) -> Stand:
    return owned_or_404(Stand, stand_id)


def readable_campaign(slug: str) -> Campaign:
    """The campaign if this visitor may read its results; 404 otherwise, to hide drafts."""
    campaign = campaign_or_404(slug)
    if not (sees_unreleased() or campaign.results_published):
        abort(404)
    return campaign


UNKNOWN_COMPARISON = _l("There is no campaign with that short name to compare with.")


def requested_comparison(campaign: Campaign, results: CampaignResults) -> Comparison | None:
    """?vergelijk=<slug>: the change since that campaign; a 400 when it cannot be read."""
    slug = request.args.get("vergelijk")
    if not slug:
        return None
    previous = ownership.campaign(slug)
    if previous is None or previous is campaign:
        abort(400, description=UNKNOWN_COMPARISON)
    if not (sees_unreleased() or previous.results_published):
        abort(400, description=UNKNOWN_COMPARISON)
    if sees_unreleased():
        return cycles.compare_with(campaign, results, previous)
    then = releases.released_results(previous)
    if then is None:
        abort(400, description=UNKNOWN_COMPARISON)
    return cycles.compare_with(campaign, results, previous, then)


def readable_outcome(slug: str) -> Campaign:
    """The campaign once its outcome is published; staff may preview it. 404 otherwise."""
    campaign = campaign_or_404(slug)
    if not (sees_unreleased() or outcome.is_published(campaign)):
        abort(404)
    return campaign


STAFF_ONLY_FILTER = _l(
    "Results split by channel or trust level are for staff only: comparing them with the "
    "whole would show what a few residents chose."
)


def trust_filter() -> str | None:
    """?vertrouwen=stand|code|device limits counts to that level and surer ones; 400 if unknown."""
    return _filter("vertrouwen", LEVELS)


def channel_filter() -> str | None:
    """?kanaal=web|qr|stand|paper limits counts to one channel; 400 if unknown."""
    return _filter("kanaal", CHANNELS)


def _filter(name: str, allowed: Container[str]) -> str | None:
    value = request.args.get(name) or None
    if value is None:
        return None
    if value not in allowed:
        abort(400)
    # A filtered count beside the public whole gives back the small group left out.
    if not sees_unreleased():
        abort(400, description=STAFF_ONLY_FILTER)
    return value


NOTHING_RELEASED = _l(
    "No figures have been released yet. The municipality releases them when enough residents "
    "have voted."
)


def results_for_viewer(
    campaign: Campaign, channel: str | None = None, min_trust: str | None = None
) -> CampaignResults:
    """Staff see today's counts; the public sees the latest release (results.releases), and a
    404 before the first one."""
    if sees_unreleased():
        return campaign_results(campaign, channel, min_trust)
    released = releases.released_results(campaign)
    if released is None:
        abort(404, description=NOTHING_RELEASED)
    return released


def readable_survey(slug: str) -> Survey:
    """The survey if this visitor may read its results: staff, or its campaign published."""
    survey = ownership.survey(slug)
    published = survey is not None and survey.campaign and survey.campaign.results_published
    if survey is None or not (sees_unreleased() or published):
        abort(404)
    return survey
