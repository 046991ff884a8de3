"""The input gate: every request's text is checked once, where it enters the app.

A control character in the address (a slug, a token, a filter) is refused with a 400: no
link we print or show contains one. In form fields and JSON strings they are stripped, so a
resident's pasted text keeps the rest. JSON must parse and nest at most MAX_JSON_DEPTH deep.
Views, forms and services then only ever see text a database, a spreadsheet and a PDF can hold.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, abort, current_app, request
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
F = TypeVar("F", bound=Callable[..., Any])
LINE_CONTROLS = {"\r", "\n", "\t"}

BAD_ADDRESS = _l(
    "The web address contains a character we cannot read. Check the link or type it again."
)
BAD_JSON = _l("What was sent could not be read. Nothing has been stored.")


def register(app: Flask) -> None:
    # First of all hooks: CSRF protection reads the form too, and reading it past the limit
    # is a 413 before any view could raise the limit.
    app.before_request_funcs.setdefault(None, []).insert(0, _upload_limit)
    app.before_request(check_input)


def allows_upload(max_bytes: int) -> Callable[[F], F]:
    """Let this view take a request body of up to `max_bytes` (an upload); every other view
    keeps the app's MAX_CONTENT_LENGTH. Put it right under the route decorator."""

    def mark(view: F) -> F:
        view.__dict__["upload_limit"] = max_bytes  # read back by _upload_limit
        return view

    return mark


def _upload_limit() -> None:
    view = current_app.view_functions.get(request.endpoint or "")
    limit = getattr(view, "upload_limit", None)
    if limit is not None:
        request.max_content_length = limit


def check_input() -> None:
    """Refuse a bad address or JSON body; strip control characters from form fields."""
    address = [request.path, *(part for pair in request.args.items(multi=True) for part in pair)]
    # A line break or tab has no place in an address either (text fields may hold them).
    if any(has_control_characters(part) or LINE_CONTROLS & set(part) for part in address):
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
