"""Statements every resident can read: privacy (privacyverklaring) and accessibility."""

from flask import Blueprint

bp = Blueprint("info", __name__)

from participation.info import routes  # noqa: E402, F401
