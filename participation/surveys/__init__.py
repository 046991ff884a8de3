"""Residents answer surveys at /s/<slug>."""

from flask import Blueprint

bp = Blueprint("surveys", __name__, url_prefix="/s")

from participation.surveys import routes, steps  # noqa: E402, F401
