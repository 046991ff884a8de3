"""The resident's form after voting: an e-mail address to hear the outcome."""

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, Field
from wtforms.validators import DataRequired, Length, ValidationError

NOT_AN_ADDRESS = _l("Enter an e-mail address such as naam@voorbeeld.nl.")
ACCENTED_NAME = _l(
    "Before the @ our mail server takes only letters without accents, digits and . _ -"
    " (such as jan.de.vries@voorbeeld.nl). Use another address, please."
)


class MailAddress:
    """A deliverable-looking address, checked by email-validator without SMTPUTF8.

    Our mail goes through any SMTP server, so the part before the @ must be ASCII: 'tést@…'
    is refused with its own message. A domain in other scripts ('bücher.nl') is fine and is
    kept in its ASCII (IDNA) form. The checked address is left in `form.address`.
    """

    def __call__(self, form: "FollowUpForm", field: Field) -> None:
        given = (field.data or "").strip()
        if not given.rpartition("@")[0].isascii():
            raise ValidationError(str(ACCENTED_NAME))
        try:
            checked = validate_email(given, check_deliverability=False, allow_smtputf8=False)
        except EmailNotValidError as error:
            raise ValidationError(str(NOT_AN_ADDRESS)) from error
        if checked.ascii_email is None:  # only for SMTPUTF8 addresses, refused above
            raise ValidationError(str(NOT_AN_ADDRESS))
        form.address = checked.ascii_email


class FollowUpForm(FlaskForm):
    address: str = ""  # the checked address, in ASCII (MailAddress)
    email = EmailField(
        _l("Your e-mail address"),
        validators=[
            DataRequired(_l("Enter your e-mail address.")),
            Length(max=254),
            MailAddress(),
        ],
    )
