"""Staff pages: login, campaigns, themes, stands and the audit log."""

from flask import Blueprint

bp = Blueprint("staff", __name__, url_prefix="/staff")

from participation.staff import (  # noqa: E402, F401
    campaign_routes,
    code_routes,
    paper_routes,
    qr_routes,
    routes,
    signal_routes,
    stand_routes,
    survey_edit_routes,
    survey_routes,
)
