"""The form for a campaign's or survey's texts in another language, one field per Dutch text."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import StringField, TextAreaField
from wtforms.validators import Length, Optional

from participation.services.translations import TextItem
from participation.web.text_forms import TextsForm

FIELD_LABELS = {
    "title": _l("Title"),
    "intro": _l("Introduction"),
    "explanation": _l("Explanation"),
    "text": _l("Question"),
    "help": _l("Help text"),
    "label": _l("Answer option"),
}


def texts_form(items: list[TextItem], language: str) -> TextsForm:
    """A form with a field per item, labelled by what it is, the Dutch text as its hint."""

    class Form(TextsForm):
        pass

    for item in items:
        kind = TextAreaField if item.long else StringField
        setattr(
            Form,
            item.key,
            kind(
                FIELD_LABELS[item.field],
                validators=[
                    Optional(),
                    Length(max=item.max_length, message=_l("Use at most %(max)d characters.")),
                ],
                description=_l("Dutch: %(text)s", text=item.dutch) if item.dutch else "",
                default=item.current(language),
            ),
        )
    return Form()
