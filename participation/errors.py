"""Error pages in the visitor's language, and a log line for each."""

import logging

from flask import Flask, jsonify, redirect, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError, InternalError, OperationalError
from werkzeug.exceptions import HTTPException

from participation.extensions import db
from participation.web.links import renamed_campaign_url

log = logging.getLogger(__name__)

MESSAGES = {
    400: (_l("Something went wrong"), _l("We could not process this request. Please try again.")),
    403: (_l("No access"), _l("You do not have access to this page.")),
    404: (_l("Page not found"), _l("This page does not exist. Check the link and try again.")),
    405: (_l("Not possible"), _l("This action is not possible on this page.")),
    413: (_l("Too much data"), _l("What you sent is too large. Please try again with less.")),
    429: (
        _l("Too many attempts"),
        _l(
            "Too many attempts came from your internet connection in a short time. Wait a "
            "minute and try again. Nothing you sent earlier has been lost."
        ),
    ),
    500: (_l("Something went wrong"), _l("An error occurred on our side. Please try again later.")),
    503: (
        _l("Saving is not possible right now"),
        _l(
            "We cannot store anything at this moment. What you just sent has not been counted "
            "and nothing stored earlier is lost. Go back and send it again in a few minutes."
        ),
    ),
}


def render_error(code: int, title: str | None = None, text: str | None = None) -> tuple[str, int]:
    default_title, default_text = MESSAGES.get(code, MESSAGES[500])
    return (
        render_template(
            "errors/error.html", title=title or default_title, text=text or default_text
        ),
        code,
    )


def register(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError) -> tuple[str, int]:
        log.info("form refused: %s", error.description)
        return render_error(
            400,
            _l("The form has expired"),
            _l(
                "For your safety this form was no longer valid. Go back, reload the page and "
                "try again."
            ),
        )

    @app.errorhandler(OperationalError)
    @app.errorhandler(InternalError)  # PostgreSQL in read-only mode, among others
    def database_unavailable(error: DBAPIError) -> tuple[str, int, dict[str, str]]:
        """The database is down, restarting, read-only or full: say so, keep what is stored."""
        db.session.rollback()
        log.error("database unavailable on %s: %s", request.endpoint, _first_line(error.orig))
        page, status = render_error(503)
        return page, status, {"Retry-After": "60"}

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> ResponseReturnValue:
        code = error.code or 500
        if code >= 500 or code == 413:
            log.warning("%s on request: %s", code, error.description)
        elif code == 429:
            log.warning("rate limit reached on %s (%s)", request.endpoint, error.description)
        if code == 404 and (moved := renamed_campaign_url()):
            return redirect(moved, code=308)  # a printed link with an earlier short name
        code = code if code in MESSAGES else 400
        # Our own abort(code, description=_l(...)) says what went wrong; Werkzeug's English
        # default descriptions are plain strings and give way to the page's own text.
        text = str(error.description) if isinstance(error.description, LazyString) else None
        if request.is_json or request.path.startswith("/api/"):
            return jsonify(error=text or str(MESSAGES[code][1])), code
        return render_error(code, text=text)


def _first_line(error: object) -> str:
    """The database's own message, first line only (no SQL, no parameters, no personal data)."""
    return str(error).strip().splitlines()[0][:200] if error else "unknown"
