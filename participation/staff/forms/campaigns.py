"""Campaign and theme forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    AnyOf,
    DataRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from participation.domain.text_input import strict_int
from participation.domain.theme_order import BallotOrder
from participation.staff.forms.common import (
    RANGE_MESSAGE,
    SAFETY_FIELD_CHOICES,
    SLUG_RULE,
    STATUS_CHOICES,
    CheckboxList,
    required_number,
)
from participation.web.choices import SelectChoice
from participation.web.forms import WholeNumberField, plausible_date


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
    min_picks = required_number(
        _l("Fewest themes to pick"),
        default=6,
        low=1,
        high=50,
    )
    max_picks = required_number(
        _l("Most themes to pick"),
        default=6,
        low=1,
        high=50,
    )
    confirm_rename = BooleanField(
        _l("Yes, give the campaign this new short name; links with the old one keep working")
    )
    results_published = BooleanField(_l("Results are public"))
    show_live_at_stand = BooleanField(
        _l("Show residents at a stand's tablet the count and top themes so far")
    )
    associations_see_live = BooleanField(
        _l("Village associations see their village's results before they are published")
    )
    keep_informed = BooleanField(
        _l("After voting, residents may leave an e-mail address to hear the outcome"),
        description=_l(
            "Confirmed by a link in an e-mail, used once when the outcome is published, then "
            "deleted. Needs the mail settings (MAIL_SERVER)."
        ),
    )
    ballots_per_device = required_number(
        _l("Votes per phone"),
        description=_l(
            "1 is one vote per phone. Up to 4 allows a household to share a phone;"
            " the extra votes are flagged."
        ),
        default=1,
        low=1,
        high=4,
    )
    villages = CheckboxList(_l("Villages in scope"), coerce=strict_int)
    ballot_order = RadioField(
        _l("Order of the themes on phones and tablets"),
        choices=[
            SelectChoice(BallotOrder.RANDOM.value, _l("A different random order on each device")),
            SelectChoice(
                BallotOrder.RANDOM_IN_FIELDS.value,
                _l("Random, but kept together by VNG safety field"),
            ),
            SelectChoice(
                BallotOrder.FIXED.value, _l("The order on the themes page, as on the paper form")
            ),
        ],
        default=BallotOrder.RANDOM.value,
        validators=[AnyOf([order.value for order in BallotOrder])],
        description=_l(
            "Themes at the top of a list are picked more often. A random order per device "
            "spreads that; it is not stored with the vote. Paper keeps its printed order."
        ),
    )

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
        choices=SAFETY_FIELD_CHOICES,
    )
    position = WholeNumberField(
        _l("Position on the ballot"),
        validators=[Optional(), NumberRange(1, 100, message=RANGE_MESSAGE)],
    )
