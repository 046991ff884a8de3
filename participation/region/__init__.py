"""The region's own pages on its host: regional campaigns, results, the partner view."""

from flask import Blueprint

bp = Blueprint("region", __name__, url_prefix="/regio")

from participation.region import (  # noqa: E402, F401
    campaign_routes,
    figure_routes,
    partner_routes,
    plan_programme_routes,
    plan_routes,
    plan_text_routes,
    report_routes,
    results_routes,
    routes,
)
