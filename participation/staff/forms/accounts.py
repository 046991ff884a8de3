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
    Length,
)

from participation.domain.accounts import MAX_DISPLAY_NAME, ROLES
from participation.web.choices import SelectChoice
from participation.web.password_forms import confirm_field, new_password_field

# What each role may do, in the words the accounts page and the role choice use.
ROLE_LABELS = {
    "admin": _l("Administrator"),
    "staff": _l("Staff member"),
    "viewer": _l("Viewer"),
}
UNKNOWN_ROLE = _l("Choose one of the roles: administrator, staff member or viewer.")


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


class NameForm(FlaskForm):
    display_name = _name_field(_l("Name"), _l("Shown to colleagues on the accounts page."))


class PasswordChangeForm(FlaskForm):
    current_password = PasswordField(
        _l("Current password"),
        render_kw={"autocomplete": "current-password"},
        validators=[DataRequired(_l("Enter your current password."))],
    )
    new_password = new_password_field(_l("New password"))
    new_password_confirm = confirm_field("new_password")
