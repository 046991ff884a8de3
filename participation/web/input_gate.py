"""The input gate: every request's text is checked once, where it enters the app.

A control character in the address (a slug, a token, a filter) is refused with a 400: no
link we print or show contains one. In form fields and JSON strings they are stripped, so a
resident's pasted text keeps the rest. JSON must parse and nest at most MAX_JSON_DEPTH deep.
Views, forms and services then only ever see text a database, a spreadsheet and a PDF can hold.
"""

from __future__ import annotations

import json
import logging

from flask import Flask, abort, request
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import ImmutableMultiDict

from participation.domain.text_input import (
    MAX_JSON_DEPTH,
    clean_json,
    has_control_characters,
    json_depth,
    strip_control_characters,
)

log = logging.getLogger(__name__)

BAD_ADDRESS = _l(
    "The web address contains a character we cannot read. Check the link or type it again."
)
BAD_JSON = _l("What was sent could not be read. Nothing has been stored.")


def register(app: Flask) -> None:
    app.before_request(check_input)


def check_input() -> None:
    """Refuse a bad address or JSON body; strip control characters from form fields."""
    address = [request.path, *(part for pair in request.args.items(multi=True) for part in pair)]
    if any(has_control_characters(part) for part in address):
        log.info("refused: a control character in the address (%s)", request.endpoint)
        abort(400, description=BAD_ADDRESS)
    if request.method not in ("POST", "PUT", "PATCH"):
        return
    if request.is_json:
        _check_json()
    elif request.form:
        _clean_form()


def _clean_form() -> None:
    items = list(request.form.items(multi=True))
    cleaned = [(strip_control_characters(k), strip_control_characters(v)) for k, v in items]
    if cleaned != items:
        log.info("removed control characters from a form (%s)", request.endpoint)
        # Werkzeug caches the parsed form in the request's __dict__; replace it there.
        request.__dict__["form"] = ImmutableMultiDict(cleaned)


def _check_json() -> None:
    try:
        payload = json.loads(request.get_data(cache=True))
    except (ValueError, RecursionError):
        log.info("refused: a JSON body that does not parse (%s)", request.endpoint)
        abort(400, description=BAD_JSON)
    if json_depth(payload) > MAX_JSON_DEPTH:
        log.info("refused: a JSON body nested too deeply (%s)", request.endpoint)
        abort(400, description=BAD_JSON)
    payload = clean_json(payload)
    # What request.get_json() returns from now on, silent or not.
    request._cached_json = (payload, payload)
