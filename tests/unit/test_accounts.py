"""Staff password rules and the lock after repeated wrong passwords."""

from __future__ import annotations

from datetime import datetime, timedelta

from participation.domain.accounts import (
    LOCK_AFTER,
    PasswordProblem,
    after_failure,
    is_locked,
    password_problems,
)

P = PasswordProblem


def test_password_rules() -> None:
    assert password_problems("een-lang-wachtwoord", "staf@example.org") == []
    assert password_problems("kort", "") == [P.TOO_SHORT]
    assert password_problems("Wachtwoord123") == [P.COMMON]
    assert password_problems("janssen-2027!", "janssen@gemeente.nl") == [P.LIKE_EMAIL]
    assert password_problems("a" * 12) == [P.ONE_CHARACTER]
    assert password_problems("x" * 150 + "y" * 60) == [P.TOO_LONG]


def test_five_wrong_passwords_lock_the_account_for_fifteen_minutes() -> None:
    now = datetime(2027, 3, 1, 9, 0)
    failures, locked = 0, None
    for _ in range(LOCK_AFTER - 1):
        failures, locked = after_failure(failures, now)
        assert locked is None
    failures, locked = after_failure(failures, now)
    assert failures == 0 and locked == now + timedelta(minutes=15)
    assert is_locked(locked, now + timedelta(minutes=14))
    assert not is_locked(locked, now + timedelta(minutes=15))
