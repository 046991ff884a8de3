"""Leaving a group of ballots out of the results, with a reason: a burst, extras, a tablet."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateTimeLocalField,
    SelectField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    Length,
    Optional,
    ValidationError,
)

from participation.domain.text_input import strict_int
from participation.web.forms import plausible_date


class ExclusionForm(FlaskForm):
    reason = TextAreaField(
        _l("Reason"),
        description=_l("Say why, for the council and the audit log. At least 10 characters."),
        validators=[
            DataRequired(_l("Give a reason.")),
            Length(min=10, max=1000, message=_l("Use 10 to 1000 characters.")),
        ],
    )


class StandExclusionForm(ExclusionForm):
    """A stand's kiosk ballots to leave out: all tablets or one, optionally in a time window."""

    tablet = SelectField(_l("Tablet"), coerce=strict_int)
    starts_at = DateTimeLocalField(
        _l("From (optional)"), format="%Y-%m-%dT%H:%M", validators=[Optional(), plausible_date]
    )
    ends_at = DateTimeLocalField(
        _l("Until (optional)"), format="%Y-%m-%dT%H:%M", validators=[Optional(), plausible_date]
    )

    def validate_ends_at(self, field: DateTimeLocalField) -> None:
        if field.data and self.starts_at.data and field.data < self.starts_at.data:
            raise ValidationError(_l("The end must be after the start."))
