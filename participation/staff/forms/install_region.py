"""The install page's region forms: a new region, a municipality joining, a scope given."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectField, StringField
from wtforms.validators import AnyOf, Email, InputRequired, Length, Optional

from participation.models import RegionScope
from participation.web.choices import SelectChoice

TOO_LONG = _l("Use at most %(max)d characters.")


class NewRegionForm(FlaskForm):
    """A region: what services.regions.setup.check checks is only limited in length here."""

    name = StringField(
        _l("Name of the region"),
        description=_l("e.g. Zuidwest-Drenthe."),
        validators=[
            InputRequired(_l("Give the region's name.")),
            Length(max=120, message=TOO_LONG),
        ],
    )
    slug = StringField(
        _l("Short name"),
        description=_l("Lowercase letters, digits and hyphens, e.g. zuidwest-drenthe."),
        validators=[InputRequired(_l("Give a short name.")), Length(max=60, message=TOO_LONG)],
    )
    public_url = StringField(
        _l("Public address"),
        description=_l(
            "The region's own address, e.g. https://veiligheid.zuidwest-drenthe.nl: its pages, "
            "and where the phones of a regional campaign vote."
        ),
        validators=[
            InputRequired(_l("Give the public address.")),
            Length(max=200, message=TOO_LONG),
        ],
    )
    hosts = StringField(
        _l("More host names"),
        description=_l("Optional, separated by spaces."),
        validators=[Optional(), Length(max=500, message=TOO_LONG)],
    )
    police_team = StringField(
        _l("Police base team"),
        description=_l("Optional, e.g. Basisteam Zuidwest-Drenthe."),
        validators=[Optional(), Length(max=120, message=TOO_LONG)],
    )
    cbs_code = StringField(
        _l("Statistics code"),
        description=_l("Optional: the code CBS and the Veiligheidsmonitor publish it under."),
        validators=[Optional(), Length(max=12, message=TOO_LONG)],
    )


class JoinRegionForm(FlaskForm):
    municipality = SelectField(_l("Municipality"), validate_choice=False)


SCOPES = [
    SelectChoice(RegionScope.COORDINATOR.value, _l("Coordinator: works across the region")),
    SelectChoice(
        RegionScope.PARTNER.value, _l("Partner: reads across the region, changes nothing")
    ),
]


class RegionScopeForm(FlaskForm):
    email = EmailField(
        _l("E-mail address"),
        description=_l(
            "A login with this address gets the scope; anyone else gets an e-mail to choose a "
            "password on the region's address (no rights in any municipality)."
        ),
        filters=[lambda value: value.strip() if isinstance(value, str) else value],
        validators=[
            InputRequired(_l("Give an e-mail address.")),
            Length(max=254, message=TOO_LONG),
            Email(
                _l("Enter an e-mail address such as naam@gemeente.nl."),
                check_deliverability=False,
            ),
        ],
    )
    # validate_choice off: AnyOf says what is wrong in Dutch (WTForms' own text is English).
    scope = SelectField(
        _l("Scope"),
        choices=SCOPES,
        validate_choice=False,
        validators=[AnyOf([choice.value for choice in SCOPES], message=_l("Choose a scope."))],
    )
