"""Campaign and survey texts in other languages: Dutch is the source, each field falls back to it.

A translatable record keeps its Dutch text in its own columns and the other languages in a
`translations` mapping, {"en": {"title": "..."}, "pl": {...}}. A language is offered for a
campaign (or survey) only when every text a resident must read exists in it; optional texts
such as an intro or a help line fall back to Dutch one field at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol

SOURCE_LANGUAGE = "nl"

Translations = Mapping[str, Mapping[str, str]]


class Translatable(Protocol):
    translations: dict[str, dict[str, str]]


def text_in(record: object, field: str, language: str) -> str:
    """The field in the language when given there, else the Dutch text."""
    given = (getattr(record, "translations", None) or {}).get(language) or {}
    text: str = given.get(field) or getattr(record, field)
    return text


def has_text(record: Translatable, field: str, language: str) -> bool:
    return bool(((record.translations or {}).get(language) or {}).get(field, "").strip())


def complete_in(required: Iterable[tuple[Translatable, str]], language: str) -> bool:
    """Whether every (record, field) a resident must read is given in the language."""
    if language == SOURCE_LANGUAGE:
        return True
    return all(has_text(record, field, language) for record, field in required)


def text_languages(
    required: Iterable[tuple[Translatable, str]], offered: Iterable[str]
) -> tuple[str, ...]:
    """The offered languages whose required texts all exist; Dutch always."""
    needed = list(required)
    return tuple(lang for lang in offered if complete_in(needed, lang))


def with_text(
    translations: Translations | None, language: str, values: Mapping[str, str]
) -> dict[str, dict[str, str]]:
    """A new mapping with the language's fields set; blank values are removed (fall back)."""
    result = {lang: dict(fields) for lang, fields in (translations or {}).items()}
    fields = result.setdefault(language, {})
    for field, value in values.items():
        value = value.strip()
        if value:
            fields[field] = value
        else:
            fields.pop(field, None)
    if not fields:
        del result[language]
    return result


def campaign_required(campaign: Any) -> list[tuple[Translatable, str]]:
    """What a resident must read of a campaign: its title and every theme's title."""
    return [(campaign, "title"), *((theme, "title") for theme in campaign.themes)]


def survey_required(survey: Any) -> list[tuple[Translatable, str]]:
    """What a resident must read of a survey: its title, the questions and their options."""
    required: list[tuple[Translatable, str]] = [(survey, "title")]
    for question in survey.questions:
        required.append((question, "text"))
        required.extend((option, "label") for option in question.options)
    return required


def typed_required(required: Iterable[tuple[Translatable, str]]) -> list[tuple[Translatable, str]]:
    """Of texts staff type (an outcome's summary, a reason), those written in Dutch: an empty
    one has nothing to translate and does not hold a language back."""
    return [(record, field) for record, field in required if (getattr(record, field) or "").strip()]


def without_field(translations: Translations | None, field: str) -> dict[str, dict[str, str]]:
    """A new mapping with the field removed in every language: its Dutch text changed, so what
    was translated from the old one no longer says the same (the language waits for it)."""
    result = {
        lang: {k: v for k, v in fields.items() if k != field}
        for lang, fields in (translations or {}).items()
    }
    return {lang: fields for lang, fields in result.items() if fields}
