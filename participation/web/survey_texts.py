"""The language of a survey's results files (?taal=): the survey's own, else Dutch."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from flask import current_app, request
from flask_babel import force_locale, gettext

from participation.domain.translations import SOURCE_LANGUAGE, survey_required, text_languages
from participation.models import Survey
from participation.renderers.words import DUTCH, Words
from participation.web import labels

FILE_LANGUAGE = "taal"


def _asked() -> bool:
    return FILE_LANGUAGE in request.args


def file_language(survey: Survey) -> str:
    """The language ?taal= asks for, when the survey's texts exist in it; else Dutch."""
    asked = request.args.get(FILE_LANGUAGE)
    offered = text_languages(survey_required(survey), current_app.config["LANGUAGES"])
    return asked if asked in offered else SOURCE_LANGUAGE


@contextmanager
def in_file_language(survey: Survey) -> Iterator[str]:
    """Within: the survey's texts in file_language (which it yields), the file's own words
    too. Without ?taal= the files read as they always did: the survey's texts in Dutch."""
    if not _asked():
        yield SOURCE_LANGUAGE
        return
    language = file_language(survey)
    with force_locale(language):
        yield language


def mean_word() -> str:
    """The answer of a CSV's row with the mean mark: Dutch, unless ?taal= asked."""
    return gettext("average") if _asked() else "gemiddelde"


def chart_words(language: str) -> Words:
    """A survey chart's words in the language ?taal= asked for (none: Dutch), as the
    campaign's charts get theirs (web.labels.chart_words)."""
    return labels.chart_words(language) if _asked() else DUTCH
