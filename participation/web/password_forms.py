"""Choosing a password: the fields, the form behind an invitation's link, and what each
password problem says (the staff pages and the region's pages share them)."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField
from wtforms.validators import DataRequired, EqualTo

from participation.domain.accounts import MAX_LENGTH, MIN_LENGTH, PasswordProblem

PASSWORD_HINT = _l(
    "At least %(min)d characters, not a well-known password and not your e-mail address. "
    "A few words in a row are easy to remember and hard to guess.",
    min=MIN_LENGTH,
)


def new_password_field(label: str) -> PasswordField:
    return PasswordField(
        label,
        description=PASSWORD_HINT,
        render_kw={"autocomplete": "new-password"},
        validators=[DataRequired(_l("Choose a password."))],
    )


def confirm_field(other: str) -> PasswordField:
    return PasswordField(
        _l("Type the password again"),
        render_kw={"autocomplete": "new-password"},
        validators=[
            DataRequired(_l("Type the password a second time.")),
            EqualTo(other, message=_l("The two passwords are not the same.")),
        ],
    )


class WelcomeForm(FlaskForm):
    """Choosing a password through the link in the invite mail."""

    password = new_password_field(_l("New password"))
    password_confirm = confirm_field("password")


def password_messages(problems: list[PasswordProblem]) -> list[str]:
    words = {
        PasswordProblem.TOO_SHORT: _("Use at least %(min)d characters.", min=MIN_LENGTH),
        PasswordProblem.TOO_LONG: _("Use at most %(max)d characters.", max=MAX_LENGTH),
        PasswordProblem.COMMON: _("This password is one of the most used ones. Choose another."),
        PasswordProblem.LIKE_EMAIL: _("The password may not contain your e-mail address."),
        PasswordProblem.ONE_CHARACTER: _("The password may not be one character repeated."),
    }
    return [words[problem] for problem in problems]
