"""Language choice: Dutch by default, English on request (?lang=en, remembered in a cookie)."""

from flask import Flask, Response, current_app, has_request_context, request
from flask_babel import get_locale

LANG_COOKIE = "lang"


def select_locale() -> str:
    """The language asked for in the URL, else the remembered one, else Dutch."""
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # CLI commands and benchmarks speak Dutch
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    for candidate in (request.args.get("lang"), request.cookies.get(LANG_COOKIE)):
        if candidate in languages:
            return candidate
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def register(app: Flask) -> None:
    """Remember an explicit language choice, and offer the locale to templates."""

    @app.context_processor
    def locale_helpers() -> dict:
        return {"current_locale": lambda: str(get_locale())}

    @app.after_request
    def remember_language(response: Response) -> Response:
        chosen = request.args.get("lang")
        if chosen in app.config["LANGUAGES"] and chosen != request.cookies.get(LANG_COOKIE):
            response.set_cookie(LANG_COOKIE, chosen, max_age=365 * 24 * 3600, samesite="Lax")
        return response
