"""Forms for typed texts in another language, one field per Dutch text (staff and region)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import Length, Optional

from participation.services.translations import TextItem


class TextsForm(FlaskForm):
    """Filled in per page: see staff.forms.texts.texts_form and outcome_texts_form."""


# What each outcome text is, for the form that takes it in another language.
OUTCOME_TEXT_LABELS = {
    "summary": _l("A few words to residents"),
    "rationale": _l("Reason"),
    "description": _l("Goal"),
    "what": _l("Action"),
    "partner": _l("Partner"),
}


def outcome_texts_form(items: list[TextItem], language: str) -> TextsForm:
    """A field per outcome text, the Dutch as its hint; a blank one falls back to Dutch."""

    class Form(TextsForm):
        pass

    for item in items:
        hint = (
            _l("Dutch: %(text)s", text=item.dutch)
            if item.required
            else _l("Dutch: %(text)s. May stay empty, for a name.", text=item.dutch)
        )
        kind = TextAreaField if item.long else StringField
        rule = Length(max=item.max_length, message=_l("Use at most %(max)d characters."))
        field = kind(
            OUTCOME_TEXT_LABELS[item.field],
            validators=[Optional(), rule],
            description=hint,
            default=item.current(language),
        )
        setattr(Form, item.key, field)
    return Form()
