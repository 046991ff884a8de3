"""The regional campaign's rules on their own: period, method, adoption and an adopted campaign."""

from __future__ import annotations

from datetime import datetime

from participation.domain.campaign_edits import EditProblem
from participation.domain.regional_campaigns import (
    Period,
    RegionalProblem,
    check_adopted_campaign_edit,
    check_adoption,
    check_common_theme_edit,
    check_edit,
    check_local_theme_addition,
    check_opening,
    check_theme_change,
)

MARCH, APRIL, MAY = datetime(2027, 3, 1), datetime(2027, 4, 1), datetime(2027, 5, 1)
SPRING = Period(MARCH, MAY)


def test_a_draft_changes_freely_and_an_open_campaign_keeps_its_method() -> None:
    assert check_edit(True, (6, 6), (SPRING, (3, 5)), 12, []) == []
    assert check_edit(False, (6, 6), (SPRING, (3, 5)), 12, []) == [RegionalProblem.PICKS_LOCKED]
    assert check_edit(True, (6, 6), (Period(MAY, MARCH), (6, 6)), 12, []) == [
        RegionalProblem.PERIOD_ORDER
    ]
    assert check_edit(True, (6, 6), (SPRING, (5, 3)), 12, []) == [RegionalProblem.PICKS_ORDER]
    assert check_edit(True, (6, 6), (SPRING, (6, 13)), 12, []) == [
        RegionalProblem.PICKS_ABOVE_THEMES
    ]


def test_the_period_keeps_every_adopted_municipality_inside() -> None:
    adopted = [(datetime(2027, 3, 10), datetime(2027, 4, 10))]
    assert check_edit(False, (6, 6), (Period(MARCH, APRIL), (6, 6)), 12, adopted) == [
        RegionalProblem.PERIOD_LEAVES_OUT
    ]
    wider = Period(datetime(2027, 2, 1), datetime(2027, 6, 1))
    assert check_edit(False, (6, 6), (wider, (6, 6)), 12, adopted) == []


def test_common_themes_change_only_while_a_draft() -> None:
    assert check_theme_change(True, "Ondermijning", ["Jeugdoverlast"]) == []
    assert check_theme_change(True, " ondermijning ", ["Ondermijning"]) == [
        RegionalProblem.DUPLICATE_THEME
    ]
    assert check_theme_change(False, "Iets", []) == [RegionalProblem.THEMES_LOCKED]
    assert check_theme_change(True, "x", ["t"] * 40, adding=True) == [
        RegionalProblem.TOO_MANY_THEMES
    ]
    assert check_opening(True, (6, 6), 12) == []
    assert check_opening(True, (6, 6), 0) == [RegionalProblem.NO_THEMES]
    assert check_opening(True, (6, 6), 5) == [RegionalProblem.PICKS_ABOVE_THEMES]
    assert check_opening(False, (6, 6), 12) == [RegionalProblem.ALREADY_OPEN]


def test_a_municipality_adopts_an_open_campaign_once_within_the_period() -> None:
    inside = (datetime(2027, 3, 10), datetime(2027, 4, 10))
    assert check_adoption(True, False, SPRING, *inside) == []
    assert check_adoption(False, False, SPRING, *inside) == [RegionalProblem.NOT_OPEN]
    assert check_adoption(True, True, SPRING, *inside) == [RegionalProblem.ALREADY_ADOPTED]
    assert check_adoption(True, False, SPRING, None, MAY) == [RegionalProblem.DATES_MISSING]
    assert check_adoption(True, False, SPRING, APRIL, APRIL) == [RegionalProblem.DATES_ORDER]
    late = (datetime(2027, 4, 10), datetime(2027, 5, 2))
    assert check_adoption(True, False, SPRING, *late) == [RegionalProblem.DATES_OUTSIDE_PERIOD]
    # Exactly the period's bounds lie within it.
    assert check_adoption(True, False, SPRING, MARCH, MAY) == []


def test_an_adopted_campaign_keeps_the_region_s_method_period_and_common_themes() -> None:
    inside = (datetime(2027, 3, 10), datetime(2027, 4, 10))
    assert check_adopted_campaign_edit((6, 6), (6, 6), SPRING, *inside) == []
    assert check_adopted_campaign_edit((6, 6), (5, 6), SPRING, *inside) == [
        EditProblem.REGIONAL_PICKS
    ]
    assert check_adopted_campaign_edit((6, 6), (6, 6), SPRING, None, None) == [
        EditProblem.REGIONAL_PERIOD
    ]
    old = ("Jeugdoverlast", 3)
    assert check_common_theme_edit(True, False, old, ("jeugdoverlast ", 3)) == []
    assert check_common_theme_edit(True, False, old, ("Hangjongeren", 3)) == [
        EditProblem.COMMON_THEME
    ]
    assert check_common_theme_edit(True, False, old, ("Jeugdoverlast", 1)) == [
        EditProblem.COMMON_THEME
    ]
    assert check_common_theme_edit(True, True, old) == [EditProblem.COMMON_THEME]
    assert check_common_theme_edit(False, True, old) == []
    assert check_local_theme_addition(True, "not_started") == []
    assert check_local_theme_addition(True, "open") == [EditProblem.LOCAL_THEME_TOO_LATE]
    assert check_local_theme_addition(False, "open") == []
