"""The privacy and accessibility statements, in the visitor's language (Dutch by default)."""

from __future__ import annotations

from flask import current_app, render_template
from flask_babel import get_locale

from participation.info import bp


def _statement(name: str) -> str:
    language = str(get_locale() or "nl")
    if language not in current_app.config["LANGUAGES"]:
        language = "nl"
    return render_template(
        f"info/{name}.{language}.html",
        retention_days=current_app.config["RETENTION_DAYS"],
    )


@bp.get("/privacy")
def privacy() -> str:
    return _statement("privacy")


@bp.get("/toegankelijkheid")
def accessibility() -> str:
    return _statement("toegankelijkheid")
