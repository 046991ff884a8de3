"""The stand kiosk: a tablet at a village stand, opened with the stand's secret link."""

from flask import Blueprint

bp = Blueprint("stand", __name__, url_prefix="/stand")

from participation.stand import routes  # noqa: E402, F401
