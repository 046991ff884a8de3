"""Staff pages: campaigns, stands, surveys, associations, sessions and the audit log."""

from flask import Blueprint

bp = Blueprint("staff", __name__, url_prefix="/staff")

from participation.staff import (  # noqa: E402, F401
    account_routes,
    area_routes,
    association_routes,
    campaign_routes,
    code_routes,
    indicator_routes,
    install_address_routes,
    install_data_routes,
    install_region_routes,
    install_routes,
    job_routes,
    municipality_routes,
    old_paths,
    outcome_routes,
    paper_routes,
    programme_routes,
    qr_routes,
    regional_routes,
    routes,
    session_routes,
    setup_routes,
    signal_routes,
    stand_routes,
    survey_edit_routes,
    survey_routes,
    text_routes,
    theme_routes,
)
