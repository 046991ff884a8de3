"""Results pages and downloads, and what came of them (the outcome)."""

from flask import Blueprint

bp = Blueprint("results", __name__, url_prefix="/results")

from participation.results import outcome_routes, release_routes, routes  # noqa: E402, F401
