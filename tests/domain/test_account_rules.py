"""Account rules: there is always one active admin; display names as stored."""

from __future__ import annotations

import pytest

from participation.domain.accounts import AccountProblem, clean_display_name, leaves_no_admin


@pytest.mark.parametrize(
    ("role", "active", "new_role", "stays_active", "admins", "refused"),
    [
        ("admin", True, "staff", True, 1, True),  # the last one demoted
        ("admin", True, "admin", False, 1, True),  # the last one deactivated
        ("admin", True, "viewer", False, 1, True),
        ("admin", True, "staff", True, 2, False),  # another admin remains
        ("admin", True, "admin", False, 2, False),
        ("admin", False, "staff", False, 1, False),  # not an active admin: nothing lost
        ("staff", True, "viewer", True, 1, False),
        ("staff", True, "staff", False, 1, False),
        ("admin", True, "admin", True, 1, False),  # no change
    ],
)
def test_there_is_always_one_active_admin(
    role: str, active: bool, new_role: str, stays_active: bool, admins: int, refused: bool
) -> None:
    assert leaves_no_admin(role, active, new_role, stays_active, admins) is refused


def test_display_names_are_kept_tidy_and_never_cut() -> None:
    assert clean_display_name("  Sanne \t de  Boer ") == ("Sanne de Boer", [])
    assert clean_display_name("") == ("", [])
    assert clean_display_name("x" * 120) == ("x" * 120, [])
    assert clean_display_name("x" * 121)[1] == [AccountProblem.NAME_TOO_LONG]
