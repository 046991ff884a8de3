"""Prioritisation session forms: the session, the shortlist, decisions."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    ValidationError,
)

from participation.domain.text_input import strict_int
from participation.staff.forms.common import SAFETY_FIELD_CHOICES, required_number
from participation.web.choices import SelectChoice


class SessionForm(FlaskForm):
    title = StringField(
        _l("Title"),
        default=_l("Prioritisation session"),
        validators=[DataRequired(_l("Enter a title.")), Length(max=200)],
    )
    dots = required_number(
        _l("Dots per participant per round"),
        default=3,
        low=1,
        high=10,
    )
    top = required_number(
        _l("Themes from the top of the total on the shortlist"),
        default=6,
        low=1,
        high=20,
    )
    extra = required_number(
        _l("At most this many themes that stand out in a village"),
        default=3,
        low=0,
        high=10,
    )


class ShortlistAddForm(FlaskForm):
    theme = SelectField(_l("Theme"), coerce=strict_int)
    reason = StringField(
        _l("Why it belongs on the shortlist"),
        validators=[DataRequired(_l("Give a reason.")), Length(max=500)],
    )


class DecisionForm(FlaskForm):
    theme = SelectField(_l("Theme"), coerce=strict_int)
    chosen = RadioField(
        _l("Decision"),
        choices=[
            SelectChoice("yes", _l("Chosen as a priority")),
            SelectChoice("no", _l("Not chosen")),
        ],
        validators=[InputRequired(_l("Choose a decision."))],
    )
    rationale = TextAreaField(
        _l("Reason"),
        description=_l("Why, in words the safety plan can quote; refer to the figures."),
        validators=[
            DataRequired(_l("Give a reason.")),
            Length(min=10, max=4000, message=_l("Use 10 to 4000 characters.")),
        ],
    )
    safety_field = SelectField(
        _l("VNG safety field (for a chosen priority)"),
        coerce=strict_int,
        choices=[
            SelectChoice("0", _l("Not applicable")),
            *SAFETY_FIELD_CHOICES,
        ],
    )

    def validate_safety_field(self, field: SelectField) -> None:
        # The safety plan groups its priorities by VNG safety field, so a priority needs one.
        if self.chosen.data == "yes" and not field.data:
            raise ValidationError(_l("Choose the VNG safety field of this priority."))
