"""Campaign and survey texts in other languages: what there is to translate, and saving it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from participation.domain.translations import (
    SOURCE_LANGUAGE,
    Translatable,
    campaign_required,
    complete_in,
    has_text,
    survey_required,
    with_text,
)
from participation.extensions import db
from participation.models import Campaign, Option, Question, StaffUser, Survey, Theme
from participation.services import audit


@dataclass(frozen=True)
class TextItem:
    """One Dutch text and the field that holds it in another language."""

    key: str  # form field name, e.g. 'theme-12-title'
    record: Translatable
    field: str
    group: int  # the theme's or question's position; 0 for the campaign or survey itself
    dutch: str
    max_length: int
    long: bool  # a text area rather than one line
    required: bool  # the language is only offered once this exists

    def current(self, language: str) -> str:
        return (self.record.translations or {}).get(language, {}).get(self.field, "")


def _item(
    record: Campaign | Theme | Survey | Question | Option,
    kind: str,
    field: str,
    group: int,
    max_length: int,
    required: bool,
    long: bool = False,
) -> TextItem:
    """An item keyed by record kind and id, so a reordered theme keeps its texts."""
    key = f"{kind}-{record.id}-{field}"
    dutch = getattr(record, field) or ""
    return TextItem(key, record, field, group, dutch, max_length, long, required)


def campaign_items(campaign: Campaign) -> list[TextItem]:
    """The campaign's title and intro, and each theme's title and explanation."""
    items = [
        _item(campaign, "campaign", "title", 0, 200, True),
        _item(campaign, "campaign", "intro", 0, 2000, False, long=True),
    ]
    for theme in campaign.themes:
        group = theme.position
        items.append(_item(theme, "theme", "title", group, 120, True))
        if theme.explanation:
            items.append(_item(theme, "theme", "explanation", group, 300, False))
    return items


def survey_items(survey: Survey) -> list[TextItem]:
    """The survey's title and intro, each question's text and help, and its options."""
    items = [
        _item(survey, "survey", "title", 0, 200, True),
        _item(survey, "survey", "intro", 0, 2000, False, long=True),
    ]
    for question in survey.questions:
        group = question.position
        items.append(_item(question, "question", "text", group, 300, True))
        if question.help:
            items.append(_item(question, "question", "help", group, 300, False))
        items.extend(
            _item(option, "option", "label", group, 200, True) for option in question.options
        )
    return [item for item in items if item.dutch or item.required]


def missing(items: list[TextItem], language: str) -> list[TextItem]:
    """The required texts not yet given in the language: why it is not offered yet."""
    return [i for i in items if i.required and not has_text(i.record, i.field, language)]


def campaign_complete(campaign: Campaign, language: str) -> bool:
    return complete_in(campaign_required(campaign), language)


def survey_complete(survey: Survey, language: str) -> bool:
    return complete_in(survey_required(survey), language)


def other_languages(
    offered: list[str] | tuple[str, ...], complete: Callable[[str], bool]
) -> list[tuple[str, bool]]:
    """Each language besides Dutch, with whether residents are offered it yet."""
    return [(lang, complete(lang)) for lang in offered if lang != SOURCE_LANGUAGE]


def save(
    items: list[TextItem], language: str, values: dict[str, str], actor: StaffUser, about: str
) -> int:
    """Store the texts given for the language (blank ones fall back to Dutch); how many changed."""
    by_record: dict[int, tuple[Translatable, dict[str, str]]] = {}
    changed = 0
    for item in items:
        value = (values.get(item.key) or "").strip()
        if value != item.current(language):
            changed += 1
        by_record.setdefault(id(item.record), (item.record, {}))[1][item.field] = value
    for record, fields in by_record.values():
        record.translations = with_text(record.translations, language, fields)
    audit.record(actor, "texts.save", about, f"{language}: {changed} changed")
    db.session.commit()
    return changed
