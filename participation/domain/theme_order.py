"""The order of a campaign's themes on the ballot: display only, never which vote is which."""

from __future__ import annotations

import enum
from collections.abc import Sequence

from participation.domain.text_input import parse_number


class OrderProblem(enum.Enum):
    """Why a new order is refused."""

    NOT_A_NUMBER = "not_a_number"
    UNKNOWN_THEME = "unknown_theme"
    MISSING_THEME = "missing_theme"
    REPEATED_THEME = "repeated_theme"


def new_order(current: Sequence[int], given: Sequence[str]) -> tuple[list[int], list[OrderProblem]]:
    """The themes in the order given, when it names every theme of the campaign exactly once.

    A reorder moves the whole list at once, so a list with a theme missing, named twice or
    from another campaign is refused whole (problems, in this order of checking) rather than
    guessed at.
    """
    ids = [parse_number(value) for value in given]
    problems = []
    if any(theme_id is None for theme_id in ids):
        problems.append(OrderProblem.NOT_A_NUMBER)
    named = [theme_id for theme_id in ids if theme_id is not None]
    if set(named) - set(current):
        problems.append(OrderProblem.UNKNOWN_THEME)
    if set(current) - set(named):
        problems.append(OrderProblem.MISSING_THEME)
    if len(set(named)) != len(named):
        problems.append(OrderProblem.REPEATED_THEME)
    return (named if not problems else list(current)), problems


def moved(current: Sequence[int], theme_id: int, direction: str) -> list[int]:
    """The order with one theme a place up or down; at the top or bottom it stays put."""
    order = list(current)
    at = order.index(theme_id)
    to = at - 1 if direction == "up" else at + 1
    if 0 <= to < len(order):
        order[at], order[to] = order[to], order[at]
    return order
