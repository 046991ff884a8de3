"""The resident ballot at /v/<slug>, and hearing the outcome by e-mail."""

from flask import Blueprint

bp = Blueprint("vote", __name__, url_prefix="/v")

from participation.vote import follow_up_routes, routes  # noqa: E402, F401
