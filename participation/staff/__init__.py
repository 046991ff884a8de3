"""Staff pages: login and the campaign overview."""

from flask import Blueprint

bp = Blueprint("staff", __name__, url_prefix="/staff")

from participation.staff import routes  # noqa: E402, F401
