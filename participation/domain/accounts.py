"""Staff account rules: what makes a password acceptable, and when repeated failures lock it.

Following OWASP ASVS level 2: at least 12 characters, no well-known passwords, nothing built
from the e-mail address. Five wrong passwords for one account from one address lock that
account for that address for 15 minutes: a stranger elsewhere cannot lock staff out.
"""

from __future__ import annotations

import enum

MIN_LENGTH = 12
MAX_LENGTH = 200
LOCK_AFTER = 5
LOCK_MINUTES = 15
# The most used passwords that reach 12 characters, and Dutch favourites.
COMMON = frozenset(
    {
        "123456789012",
        "1234567890123",
        "qwertyuiopas",
        "passwordpassword",
        "password1234",
        "welkom123456",
        "wachtwoord12",
        "wachtwoord123",
        "wachtwoord1234",
        "welkomwelkom",
        "gemeente1234",
        "iloveyou1234",
        "adminadmin12",
        "administrator",
        "changemechangeme",
        "letmein12345",
    }
)


class PasswordProblem(enum.Enum):
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    COMMON = "common"
    LIKE_EMAIL = "like_email"
    ONE_CHARACTER = "one_character"


def password_problems(password: str, email: str = "") -> list[PasswordProblem]:
    problems = []
    if len(password) < MIN_LENGTH:
        problems.append(PasswordProblem.TOO_SHORT)
    if len(password) > MAX_LENGTH:
        problems.append(PasswordProblem.TOO_LONG)
    folded = password.casefold()
    if folded in COMMON:
        problems.append(PasswordProblem.COMMON)
    local = email.split("@", 1)[0].casefold()
    if len(local) >= 4 and local in folded:
        problems.append(PasswordProblem.LIKE_EMAIL)
    if password and len(set(password)) == 1:
        problems.append(PasswordProblem.ONE_CHARACTER)
    return problems


# The roles, highest first: admin manages accounts and settings, staff runs campaigns (stands,
# counts, exports), a viewer only reads.
ROLES = ("admin", "staff", "viewer")
ADMIN = "admin"
MAX_DISPLAY_NAME = 120


class AccountProblem(enum.Enum):
    EMAIL_TAKEN = "email_taken"
    UNKNOWN_ROLE = "unknown_role"
    LAST_ADMIN = "last_admin"
    INACTIVE = "inactive"
    NAME_TOO_LONG = "name_too_long"


def leaves_no_admin(
    role: str | None, active: bool, new_role: str | None, stays_active: bool, active_admins: int
) -> bool:
    """Whether a change takes away the last active admin.

    There must always be one active admin, or nobody could manage accounts any more: the
    last one can be neither demoted nor deactivated, by themself or anyone else. A second
    admin first, then the change. `active_admins` counts the active admins now, this one too.
    """
    is_admin_now = role == ADMIN and active
    stays_admin = new_role == ADMIN and stays_active
    return is_admin_now and not stays_admin and active_admins <= 1


def clean_display_name(name: str) -> tuple[str, list[AccountProblem]]:
    """The name as stored: outer spaces gone, inner runs of white space one space; at most
    MAX_DISPLAY_NAME characters (longer is refused, not cut, so nobody loses a surname)."""
    cleaned = " ".join(name.split())
    if len(cleaned) > MAX_DISPLAY_NAME:
        return cleaned, [AccountProblem.NAME_TOO_LONG]
    return cleaned, []
