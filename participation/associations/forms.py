"""The association's view: up to six themes in ranked order, each with a reason."""

from collections.abc import Iterable
from typing import cast

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import Length

from participation.domain.priorities import MAX_REASON, MAX_VIEW_THEMES
from participation.domain.text_input import strict_int
from participation.models import Theme


class ViewForm(FlaskForm):
    remarks = TextAreaField(_l("General remarks (optional)"), validators=[Length(max=4000)])

    def places(self) -> list[tuple[SelectField, StringField]]:
        # The places are set on the class below (setattr), out of a type checker's sight.
        return [
            (cast(SelectField, self[f"theme_{n}"]), cast(StringField, self[f"reason_{n}"]))
            for n in range(1, MAX_VIEW_THEMES + 1)
        ]

    def ranking(self) -> list[tuple[int, str]]:
        """The chosen themes in order, skipping empty places."""
        return [(theme.data, reason.data or "") for theme, reason in self.places() if theme.data]


for _n in range(1, MAX_VIEW_THEMES + 1):
    setattr(
        ViewForm, f"theme_{_n}", SelectField(_l("Place %(n)d", n=_n), coerce=strict_int, default=0)
    )
    setattr(
        ViewForm,
        f"reason_{_n}",
        StringField(_l("Reason for place %(n)d", n=_n), validators=[Length(max=MAX_REASON)]),
    )


def view_form(themes: Iterable[Theme], **kwargs: object) -> ViewForm:
    form = ViewForm(**kwargs)
    for theme, _reason in form.places():
        theme.choices = [(0, "–"), *((t.id, t.title) for t in themes)]
    return form
