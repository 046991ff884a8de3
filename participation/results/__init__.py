"""Results pages and downloads, and what came of them (the outcome)."""

from flask import Blueprint

bp = Blueprint("results", __name__, url_prefix="/results")

from participation.results import (  # noqa: E402, F401
    outcome_routes,
    release_routes,
    report_routes,
    routes,
)
