"""Texts in other languages: Dutch per field, a language only when its required texts exist."""

from __future__ import annotations

from types import SimpleNamespace

from participation.domain.translations import (
    campaign_required,
    text_in,
    text_languages,
    with_text,
)


def _theme(title: str, **translations: dict[str, str]) -> SimpleNamespace:
    return SimpleNamespace(title=title, explanation="Uitleg", translations=translations)


def test_a_missing_field_falls_back_to_dutch_alone() -> None:
    theme = _theme("Brandveiligheid", en={"title": "Fire safety"})
    assert text_in(theme, "title", "en") == "Fire safety"
    assert text_in(theme, "explanation", "en") == "Uitleg"
    assert text_in(theme, "title", "pl") == "Brandveiligheid"
    assert text_in(theme, "title", "nl") == "Brandveiligheid"


def test_a_language_is_offered_only_when_every_title_exists() -> None:
    themes = [_theme("A", en={"title": "A"}, pl={"title": "A"}), _theme("B", en={"title": " "})]
    campaign = SimpleNamespace(title="T", translations={"en": {"title": "T"}}, themes=themes)
    assert text_languages(campaign_required(campaign), ("nl", "en", "pl")) == ("nl",)
    themes[1].translations = {"en": {"title": "B"}}
    assert text_languages(campaign_required(campaign), ("nl", "en", "pl")) == ("nl", "en")


def test_saving_blank_removes_the_field_and_an_empty_language() -> None:
    saved = with_text({"en": {"title": "Old"}}, "en", {"title": "  New ", "intro": ""})
    assert saved == {"en": {"title": "New"}}
    assert with_text(saved, "en", {"title": ""}) == {}
    assert with_text(None, "pl", {"title": "Tytuł"}) == {"pl": {"title": "Tytuł"}}
