"""The region's own pages on its host: regional campaigns, results, the partner view."""

from flask import Blueprint

bp = Blueprint("region", __name__, url_prefix="/regio")

from participation.region import routes  # noqa: E402, F401
