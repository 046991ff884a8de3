"""The coordinator's forms for the regional session, the outcome, the common programme and
the previous cycle."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from participation.domain.programme import WRITTEN_PROGRESS, check_plan_period
from participation.domain.text_input import strict_int
from participation.web.choices import SelectChoice
from participation.web.forms import DecimalNumberField, WholeNumberField, plausible_date
from participation.web.labels import (
    ACTION_LABELS,
    DIRECTION_LABELS,
    PROGRESS_LABELS,
    SAFETY_FIELD_LABELS,
    choices,
)

NOTE = Length(max=500)


def _plan_year(label: str) -> WholeNumberField:
    validators = [
        InputRequired(_l("Enter a number.")),
        NumberRange(2000, 2100, message=_l("Enter a number from %(min)s to %(max)s.")),
    ]
    return WholeNumberField(label, validators=validators)


class RegionalSessionForm(FlaskForm):
    title = StringField(
        _l("Title"),
        default=_l("Regional prioritisation session"),
        validators=[DataRequired(_l("Enter a title.")), Length(max=200)],
    )
    held_on = DateField(_l("Date of the session"), validators=[Optional(), plausible_date])
    place = StringField(_l("Place"), validators=[Length(max=200)])
    notes = TextAreaField(
        _l("Who took part"),
        description=_l("For example: the councils, village associations and the police."),
        validators=[Length(max=4000)],
    )


class RegionalDecisionForm(FlaskForm):
    kind = RadioField(
        _l("For whom"),
        choices=[
            SelectChoice("common", _l("Common: a priority of the whole region")),
            SelectChoice("local", _l("Local: a priority of one municipality")),
        ],
        validators=[InputRequired(_l("Choose common or local."))],
    )
    # Both checked by the service, which says in words what does not fit.
    municipality = SelectField(
        _l("Municipality (for a local priority)"), coerce=str, validate_choice=False
    )
    theme = SelectField(_l("Theme"), coerce=str, validate_choice=False)
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
        choices=[SelectChoice("0", _l("Not applicable")), *choices(SAFETY_FIELD_LABELS)],
    )

    def validate_safety_field(self, field: SelectField) -> None:
        if self.chosen.data == "yes" and not field.data:
            raise ValidationError(_l("Choose the VNG safety field of this priority."))


class RegionalOutcomeForm(FlaskForm):
    session = SelectField(_l("The session whose decisions are the outcome"), coerce=strict_int)
    decided_on = DateField(
        _l("Date of the councils' decision"), validators=[Optional(), plausible_date]
    )
    summary = TextAreaField(
        _l("A few words to residents"),
        description=_l("Shown above the priorities, for example how the councils decided."),
        validators=[Length(max=2000)],
    )
    plan_first_year = _plan_year(_l("The plan runs from"))
    plan_last_year = _plan_year(_l("up to and including"))

    def validate_plan_last_year(self, field: WholeNumberField) -> None:
        first, last = self.plan_first_year.data, field.data
        if isinstance(first, int) and isinstance(last, int) and not check_plan_period(first, last):
            raise ValidationError(_l("A plan runs one to eight years, from its first year."))


class CommonGoalForm(FlaskForm):
    theme = SelectField(_l("Common priority"), coerce=strict_int)
    description = TextAreaField(
        _l("Goal"), validators=[DataRequired(_l("Describe the goal.")), Length(max=1000)]
    )
    kind = RadioField(
        _l("Kind of goal"),
        choices=[
            SelectChoice(
                "measurable", _l("Measurable: a regional indicator with a baseline and a target")
            ),
            SelectChoice("written", _l("Written: the coordinator records how it stands")),
        ],
        default="written",
        validators=[InputRequired(_l("Choose the kind of goal."))],
    )
    indicator = SelectField(_l("Indicator"), coerce=str, default="")
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


class CommonActionForm(FlaskForm):
    theme = SelectField(_l("Common priority"), coerce=strict_int)
    what = StringField(
        _l("Action"), validators=[DataRequired(_l("Describe the action.")), Length(max=300)]
    )
    partner = StringField(
        _l("Partner"),
        description=_l("The police base team, the RIEC, one of the municipalities…"),
        validators=[DataRequired(_l("Name the partner who carries it out.")), Length(max=120)],
    )
    due_on = DateField(_l("When"), validators=[Optional(), plausible_date])


class CommonActionUpdateForm(FlaskForm):
    on = DateField(_l("Date"), validators=[InputRequired(_l("Give the date.")), plausible_date])
    status = SelectField(_l("Status"), choices=choices(ACTION_LABELS))
    note = StringField(_l("Note"), validators=[NOTE])


class CommonGoalStatusForm(FlaskForm):
    on = DateField(_l("Date"), validators=[InputRequired(_l("Give the date.")), plausible_date])
    status = SelectField(
        _l("Status"),
        choices=[SelectChoice(p.value, PROGRESS_LABELS[p.value]) for p in WRITTEN_PROGRESS],
    )
    note = StringField(
        _l("Explanation"), validators=[DataRequired(_l("Explain the status.")), NOTE]
    )


class PreviousCycleForm(FlaskForm):
    # Checked by the service (services.regions.regional_cycles.candidates), in words.
    previous = SelectField(
        _l("The previous cycle of this campaign"), coerce=str, validate_choice=False
    )
