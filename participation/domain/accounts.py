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
