"""The outcome's settings, the implementation programme (goals, actions, their updates) and
the next cycle."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from participation.domain.programme import WRITTEN_PROGRESS, check_plan_period
from participation.domain.text_input import strict_int
from participation.staff.forms.common import SLUG_RULE, required_number
from participation.web.choices import SelectChoice
from participation.web.forms import DecimalNumberField, WholeNumberField, plausible_date
from participation.web.labels import ACTION_LABELS, DIRECTION_LABELS, PROGRESS_LABELS, choices

NOTE = Length(max=500)


class OutcomeForm(FlaskForm):
    session = SelectField(_l("The session whose decisions are the outcome"), coerce=strict_int)
    decided_on = DateField(
        _l("Date of the council's decision"),
        validators=[Optional(), plausible_date],
    )
    summary = TextAreaField(
        _l("A few words to residents"),
        description=_l("Shown above the priorities, for example how the council decided."),
        validators=[Length(max=2000)],
    )
    shows_views = BooleanField(_l("Show the village associations' views on the outcome page"))
    plan_first_year = required_number(_l("The plan runs from"), low=2000, high=2100)
    plan_last_year = required_number(_l("up to and including"), low=2000, high=2100)

    def validate_plan_last_year(self, field: WholeNumberField) -> None:
        first, last = self.plan_first_year.data, field.data
        if isinstance(first, int) and isinstance(last, int) and not check_plan_period(first, last):
            raise ValidationError(_l("A plan runs one to eight years, from its first year."))


class GoalForm(FlaskForm):
    theme = SelectField(_l("Priority"), coerce=strict_int)
    description = TextAreaField(
        _l("Goal"),
        description=_l("For example: 'In 2030 zijn er minder dan 90 woninginbraken per jaar.'"),
        validators=[DataRequired(_l("Describe the goal.")), Length(max=1000)],
    )
    kind = RadioField(
        _l("Kind of goal"),
        choices=[
            SelectChoice("measurable", _l("Measurable: an indicator with a baseline and a target")),
            SelectChoice("written", _l("Written: staff record how it stands")),
        ],
        default="written",
        validators=[InputRequired(_l("Choose the kind of goal."))],
    )
    indicator = SelectField(_l("Indicator"), coerce=str, default="")
    new_indicator = StringField(
        _l("Name of the new indicator"),
        description=_l("For example: Woninginbraken (aangiften bij de politie)"),
        validators=[Length(max=200, message=_l("Use at most %(max)d characters."))],
    )
    new_indicator_source = StringField(
        _l("Source"),
        description=_l("For example: Politie, veiligheidsanalyse 2023"),
        validators=[Length(max=200, message=_l("Use at most %(max)d characters."))],
    )
    baseline_year = WholeNumberField(_l("Baseline year"), validators=[Optional()])
    baseline_value = DecimalNumberField(_l("Baseline value"))
    target_year = WholeNumberField(_l("Target year"), validators=[Optional()])
    target_value = DecimalNumberField(_l("Target value"))
    direction = RadioField(
        _l("Which way is better"),
        choices=choices(DIRECTION_LABELS),
        default="down",
        validators=[InputRequired(_l("Choose which way is better."))],
    )

    def validate_new_indicator(self, field: StringField) -> None:
        measurable = self.kind.data == "measurable"
        if measurable and self.indicator.data and (field.data or "").strip():
            raise ValidationError(_l("Choose an existing indicator or name a new one, not both."))


class ActionForm(FlaskForm):
    theme = SelectField(_l("Priority"), coerce=strict_int)
    what = StringField(
        _l("Action"),
        description=_l("For example: 'Voorlichtingsavond over woninginbraak in elk dorp'"),
        validators=[DataRequired(_l("Describe the action.")), Length(max=300)],
    )
    partner = StringField(
        _l("Partner"),
        description=_l("Police, Halt, the housing association, a municipal team…"),
        validators=[DataRequired(_l("Name the partner who carries it out.")), Length(max=120)],
    )
    due_on = DateField(_l("When"), validators=[Optional(), plausible_date])


class ActionUpdateForm(FlaskForm):
    on = DateField(_l("Date"), validators=[InputRequired(_l("Give the date.")), plausible_date])
    status = SelectField(_l("Status"), choices=choices(ACTION_LABELS))
    note = StringField(_l("Note"), validators=[NOTE])


class GoalStatusForm(FlaskForm):
    on = DateField(_l("Date"), validators=[InputRequired(_l("Give the date.")), plausible_date])
    status = SelectField(
        _l("Status"),
        choices=[SelectChoice(p.value, PROGRESS_LABELS[p.value]) for p in WRITTEN_PROGRESS],
    )
    note = StringField(
        _l("Explanation"), validators=[DataRequired(_l("Explain the status.")), NOTE]
    )


class IndicatorValueForm(FlaskForm):
    year = required_number(_l("Year"), low=1900, high=2100)
    value = DecimalNumberField(_l("Value"), validators=[InputRequired(_l("Enter the value."))])

    def validate_value(self, field: DecimalNumberField) -> None:
        # Only spaces pass InputRequired but give no number; a number that could not be read
        # already says so.
        if field.data is None and not field.process_errors:
            raise ValidationError(_l("Enter the value."))


class NextCycleForm(FlaskForm):
    slug = StringField(
        _l("Short name in the link"),
        description=_l("For example veiligheid-2031: residents see /v/veiligheid-2031."),
        validators=[DataRequired(_l("Enter a short name.")), SLUG_RULE],
    )
    title = StringField(
        _l("Title"), validators=[DataRequired(_l("Enter a title.")), Length(max=200)]
    )
