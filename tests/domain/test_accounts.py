"""Staff password rules (the lock after wrong passwords: tests/staff/test_login.py)."""

from __future__ import annotations

from participation.domain.accounts import PasswordProblem, password_problems

P = PasswordProblem


def test_password_rules() -> None:
    assert password_problems("een-lang-wachtwoord", "staf@example.org") == []
    assert password_problems("kort", "") == [P.TOO_SHORT]
    assert password_problems("Wachtwoord123") == [P.COMMON]
    assert password_problems("janssen-2027!", "janssen@gemeente.nl") == [P.LIKE_EMAIL]
    assert password_problems("a" * 12) == [P.ONE_CHARACTER]
    assert password_problems("x" * 150 + "y" * 60) == [P.TOO_LONG]
