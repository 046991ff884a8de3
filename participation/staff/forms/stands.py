"""Stand forms: planning, extending, and the paper counts."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateTimeLocalField,
    SelectField,
    StringField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    ValidationError,
)

from participation.domain.text_input import strict_int
from participation.staff.forms.common import RANGE_MESSAGE
from participation.web.forms import WholeNumberField, plausible_date


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
