"""JSON API (v1) and the health check."""

from flask import Blueprint

bp = Blueprint("api", __name__)

from participation.api import routes  # noqa: E402, F401
