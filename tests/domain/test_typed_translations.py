"""Staff-typed texts: an empty Dutch one needs no translation; a changed one loses its own."""

from __future__ import annotations

from types import SimpleNamespace

from participation.domain.translations import text_languages, typed_required, without_field


def test_an_empty_dutch_text_does_not_hold_a_language_back() -> None:
    summary = SimpleNamespace(summary="  ", translations={})
    reason = SimpleNamespace(rationale="Veel stemmen.", translations={"en": {"rationale": "Many"}})
    required = typed_required([(summary, "summary"), (reason, "rationale")])
    assert required == [(reason, "rationale")]
    assert text_languages(required, ("nl", "en", "pl")) == ("nl", "en")


def test_a_changed_text_loses_that_field_in_every_language_and_nothing_else() -> None:
    given = {"en": {"what": "Evening", "partner": "Police"}, "pl": {"what": "Wieczór"}}
    assert without_field(given, "what") == {"en": {"partner": "Police"}}
    assert given["pl"] == {"what": "Wieczór"}  # a new mapping; the old one is untouched
    assert without_field(None, "what") == {}
