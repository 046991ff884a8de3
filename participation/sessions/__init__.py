"""Participants join a prioritisation session on their own phone: /sessie."""

from flask import Blueprint

bp = Blueprint("sessions", __name__, url_prefix="/sessie")

from participation.sessions import routes  # noqa: E402, F401
