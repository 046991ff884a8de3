"""Staff forms: login, campaigns, themes, stands and surveys."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    EmailField,
    PasswordField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget

from participation.domain.sources import SOURCE_TAG
from participation.domain.text_input import strict_int
from participation.web.fields import WholeNumberField, plausible_date


class LoginForm(FlaskForm):
    email = EmailField(
        _l("E-mail address"),
        validators=[DataRequired(_l("Enter your e-mail address.")), Length(max=254)],
    )
    password = PasswordField(
        _l("Password"), validators=[DataRequired(_l("Enter your password.")), Length(max=200)]
    )


class CheckboxList(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


# Campaigns and surveys go through the same three states.
STATUS_CHOICES = [
    SelectChoice("draft", _l("Draft")),
    SelectChoice("open", _l("Open")),
    SelectChoice("closed", _l("Closed")),
]
RANGE_MESSAGE = _l("Enter a number from %(min)s to %(max)s.")
SLUG_RULE = Regexp(
    r"^[a-z0-9][a-z0-9-]{1,59}$",
    message=_l("Use 2 to 60 lowercase letters, digits and hyphens."),
)


class CampaignForm(FlaskForm):
    slug = StringField(
        _l("Short name in the link"),
        description=_l("For example veiligheid-2027: residents see /v/veiligheid-2027."),
        validators=[DataRequired(_l("Enter a short name.")), SLUG_RULE],
    )
    title = StringField(
        _l("Title"), validators=[DataRequired(_l("Enter a title.")), Length(max=200)]
    )
    intro = TextAreaField(_l("Introduction for residents"), validators=[Length(max=2000)])
    status = SelectField(
        _l("Status"),
        choices=STATUS_CHOICES,
    )
    opens_at = DateTimeLocalField(
        _l("Opens at (optional)"), format="%Y-%m-%dT%H:%M", validators=[Optional(), plausible_date]
    )
    closes_at = DateTimeLocalField(
        _l("Closes at (optional)"), format="%Y-%m-%dT%H:%M", validators=[Optional(), plausible_date]
    )
    min_picks = WholeNumberField(
        _l("Fewest themes to pick"),
        default=6,
        validators=[
            InputRequired(_l("Enter a number.")),
            NumberRange(1, 50, message=RANGE_MESSAGE),
        ],
    )
    max_picks = WholeNumberField(
        _l("Most themes to pick"),
        default=6,
        validators=[
            InputRequired(_l("Enter a number.")),
            NumberRange(1, 50, message=RANGE_MESSAGE),
        ],
    )
    results_published = BooleanField(_l("Results are public"))
    show_live_at_stand = BooleanField(
        _l("Show residents at a stand's tablet the count and top themes so far")
    )
    associations_see_live = BooleanField(
        _l("Village associations see their village's results before they are published")
    )
    ballots_per_device = WholeNumberField(
        _l("Votes per phone"),
        description=_l(
            "1 is one vote per phone. Up to 4 allows a household to share a phone;"
            " the extra votes are flagged."
        ),
        default=1,
        validators=[InputRequired(_l("Enter a number.")), NumberRange(1, 4, message=RANGE_MESSAGE)],
    )
    villages = CheckboxList(_l("Villages in scope"), coerce=strict_int)

    def validate_max_picks(self, field: WholeNumberField) -> None:
        if self.min_picks.data and field.data is not None and field.data < self.min_picks.data:
            raise ValidationError(_l("The most must be at least the fewest."))

    def validate_closes_at(self, field: DateTimeLocalField) -> None:
        if field.data and self.opens_at.data and field.data <= self.opens_at.data:
            raise ValidationError(_l("The closing time must be after the opening time."))


class ThemeForm(FlaskForm):
    title = StringField(
        _l("Title"), validators=[DataRequired(_l("Enter a title.")), Length(max=120)]
    )
    explanation = StringField(
        _l("One-line explanation in plain Dutch"),
        validators=[DataRequired(_l("Enter an explanation.")), Length(max=300)],
    )
    safety_field = SelectField(
        _l("VNG safety field"),
        coerce=strict_int,
        choices=[
            SelectChoice("1", _l("1. Safe living environment")),
            SelectChoice("2", _l("2. Business and safety")),
            SelectChoice("3", _l("3. Youth and safety")),
            SelectChoice("4", _l("4. Physical safety")),
            SelectChoice("5", _l("5. Integrity and safety")),
        ],
    )
    position = WholeNumberField(
        _l("Position on the ballot"),
        validators=[Optional(), NumberRange(1, 100, message=RANGE_MESSAGE)],
    )


class StandForm(FlaskForm):
    village = SelectField(_l("Village"), coerce=strict_int)
    place = StringField(
        _l("Place"),
        description=_l("For example: Dorpshuis De Kap, Hoofdstraat 1"),
        validators=[DataRequired(_l("Enter the place.")), Length(max=200)],
    )
    starts_at = DateTimeLocalField(
        _l("Starts at"),
        format="%Y-%m-%dT%H:%M",
        validators=[InputRequired(_l("Enter a time.")), plausible_date],
    )
    ends_at = DateTimeLocalField(
        _l("Ends at"),
        format="%Y-%m-%dT%H:%M",
        validators=[InputRequired(_l("Enter a time.")), plausible_date],
    )

    def validate_ends_at(self, field: DateTimeLocalField) -> None:
        if field.data and self.starts_at.data and field.data <= self.starts_at.data:
            raise ValidationError(_l("The end must be after the start."))


class ExtendStandForm(FlaskForm):
    minutes = WholeNumberField(
        _l("Extend by (minutes)"),
        default=60,
        validators=[
            InputRequired(_l("Enter a number.")),
            NumberRange(5, 24 * 60, message=RANGE_MESSAGE),
        ],
    )


class ConfirmForm(FlaskForm):
    """A button that changes something: only the CSRF token."""


class PaperTallyForm(FlaskForm):
    """Participants, then one count per theme; built per campaign by paper_form_for."""

    participants = WholeNumberField(
        _l("Number of participants (paper forms or people with stickers)"),
        validators=[
            InputRequired(_l("Enter a number.")),
            NumberRange(0, 100_000, message=RANGE_MESSAGE),
        ],
    )

    def theme_fields(self) -> list:
        return [field for field in self if field.name.startswith("theme_")]

    def votes(self) -> dict[int, int]:
        return {int(f.name.removeprefix("theme_")): f.data or 0 for f in self.theme_fields()}


def paper_form_for(themes: list, **kwargs: object) -> PaperTallyForm:
    """A paper form with an integer field per theme, labelled with its title."""

    class Form(PaperTallyForm):
        pass

    for theme in themes:
        setattr(
            Form,
            f"theme_{theme.id}",
            WholeNumberField(
                theme.title,
                validators=[
                    InputRequired(_l("Enter a number.")),
                    NumberRange(0, 100_000, message=RANGE_MESSAGE),
                ],
            ),
        )
    return Form(**kwargs)


class CodeBatchForm(FlaskForm):
    count = WholeNumberField(
        _l("Number of codes"),
        default=100,
        validators=[
            InputRequired(_l("Enter a number.")),
            NumberRange(1, 5000, message=RANGE_MESSAGE),
        ],
    )
    label = StringField(
        _l("Name of the batch"),
        description=_l(
            "Also the source tag, e.g. huis-aan-huis-marum: lowercase letters, digits, hyphens."
        ),
        validators=[
            DataRequired(_l("Enter a name.")),
            # The label is the codes' source tag, so it follows the source-tag rule exactly.
            Regexp(
                SOURCE_TAG.pattern,
                message=_l("Use up to 40 lowercase letters, digits and hyphens."),
            ),
        ],
    )


class ExclusionForm(FlaskForm):
    reason = TextAreaField(
        _l("Reason"),
        description=_l("Say why, for the council and the audit log. At least 10 characters."),
        validators=[
            DataRequired(_l("Give a reason.")),
            Length(min=10, max=1000, message=_l("Use 10 to 1000 characters.")),
        ],
    )


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


class AssociationForm(FlaskForm):
    name = StringField(
        _l("Name of the association"),
        description=_l("For example: Dorpsbelang Marum"),
        validators=[DataRequired(_l("Enter a name.")), Length(max=200)],
    )
    village = SelectField(_l("Village"), coerce=strict_int)
    contact_role = StringField(
        _l("Contact role (optional)"),
        description=_l(
            "A role, not a person: for example 'secretaris'. No private contact details."
        ),
        validators=[Length(max=100)],
    )


class IndicatorForm(FlaskForm):
    theme = SelectField(_l("Theme"), coerce=strict_int)
    name = StringField(
        _l("Indicator"),
        description=_l("For example: Woninginbraken (aangiften bij de politie)"),
        validators=[DataRequired(_l("Enter the indicator.")), Length(max=200)],
    )
    source = StringField(
        _l("Source"),
        description=_l("For example: Politie, veiligheidsanalyse 2023"),
        validators=[Length(max=200)],
    )
    values = TextAreaField(
        _l("Values per year"),
        description=_l("One year and value per line, or '2019: 120, 2020: 98'."),
        validators=[DataRequired(_l("Enter at least one year and value.")), Length(max=2000)],
    )
    trend = SelectField(
        _l("Trend"),
        choices=[
            SelectChoice("", _l("Work it out from the values")),
            SelectChoice("rising", _l("Rising")),
            SelectChoice("falling", _l("Falling")),
            SelectChoice("stable", _l("Stable")),
        ],
    )


class IndicatorImportForm(FlaskForm):
    file = FileField(
        _l("CSV file"),
        description=_l("Columns: theme, indicator, source, year, value, and optionally trend."),
        validators=[FileRequired(_l("Choose a CSV file."))],
    )


class SessionForm(FlaskForm):
    title = StringField(
        _l("Title"),
        default=_l("Prioritisation session"),
        validators=[DataRequired(_l("Enter a title.")), Length(max=200)],
    )
    dots = WholeNumberField(
        _l("Dots per participant per round"),
        default=3,
        validators=[
            InputRequired(_l("Enter a number.")),
            NumberRange(1, 10, message=RANGE_MESSAGE),
        ],
    )
    top = WholeNumberField(
        _l("Themes from the top of the total on the shortlist"),
        default=6,
        validators=[
            InputRequired(_l("Enter a number.")),
            NumberRange(1, 20, message=RANGE_MESSAGE),
        ],
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
            *ThemeForm.safety_field.kwargs["choices"],
        ],
    )

    def validate_safety_field(self, field: SelectField) -> None:
        # The safety plan groups its priorities by VNG safety field, so a priority needs one.
        if self.chosen.data == "yes" and not field.data:
            raise ValidationError(_l("Choose the VNG safety field of this priority."))
