"""Survey forms: make, open or close, duplicate, settings, questions."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from participation.domain.text_input import strict_int
from participation.staff.forms.common import RANGE_MESSAGE, SLUG_RULE, STATUS_CHOICES
from participation.web.choices import SelectChoice
from participation.web.forms import WholeNumberField


class NewSurveyForm(FlaskForm):
    template = SelectField(_l("Start from"))
    slug = StringField(
        _l("Short name for the link"),
        description=_l("Residents open the survey at /s/vragenlijst-leek-2027, for example."),
        validators=[DataRequired(_l("Enter a short name.")), SLUG_RULE],
    )
    campaign = SelectField(_l("Campaign"), coerce=strict_int)


class SurveyStatusForm(FlaskForm):
    status = SelectField(
        _l("Status"),
        choices=STATUS_CHOICES,
    )


class DuplicateSurveyForm(FlaskForm):
    slug = StringField(
        _l("Short name of the copy"),
        validators=[DataRequired(_l("Enter a short name.")), SLUG_RULE],
    )


class SurveySettingsForm(FlaskForm):
    title = StringField(
        _l("Title"), validators=[DataRequired(_l("Enter a title.")), Length(max=200)]
    )
    intro = TextAreaField(_l("Introduction for residents"), validators=[Length(max=2000)])
    layout = RadioField(
        _l("Layout"),
        choices=[
            SelectChoice("page", _l("All questions on one page (short surveys)")),
            SelectChoice("steps", _l("One question per screen (longer surveys, small phones)")),
        ],
        default="page",
    )


class QuestionForm(FlaskForm):
    text = StringField(
        _l("Question"), validators=[DataRequired(_l("Enter the question.")), Length(max=300)]
    )
    help = StringField(
        _l("Explanation under the question (optional)"), validators=[Length(max=300)]
    )
    kind = SelectField(
        _l("Type"),
        choices=[
            SelectChoice("single", _l("Single choice")),
            SelectChoice("multiple", _l("Multiple choice")),
            SelectChoice("ysn", _l("Ja / soms / nee")),
            SelectChoice("score", _l("Rapportcijfer 1 to 10")),
            SelectChoice("text", _l("Open answer")),
            SelectChoice("village", _l("Village (from the campaign's villages)")),
            SelectChoice("postcode", _l("Postcode, 4 digits (not stored, only the village)")),
        ],
    )
    required = BooleanField(_l("An answer is required"))
    options = TextAreaField(
        _l("Answer options, one per line"),
        description=_l("Only for single and multiple choice."),
        validators=[Length(max=6000)],
    )
    last_exclusive = BooleanField(
        _l("The last option (for example 'None of these') cannot be combined with others")
    )
    max_choices = WholeNumberField(
        _l("Most answers a resident may tick (optional)"),
        validators=[Optional(), NumberRange(1, 30, message=RANGE_MESSAGE)],
    )
    # "<question id>:<option value>": show this question only after one of these answers.
    show = SelectMultipleField(_l("Show this question only after"))

    def labels(self) -> tuple[str, ...]:
        return tuple(
            line.strip() for line in (self.options.data or "").splitlines() if line.strip()
        )

    def condition(self) -> tuple[int | None, frozenset[str]]:
        """The trigger question and its values; ticks under several questions are refused."""
        pairs = [item.split(":", 1) for item in self.show.data or []]
        triggers = {int(question_id) for question_id, _ in pairs}
        if not triggers:
            return None, frozenset()
        if len(triggers) > 1:
            raise ValidationError(_l("Choose answers of one question only."))
        return triggers.pop(), frozenset(value for _, value in pairs)
