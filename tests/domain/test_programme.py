"""Goals' progress follows from the indicator's values; goals and actions are checked."""

from datetime import date

import pytest

from participation.domain.programme import (
    Direction,
    GoalProblem,
    PlanPeriod,
    Progress,
    Target,
    check_action_date,
    check_measurable,
    check_plan_period,
    measured_progress,
)

# Fewer burglaries: 120 in 2022, at most 90 in 2026 (a straight path: 112.5 in 2023, 105 in 2024).
FEWER = Target(2022, 120, 2026, 90, Direction.DOWN)
# More residents who feel safe: 70 % in 2022, 80 % in 2026 (72.5 in 2023, 75 in 2024).
MORE = Target(2022, 70, 2026, 80, Direction.UP)
# Westerkwartier's plan: 137 reports about confused behaviour in 2017, meant to fall; 395 in 2022.
WESTERKWARTIER = Target(2017, 137, 2022, 120, Direction.DOWN)


@pytest.mark.parametrize(
    ("target", "values", "expected"),
    [
        (FEWER, [], Progress.NO_FIGURES),
        (FEWER, [(2021, 130), (2022, 120)], Progress.NO_FIGURES),  # the baseline is no progress
        (FEWER, [(2022, 120), (2023, 110)], Progress.ON_TRACK),  # better than 112.5
        (FEWER, [(2023, 112.5)], Progress.ON_TRACK),  # exactly on the path
        (FEWER, [(2023, 118)], Progress.BEHIND),
        (FEWER, [(2023, 100), (2024, 108)], Progress.BEHIND),  # the latest year decides
        (FEWER, [(2024, 90)], Progress.REACHED),  # early
        (FEWER, [(2026, 90)], Progress.REACHED),
        (FEWER, [(2026, 91)], Progress.NOT_REACHED),
        (FEWER, [(2025, 85), (2027, 95)], Progress.NOT_REACHED),  # after the target year
        (MORE, [(2023, 73)], Progress.ON_TRACK),
        (MORE, [(2024, 74)], Progress.BEHIND),
        (MORE, [(2025, 80)], Progress.REACHED),
        (MORE, [(2026, 79.9)], Progress.NOT_REACHED),
        (WESTERKWARTIER, [(2017, 137), (2022, 395)], Progress.NOT_REACHED),
        # Exactly on the path, where a float path lands a hair beyond (50.900000000000006,
        # 71.80000000000001): on track, both ways.
        (Target(2019, 50.7, 2021, 51.1, Direction.UP), [(2020, 50.9)], Progress.ON_TRACK),
        (Target(2019, 50.7, 2021, 92.9, Direction.UP), [(2020, 71.8)], Progress.ON_TRACK),
        (Target(2019, 51.1, 2021, 50.7, Direction.DOWN), [(2020, 50.9)], Progress.ON_TRACK),
        (Target(2019, 92.9, 2021, 50.7, Direction.DOWN), [(2020, 71.8)], Progress.ON_TRACK),
    ],
)
def test_progress_follows_from_the_values(target, values, expected):
    assert measured_progress(target, values) is expected


PLAN = PlanPeriod(2027, 2030)


@pytest.mark.parametrize(
    ("given", "problems"),
    [
        ((True, 2026, 120, 2030, 90, Direction.DOWN), []),
        ((True, 2026, 120, 2031, 90, Direction.DOWN), []),  # measured the year after the plan
        ((False, 2026, 120, 2030, 90, Direction.DOWN), [GoalProblem.NO_INDICATOR]),
        ((True, 2026, None, 2030, 90, Direction.DOWN), [GoalProblem.NO_NUMBER]),
        ((True, 2026, 120, 2030, None, Direction.DOWN), [GoalProblem.NO_NUMBER]),
        ((True, None, 120, 2030, 90, Direction.DOWN), [GoalProblem.NO_YEAR]),
        ((True, 2028, 120, 2027, 90, Direction.DOWN), [GoalProblem.TARGET_BEFORE_BASELINE]),
        ((True, 2028, 120, 2028, 90, Direction.DOWN), [GoalProblem.TARGET_BEFORE_BASELINE]),
        ((True, 2020, 120, 2024, 90, Direction.DOWN), [GoalProblem.TARGET_OUTSIDE_PLAN]),
        ((True, 2026, 120, 2030, 130, Direction.DOWN), [GoalProblem.WRONG_DIRECTION]),
        ((True, 2026, 70, 2030, 60, Direction.UP), [GoalProblem.WRONG_DIRECTION]),
        ((True, 2026, 70, 2030, 70, Direction.UP), [GoalProblem.WRONG_DIRECTION]),
        ((True, 0, 120, 2030, 90, Direction.DOWN), [GoalProblem.YEAR_OUT_OF_RANGE]),  # probe
        ((True, 1999, 120, 2030, 90, Direction.DOWN), [GoalProblem.YEAR_OUT_OF_RANGE]),
        ((True, 2026, 120, 2101, 90, Direction.DOWN), [GoalProblem.YEAR_OUT_OF_RANGE]),
        ((True, 2000, 120, 2030, 90, Direction.DOWN), []),
    ],
)
def test_measurable_goals_are_checked(given, problems):
    assert check_measurable(*given, PLAN) == problems


def test_action_dates_lie_in_the_plan_period():
    assert check_action_date(date(2027, 1, 1), PLAN)
    assert check_action_date(date(2030, 12, 31), PLAN)
    assert not check_action_date(date(2026, 12, 31), PLAN)
    assert not check_action_date(date(2031, 1, 1), PLAN)
    assert check_action_date(None, PLAN)
    assert check_action_date(date(1999, 1, 1), None)  # no period set yet


def test_a_plan_runs_one_to_eight_years():
    assert check_plan_period(2027, 2030)
    assert check_plan_period(2027, 2027)
    assert not check_plan_period(2030, 2027)
    assert not check_plan_period(2027, 2035)
