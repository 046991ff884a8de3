"""Results pages and downloads."""

from flask import Blueprint

bp = Blueprint("results", __name__, url_prefix="/results")

from participation.results import routes  # noqa: E402, F401
