"""Staff pages: login, campaigns, themes, stands and the audit log."""

from flask import Blueprint

bp = Blueprint("staff", __name__, url_prefix="/staff")

from participation.staff import campaign_routes, routes, stand_routes  # noqa: E402, F401
