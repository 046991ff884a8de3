"""The resident's form after voting: an e-mail address to hear the outcome."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField
from wtforms.validators import DataRequired, Email, Length

ADDRESS_REFUSED = _l("This address does not take e-mail. Check it, please.")


class FollowUpForm(FlaskForm):
    email = EmailField(
        _l("Your e-mail address"),
        validators=[
            DataRequired(_l("Enter your e-mail address.")),
            Length(max=254),
            Email(
                _l("Enter an e-mail address such as naam@voorbeeld.nl."), check_deliverability=False
            ),
        ],
    )
