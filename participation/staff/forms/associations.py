"""Registering a village association."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    SelectField,
    StringField,
)
from wtforms.validators import (
    DataRequired,
    Length,
)

from participation.domain.text_input import strict_int


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
