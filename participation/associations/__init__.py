"""Village associations reach their page through a secret invite link: /dorpsbelang/<token>."""

from flask import Blueprint

bp = Blueprint("associations", __name__, url_prefix="/dorpsbelang")

from participation.associations import routes  # noqa: E402, F401
