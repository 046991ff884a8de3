"""Language choice: ?lang= (remembered in a cookie), else the browser's languages, else Dutch.

Polish is offered on the pages residents, village associations and session participants use;
a Polish reader gets English on the other pages (staff pages) rather than a mix. A stand's
tablet is shared: its pages follow ?lang= alone, so every new resident starts in Dutch.
"""

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from urllib.parse import urlencode

from babel.dates import format_datetime
from babel.numbers import format_decimal
from flask import Flask, Response, current_app, g, has_request_context, request
from flask_babel import get_locale, refresh
from werkzeug.datastructures import MultiDict

from participation.domain.stats import half_up, whole_percent, whole_points
from participation.domain.translations import (
    campaign_required,
    survey_required,
    text_in,
    text_languages,
)
from participation.timeutil import utc_to_local

LANG_COOKIE = "lang"


# Pages translated into every language in LANGUAGES: whole blueprints, and single endpoints.
EVERY_LANGUAGE = {"vote", "stand", "associations", "sessions", "info"}
EVERY_LANGUAGE_ENDPOINTS = {
    "surveys.form",
    "surveys.submit",
    "surveys.step",
    "surveys.thanks",
    "results.public",
    "results.outcome_page",
}
FULL_LANGUAGES = ("nl", "en")
# Pages on a device residents share (the stand's tablet): the URL alone chooses the language.
SHARED_DEVICE = {"stand"}


def select_locale() -> str:
    """The language asked for in the URL, else the remembered one, else the browser's."""
    languages = current_app.config["LANGUAGES"]
    default: str = current_app.config["BABEL_DEFAULT_LOCALE"]
    if not has_request_context():  # CLI commands and benchmarks speak Dutch
        return default
    if request.blueprint in SHARED_DEVICE:
        # Neither the tablet's own language nor the last resident's choice: Dutch first.
        chosen = request.args.get("lang") if request.args.get("lang") in languages else None
    else:
        asked = (request.args.get("lang"), request.cookies.get(LANG_COOKIE))
        chosen = next((c for c in asked if c in languages), None)
        chosen = chosen or request.accept_languages.best_match(languages)
    chosen = chosen or default
    if chosen not in FULL_LANGUAGES and not _in_every_language():
        return "en"
    if chosen not in g.get("text_languages", (chosen,)):
        # The campaign's own texts do not exist in this language: one language per page.
        return default
    return chosen


def limit_to_text_languages(languages: Iterable[str]) -> None:
    """Pages about one campaign or survey: only the languages its texts are written in.

    Call it before any text is translated; Flask-Babel's cached choice is dropped.
    """
    g.text_languages = tuple(languages)
    refresh()


def limit_to_campaign(campaign: object) -> None:
    """A page showing the campaign's title and themes: the languages they exist in."""
    limit_to_text_languages(
        text_languages(campaign_required(campaign), current_app.config["LANGUAGES"])
    )


def limit_to_survey(survey: object) -> None:
    """A page showing a survey: the languages its title, questions and options exist in."""
    limit_to_text_languages(
        text_languages(survey_required(survey), current_app.config["LANGUAGES"])
    )


def open_to_residents() -> None:
    """A resident's view of a page staff also use (a survey's public results): in every
    language, as the resident pages are. Call it before any text is translated."""
    g.every_language = True
    refresh()


def _in_every_language() -> bool:
    if g.get("every_language"):
        return True
    if request.endpoint is None:  # no such page: the error page is translated everywhere
        return True
    return request.blueprint in EVERY_LANGUAGE or request.endpoint in EVERY_LANGUAGE_ENDPOINTS


def offered_languages() -> tuple[str, ...]:
    """The languages this page can be read in, for the switch in the footer."""
    languages = current_app.config["LANGUAGES"] if _in_every_language() else FULL_LANGUAGES
    limited = g.get("text_languages", languages)
    return tuple(lang for lang in languages if lang in limited)


class MissingCatalogues(RuntimeError):
    """A production start without compiled message catalogues: every page would be English."""


def missing_catalogues(app: Flask) -> list[str]:
    """The languages (other than English, the messages' own) without a compiled catalogue."""
    folder = Path(app.root_path) / "translations"
    return [
        language
        for language in app.config["LANGUAGES"]
        if language != "en" and not (folder / language / "LC_MESSAGES" / "messages.mo").is_file()
    ]


def require_catalogues(app: Flask) -> None:
    """Refuse a production start without them, naming the command that makes them."""
    missing = missing_catalogues(app)
    if missing:
        raise MissingCatalogues(
            f"The message catalogues for {', '.join(missing)} are not compiled, so every page "
            "would be shown in English. Run `pybabel compile -d participation/translations` "
            "(or `make translations`) before starting."
        )


def register(app: Flask) -> None:
    """Remember an explicit language choice, and offer the locale to templates."""

    @app.template_filter("decimal1")
    def decimal1(value: float) -> str:
        """One decimal in the page's language, halves up: 52,5 in Dutch, 52.5 in English."""
        return format_decimal(half_up(value, 1), format="0.0", locale=str(get_locale() or "nl"))

    @app.template_filter("thousands")
    def thousands(value: int) -> str:
        """A count with the page's thousands separator: 2.295 in Dutch, 2,295 in English."""
        return format_decimal(value, format="#,##0", locale=str(get_locale() or "nl"))

    @app.template_filter("figure")
    def figure(value: float | None) -> str:
        """An indicator's figure as typed, in the page's language: 120, 12,5 or 1.234,5."""
        if value is None:
            return "–"
        return format_decimal(value, format="#,##0.######", locale=str(get_locale() or "nl"))

    @app.template_filter("points")
    def points(difference: float) -> str:
        """A difference of shares in whole percentage points with its sign: +20, −3, 0."""
        whole = whole_points(difference)
        sign = "" if whole == 0 else "+" if whole > 0 else "\u2212"
        return f"{sign}{abs(whole)}"

    @app.template_filter("percent")
    def percent(share: float) -> str:
        """A share as a whole percentage, half rounded up: 0.525 -> 53%."""
        return whole_percent(share)

    @app.template_filter("local_datetime")
    def local_datetime(value: datetime) -> str:
        """A stored (UTC) moment in local time and the page's language: 2 december 2026, 14:05."""
        local = utc_to_local(value)
        return format_datetime(local, "d MMMM y, HH:mm", locale=str(get_locale() or "nl"))

    @app.template_filter("in_language")
    def in_language(record: object, field: str) -> str:
        """A campaign or survey text in the page's language, else in Dutch."""
        return text_in(record, field, str(get_locale() or "nl"))

    @app.context_processor
    def locale_helpers() -> dict[str, object]:
        return {
            "current_locale": lambda: str(get_locale()),
            "offered_languages": offered_languages,
            "in_other_language": in_other_language,
        }

    @app.after_request
    def remember_language(response: Response) -> Response:
        chosen = request.args.get("lang")
        remembered = request.cookies.get(LANG_COOKIE)
        if chosen is not None and chosen in app.config["LANGUAGES"] and chosen != remembered:
            response.set_cookie(
                LANG_COOKIE,
                chosen,
                max_age=365 * 24 * 3600,
                samesite="Lax",
                httponly=True,
                secure=app.config.get("SESSION_COOKIE_SECURE", False),
            )
        return response


def in_other_language(code: str) -> str:
    """This page's address in another language: every query parameter kept (the poster's
    village and source, a survey step, a kiosk's state), only `lang` changed."""
    args = MultiDict(request.args)
    args.setlist("lang", [code])
    return "?" + urlencode(list(args.items(multi=True)))
