"""The privacy and accessibility statements, the municipality's logo and house colour, and the
short link on the feedback poster."""

from __future__ import annotations

import hashlib

from flask import Response, abort, current_app, redirect, render_template, request, url_for
from flask_babel import get_locale
from werkzeug.wrappers import Response as BaseResponse

from participation import caches, tenancy
from participation.domain.house_style import DEFAULT_COLOUR, web_logo
from participation.info import bp
from participation.services import municipality


def _statement(name: str) -> str:
    language = str(get_locale() or "nl")
    if language not in current_app.config["LANGUAGES"]:
        language = "nl"
    return render_template(
        f"info/{name}.{language}.html",
        retention_days=municipality.retention_days(),
        confirm_days=current_app.config["FOLLOW_UP_CONFIRM_DAYS"],
    )


@bp.get("/privacy")
def privacy() -> str:
    return _statement("privacy")


@bp.get("/toegankelijkheid")
def accessibility() -> str:
    return _statement("toegankelijkheid")


@bp.get("/u/<slug>")
def outcome_short_link(slug: str) -> BaseResponse:
    """The feedback poster's short link, for people who type it: on to the outcome page."""
    return redirect(url_for("results.outcome_page", slug=slug))


@bp.app_context_processor
def municipality_look() -> dict[str, object]:
    """Every page shows the municipality's name, colour, logo and contact line."""
    return {"look": municipality.current(), "default_colour": DEFAULT_COLOUR}


def _cached(response: Response) -> Response:
    """A year when the URL names the current version (it changes with every save)."""
    current = request.args.get("v") == str(municipality.current().version)
    response.headers["Cache-Control"] = (
        "public, max-age=31536000, immutable" if current else "public, max-age=300"
    )
    return response


@bp.get("/huisstijl.css")
def house_style() -> Response:
    """The house colour as CSS variables: the policy allows no inline style on pages."""
    look = municipality.current()
    css = f":root {{ --brand: {look.colour}; --brand-dark: {look.colour_dark}; }}\n"
    return _cached(Response(css, mimetype="text/css"))


@bp.get("/logo")
def logo() -> Response:
    """The logo, made small for pages (print uses the uploaded one); served so that it
    could not run anything even when opened on its own."""
    found = municipality.logo()
    if found is None:
        abort(404)
    response = Response(_small_logo(found[0]), mimetype=found[1])
    response.headers["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    )
    return _cached(response)


def _small_logo(uploaded: bytes) -> bytes:
    """The page logo, made once per uploaded logo (per worker), not on every request."""
    made = caches.cache("small_logo")
    owner = tenancy.current_id()
    key = (owner, hashlib.sha256(uploaded).hexdigest())
    if key not in made:
        for old in [k for k in made if k[0] == owner]:
            del made[old]  # only each municipality's current logo is ever asked for
        made[key] = web_logo(uploaded)
    small: bytes = made[key]
    return small
