"""The implementation programme's rules: goals, their progress, actions and their status."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction


class GoalKind(enum.StrEnum):
    MEASURABLE = "measurable"  # an indicator with a baseline and a target: progress is worked out
    WRITTEN = "written"  # a sentence, as most goals in the plans are: staff set its status


class Direction(enum.StrEnum):
    DOWN = "down"  # fewer is better (burglaries, reports)
    UP = "up"  # more is better (residents who feel safe)


class Progress(enum.StrEnum):
    NO_FIGURES = "no_figures"  # no value after the baseline yet
    ON_TRACK = "on_track"
    BEHIND = "behind"
    REACHED = "reached"
    NOT_REACHED = "not_reached"


# What staff may set on a written goal: the same words, never 'no figures'.
WRITTEN_PROGRESS = (Progress.ON_TRACK, Progress.BEHIND, Progress.REACHED, Progress.NOT_REACHED)


class ActionStatus(enum.StrEnum):
    PLANNED = "planned"
    UNDERWAY = "underway"
    DONE = "done"
    DELAYED = "delayed"


@dataclass(frozen=True)
class Target:
    """A measurable goal: from `baseline_value` in `baseline_year` to `target_value` in
    `target_year`, where `direction` says which way is better."""

    baseline_year: int
    baseline_value: float
    target_year: int
    target_value: float
    direction: Direction

    def met_by(self, value: float) -> bool:
        if self.direction is Direction.DOWN:
            return value <= self.target_value
        return value >= self.target_value

    def expected_in(self, year: int) -> Fraction:
        """Where a straight path from baseline to target stands in `year`, exactly: the
        figures as typed (71,6), so a value on the path is on it, not a float's hair off."""
        start, end = exact(self.baseline_value), exact(self.target_value)
        return start + (end - start) * Fraction(
            year - self.baseline_year, self.target_year - self.baseline_year
        )


def exact(figure: float) -> Fraction:
    """A typed figure as the decimal it was typed as (71.6, not 71.599999999999994…)."""
    return Fraction(str(figure))


def latest_after(year: int, values: Sequence[tuple[int, float]]) -> tuple[int, float] | None:
    """The latest (year, value) after `year`; None when there is none yet."""
    return max(((y, v) for y, v in values if y > year), default=None)


def measured_progress(target: Target, values: Sequence[tuple[int, float]]) -> Progress:
    """Progress from the indicator's yearly values, never typed.

    Only values after the baseline year count; the latest one decides. In or after the target
    year it has reached the target or not. Before that, a value already at the target has
    reached it; otherwise it is on track when at least as good as a straight path from
    baseline to target in that year, and behind when worse.
    """
    latest = latest_after(target.baseline_year, values)
    if latest is None:
        return Progress.NO_FIGURES
    year, value = latest
    if year >= target.target_year:
        return Progress.REACHED if target.met_by(value) else Progress.NOT_REACHED
    if target.met_by(value):
        return Progress.REACHED
    expected, measured = target.expected_in(year), exact(value)
    better = measured <= expected if target.direction is Direction.DOWN else measured >= expected
    return Progress.ON_TRACK if better else Progress.BEHIND


# Years a baseline or target may have: figures from before 2000 are not the municipality's
# safety analysis, and a year 0 or 9999 is a typing slip.
FIRST_YEAR, LAST_YEAR = 2000, 2100


class GoalProblem(enum.Enum):
    NO_DESCRIPTION = "no_description"
    NO_INDICATOR = "no_indicator"
    NO_NUMBER = "no_number"  # a measurable goal without its baseline or target value
    NO_YEAR = "no_year"
    YEAR_OUT_OF_RANGE = "year_out_of_range"  # before FIRST_YEAR or after LAST_YEAR
    TARGET_BEFORE_BASELINE = "target_before_baseline"
    TARGET_OUTSIDE_PLAN = "target_outside_plan"
    WRONG_DIRECTION = "wrong_direction"  # the target is no change, or worse than the baseline
    INDICATOR_EXISTS = "indicator_exists"  # a new indicator named as one already there


@dataclass(frozen=True)
class PlanPeriod:
    """The years the safety plan covers, both included (an IVP runs four years)."""

    first_year: int
    last_year: int

    @property
    def starts(self) -> date:
        return date(self.first_year, 1, 1)

    @property
    def ends(self) -> date:
        return date(self.last_year, 12, 31)

    def holds(self, day: date) -> bool:
        return self.starts <= day <= self.ends


def check_measurable(
    has_indicator: bool,
    baseline_year: int | None,
    baseline_value: float | None,
    target_year: int | None,
    target_value: float | None,
    direction: Direction,
    period: PlanPeriod | None,
) -> list[GoalProblem]:
    """What is wrong with a measurable goal as staff gave it; empty when it can be stored."""
    problems = [] if has_indicator else [GoalProblem.NO_INDICATOR]
    if baseline_value is None or target_value is None:
        problems.append(GoalProblem.NO_NUMBER)
    if baseline_year is None or target_year is None:
        return [*problems, GoalProblem.NO_YEAR]
    if not all(FIRST_YEAR <= year <= LAST_YEAR for year in (baseline_year, target_year)):
        return [*problems, GoalProblem.YEAR_OUT_OF_RANGE]
    if target_year <= baseline_year:
        problems.append(GoalProblem.TARGET_BEFORE_BASELINE)
    elif period is not None and not period.first_year <= target_year <= period.last_year + 1:
        problems.append(GoalProblem.TARGET_OUTSIDE_PLAN)  # the year after the plan may measure it
    if baseline_value is not None and target_value is not None:
        gain = target_value - baseline_value
        if gain == 0 or (gain > 0) != (direction is Direction.UP):
            problems.append(GoalProblem.WRONG_DIRECTION)
    return problems


def check_action_date(day: date | None, period: PlanPeriod | None) -> bool:
    """Whether an action's date lies in the plan period (any date when none is set yet)."""
    return day is None or period is None or period.holds(day)


def check_plan_period(first_year: int, last_year: int) -> bool:
    """A plan runs one to eight years (an IVP usually four)."""
    return FIRST_YEAR <= first_year <= last_year <= first_year + 7 and last_year <= LAST_YEAR
