"""Residents answer surveys at /s/<slug>."""

from flask import Blueprint

bp = Blueprint("surveys", __name__, url_prefix="/s")

from participation.surveys import release_routes, routes, steps  # noqa: E402, F401
from participation.surveys.messages import summary_messages  # noqa: E402

# The error summary names each question ("Vraag 2: ..."), on one page and on a step.
bp.add_app_template_global(summary_messages, "summary_errors")
