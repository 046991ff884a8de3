"""The order of a campaign's themes on the ballot: display only, never which vote is which."""

from __future__ import annotations

import enum
import random
from collections.abc import Callable, Sequence
from typing import TypeVar

from participation.domain.text_input import parse_number

T = TypeVar("T")


class BallotOrder(enum.StrEnum):
    """How a phone or tablet lists the themes; paper keeps its printed order whatever this is."""

    RANDOM = "random"  # a fresh order on each device, so no theme profits from the top place
    RANDOM_IN_FIELDS = "random_in_fields"  # kept together by VNG safety field, shuffled within
    FIXED = "fixed"  # the order staff set, the same as the paper form


def on_device(
    themes: Sequence[T], order: str, seed: str, safety_field: Callable[[T], int]
) -> list[T]:
    """The themes as one device shows them: shuffled by `seed`, which the page carries so a
    resident sees the same order after an error; never stored, so no ballot knows its order.

    An unknown `order` is treated as RANDOM: the default is the fair one.
    """
    if order == BallotOrder.FIXED:
        return list(themes)
    shuffle = random.Random(seed).shuffle  # an order to show, not a secret
    if order != BallotOrder.RANDOM_IN_FIELDS:
        shown = list(themes)
        shuffle(shown)
        return shown
    fields: dict[int, list[T]] = {}
    for theme in themes:
        fields.setdefault(safety_field(theme), []).append(theme)
    groups = list(fields.values())
    shuffle(groups)
    for group in groups:
        shuffle(group)
    return [theme for group in groups for theme in group]


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
