"""Stand forms: planning, extending, and the paper counts."""

from collections.abc import Iterable

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateTimeLocalField,
    Field,
    SelectField,
    StringField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    ValidationError,
)

from participation.domain.text_input import strict_int
from participation.models import Theme
from participation.staff.forms.common import required_number
from participation.web.forms import plausible_date


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
    minutes = required_number(
        _l("Extend by (minutes)"),
        default=60,
        low=5,
        high=24 * 60,
    )


class PaperTallyForm(FlaskForm):
    """Participants, then one count per theme; built per campaign by paper_form_for."""

    participants = required_number(
        _l("Number of participants (paper forms or people with stickers)"),
        low=0,
        high=100_000,
    )

    def theme_fields(self) -> list[Field]:
        return [field for field in self if field.name.startswith("theme_")]

    def votes(self) -> dict[int, int]:
        return {int(f.name.removeprefix("theme_")): f.data or 0 for f in self.theme_fields()}


def paper_form_for(themes: Iterable[Theme], **kwargs: object) -> PaperTallyForm:
    """A paper form with an integer field per theme, labelled with its title."""

    class Form(PaperTallyForm):
        pass

    for theme in themes:
        setattr(
            Form,
            f"theme_{theme.id}",
            required_number(theme.title, low=0, high=100_000),
        )
    return Form(**kwargs)


class PairTabletForm(FlaskForm):
    """The code the stand's tablet shows, typed on the staff member's phone."""

    code = StringField(
        _l("Pairing code on the tablet"),
        description=_l("Six digits. Open the kiosk link on the tablet to see them."),
        validators=[DataRequired(_l("Type the code the tablet shows.")), Length(max=20)],
    )
    name = StringField(
        _l("Name of the tablet (optional)"),
        description=_l("For example: Tablet 1, or the number on its sticker."),
        validators=[Length(max=40, message=_l("Use at most 40 characters."))],
    )
