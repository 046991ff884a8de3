"""A region's campaign named in a region page's URL: found in the host's region, or a 404."""

from __future__ import annotations

from flask import abort

from participation import tenancy
from participation.models import RegionalCampaign
from participation.services.regions import campaigns


def regional_campaign_or_404(slug: str) -> RegionalCampaign:
    """The host's region's campaign with this short name. A region's pages run with no
    municipality chosen (web/tenant refuses them elsewhere); were one chosen, the lookup
    would read as that municipality's, so it finds nothing."""
    found = campaigns.by_slug(slug) if tenancy.chosen_id() is None else None
    if found is None:
        abort(404)
    return found
