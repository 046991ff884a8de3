"""The resident ballot at /v/<slug>."""

from flask import Blueprint

bp = Blueprint("vote", __name__, url_prefix="/v")

from participation.vote import routes  # noqa: E402, F401
