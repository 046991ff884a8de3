"""The install page's form: a new municipality and the e-mail address of its first admin."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, StringField
from wtforms.validators import InputRequired, Length, Optional

from participation.web.forms import WholeNumberField

TOO_LONG = _l("Use at most %(max)d characters.")


class NewMunicipalityForm(FlaskForm):
    """What services.install.create checks itself (short name, addresses, population) is only
    limited in length here, so each problem is told once, by the service's rule."""

    name = StringField(
        _l("Name of the municipality"),
        description=_l("As residents know it, e.g. Gemeente Westerveld."),
        validators=[
            InputRequired(_l("Give the municipality's name.")),
            Length(max=120, message=TOO_LONG),
        ],
    )
    slug = StringField(
        _l("Short name"),
        description=_l(
            "Lowercase letters, digits and hyphens, e.g. westerveld. It names the municipality "
            "in exports and commands, and cannot be changed later."
        ),
        validators=[InputRequired(_l("Give a short name.")), Length(max=60, message=TOO_LONG)],
    )
    public_url = StringField(
        _l("Public address"),
        description=_l(
            "Where residents reach it, e.g. https://veiligheid.westerveld.nl: on its print, "
            "QR codes and e-mail."
        ),
        validators=[
            InputRequired(_l("Give the public address.")),
            Length(max=200, message=TOO_LONG),
        ],
    )
    hosts = StringField(
        _l("More host names"),
        description=_l("Optional, separated by spaces, e.g. westerveld.localhost for a test."),
        validators=[Optional(), Length(max=500, message=TOO_LONG)],
    )
    population = WholeNumberField(
        _l("Number of inhabitants"), validators=[Optional()], description=_l("Optional.")
    )
    admin_email = EmailField(
        _l("E-mail address of its first administrator"),
        description=_l(
            "Someone with a login here gets a membership there and an e-mail; anyone else gets "
            "an invitation to choose a password."
        ),
        validators=[
            InputRequired(_l("Give the e-mail address of the first administrator.")),
            Length(max=254, message=TOO_LONG),
        ],
    )


class AddressForm(FlaskForm):
    """A municipality's own public address and further host names (checked by the service)."""

    public_url = StringField(
        _l("Public address"),
        description=_l(
            "Where residents reach it, e.g. https://veiligheid.westerveld.nl: on its print, "
            "QR codes and e-mail."
        ),
        validators=[
            InputRequired(_l("Give the public address.")),
            Length(max=200, message=TOO_LONG),
        ],
    )
    hosts = StringField(
        _l("More host names"),
        description=_l("Optional, separated by spaces, e.g. westerveld.localhost for a test."),
        validators=[Optional(), Length(max=500, message=TOO_LONG)],
    )
