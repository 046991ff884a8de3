"""Limiting totals to a trust level keeps that level and every surer one."""

import pytest

from participation.domain.trust import LEVELS, levels_at_least


def test_each_level_keeps_itself_and_the_surer_levels() -> None:
    assert levels_at_least("stand") == {"stand"}
    assert levels_at_least("code") == {"stand", "code"}
    assert levels_at_least("device") == set(LEVELS)
    assert levels_at_least(None) == set(LEVELS)


def test_an_unknown_level_is_an_error_not_everything() -> None:
    with pytest.raises(ValueError):
        levels_at_least("vertrouwd")
