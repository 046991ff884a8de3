"""The coordinator's forms on the region's host: the regional campaign and its common themes."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateTimeLocalField, SelectField, StringField, TextAreaField
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Regexp,
    ValidationError,
)

from participation.domain.text_input import strict_int
from participation.web.forms import WholeNumberField, plausible_date
from participation.web.labels import SAFETY_FIELD_LABELS, choices

RANGE_MESSAGE = _l("Enter a number from %(min)s to %(max)s.")


def _picks(label: str) -> WholeNumberField:
    return WholeNumberField(
        label,
        default=6,
        validators=[
            InputRequired(_l("Enter a number.")),
            NumberRange(1, 40, message=RANGE_MESSAGE),
        ],
    )


def _moment(label: str) -> DateTimeLocalField:
    return DateTimeLocalField(
        label,
        format="%Y-%m-%dT%H:%M",
        validators=[InputRequired(_l("Enter a date and time.")), plausible_date],
    )


class RegionalCampaignForm(FlaskForm):
    slug = StringField(
        _l("Short name"),
        description=_l("For example ivp-2027; each municipality chooses its own link."),
        validators=[
            DataRequired(_l("Enter a short name.")),
            Regexp(
                r"^[a-z0-9][a-z0-9-]{1,59}$",
                message=_l("Use 2 to 60 lowercase letters, digits and hyphens."),
            ),
        ],
    )
    title = StringField(
        _l("Title"), validators=[DataRequired(_l("Enter a title.")), Length(max=200)]
    )
    intro = TextAreaField(_l("Introduction for residents"), validators=[Length(max=2000)])
    min_picks = _picks(_l("Fewest themes to pick"))
    max_picks = _picks(_l("Most themes to pick"))
    period_starts = _moment(_l("Period starts"))
    period_ends = _moment(_l("Period ends"))

    def validate_max_picks(self, field: WholeNumberField) -> None:
        if self.min_picks.data and field.data is not None and field.data < self.min_picks.data:
            raise ValidationError(_l("The most must be at least the fewest."))

    def validate_period_ends(self, field: DateTimeLocalField) -> None:
        if field.data and self.period_starts.data and field.data <= self.period_starts.data:
            raise ValidationError(_l("The period must end after it starts."))


class CommonThemeForm(FlaskForm):
    title = StringField(
        _l("Title"), validators=[DataRequired(_l("Enter a title.")), Length(max=120)]
    )
    explanation = StringField(
        _l("One-line explanation in plain Dutch"),
        validators=[DataRequired(_l("Enter an explanation.")), Length(max=300)],
    )
    safety_field = SelectField(
        _l("VNG safety field"), coerce=strict_int, choices=choices(SAFETY_FIELD_LABELS)
    )
