"""Staff account forms: the login, invites and roles, the invite link, one's own account."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    EmailField,
    PasswordField,
    SelectField,
    StringField,
)
from wtforms.validators import (
    AnyOf,
    DataRequired,
    Email,
    EqualTo,
    Length,
)

from participation.domain.accounts import MAX_DISPLAY_NAME, MIN_LENGTH, ROLES
from participation.web.choices import SelectChoice

# What each role may do, in the words the accounts page and the role choice use.
ROLE_LABELS = {
    "admin": _l("Administrator"),
    "staff": _l("Staff member"),
    "viewer": _l("Viewer"),
}
UNKNOWN_ROLE = _l("Choose one of the roles: administrator, staff member or viewer.")
PASSWORD_HINT = _l(
    "At least %(min)d characters, not a well-known password and not your e-mail address. "
    "A few words in a row are easy to remember and hard to guess.",
    min=MIN_LENGTH,
)


def _role_field(label: str) -> SelectField:
    # validate_choice off: AnyOf says what is wrong in Dutch (WTForms' own text is English).
    return SelectField(
        label,
        choices=[SelectChoice(role, ROLE_LABELS[role]) for role in ROLES],
        default="staff",
        validate_choice=False,
        validators=[AnyOf(ROLES, message=UNKNOWN_ROLE)],
    )


def _name_field(label: str, hint: str) -> StringField:
    return StringField(
        label,
        description=hint,
        validators=[
            Length(max=MAX_DISPLAY_NAME, message=_l("Use at most %(max)d characters.")),
        ],
    )


class InviteForm(FlaskForm):
    email = EmailField(
        _l("E-mail address"),
        filters=[lambda value: value.strip() if isinstance(value, str) else value],
        validators=[
            DataRequired(_l("Enter an e-mail address.")),
            Length(max=254, message=_l("An e-mail address has at most 254 characters.")),
            Email(
                _l("Enter an e-mail address such as naam@gemeente.nl."),
                check_deliverability=False,
            ),
        ],
    )
    display_name = _name_field(
        _l("Name (optional)"),
        _l("How colleagues know this person, e.g. on the paper count's record."),
    )
    role = _role_field(_l("Role"))


class RoleForm(FlaskForm):
    role = _role_field(_l("Role"))


def _new_password(label: str) -> PasswordField:
    return PasswordField(
        label,
        description=PASSWORD_HINT,
        render_kw={"autocomplete": "new-password"},
        validators=[DataRequired(_l("Choose a password."))],
    )


def _confirm(other: str) -> PasswordField:
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

    password = _new_password(_l("New password"))
    password_confirm = _confirm("password")


class NameForm(FlaskForm):
    display_name = _name_field(_l("Name"), _l("Shown to colleagues on the accounts page."))


class PasswordChangeForm(FlaskForm):
    current_password = PasswordField(
        _l("Current password"),
        render_kw={"autocomplete": "current-password"},
        validators=[DataRequired(_l("Enter your current password."))],
    )
    new_password = _new_password(_l("New password"))
    new_password_confirm = _confirm("new_password")
