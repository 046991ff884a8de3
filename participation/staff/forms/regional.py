"""The form with which a municipality adopts its region's campaign."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateTimeLocalField, StringField
from wtforms.validators import DataRequired, InputRequired, ValidationError

from participation.domain.text_input import strict_int
from participation.staff.forms.common import SLUG_RULE, CheckboxList
from participation.web.forms import plausible_date


class AdoptionForm(FlaskForm):
    slug = StringField(
        _l("Short name in the link"),
        description=_l(
            "For example veiligheid-2027: residents vote on the region's address, under your "
            "municipality's short name: …/<municipality>/v/veiligheid-2027."
        ),
        validators=[DataRequired(_l("Enter a short name.")), SLUG_RULE],
    )
    opens_at = DateTimeLocalField(
        _l("Opens at"),
        format="%Y-%m-%dT%H:%M",
        validators=[InputRequired(_l("Enter a date and time.")), plausible_date],
    )
    closes_at = DateTimeLocalField(
        _l("Closes at"),
        format="%Y-%m-%dT%H:%M",
        validators=[InputRequired(_l("Enter a date and time.")), plausible_date],
    )
    villages = CheckboxList(_l("Villages in scope"), coerce=strict_int)

    def validate_closes_at(self, field: DateTimeLocalField) -> None:
        if field.data and self.opens_at.data and field.data <= self.opens_at.data:
            raise ValidationError(_l("The closing time must be after the opening time."))
