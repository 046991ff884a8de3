"""Themes in a random order per device: the same page keeps its order, devices differ."""

from __future__ import annotations

from dataclasses import dataclass

from participation.domain.theme_order import BallotOrder, on_device


@dataclass(frozen=True)
class Item:
    name: str
    field: int


THEMES = [Item(f"t{n}", 1 + n // 3) for n in range(12)]  # four fields of three


def field_of(item: Item) -> int:
    return item.field


def test_the_same_seed_gives_the_same_order_and_every_theme_once() -> None:
    first = on_device(THEMES, BallotOrder.RANDOM, "a1b2c3d4e5f60718", field_of)
    again = on_device(THEMES, BallotOrder.RANDOM, "a1b2c3d4e5f60718", field_of)
    assert first == again
    assert sorted(first, key=lambda i: i.name) == sorted(THEMES, key=lambda i: i.name)


def test_over_many_devices_every_theme_comes_first_sometimes() -> None:
    firsts = {on_device(THEMES, BallotOrder.RANDOM, f"{n:016x}", field_of)[0] for n in range(400)}
    assert firsts == set(THEMES)


def test_fixed_keeps_the_order_staff_set() -> None:
    assert on_device(THEMES, BallotOrder.FIXED, "0" * 16, field_of) == THEMES


def test_random_in_fields_keeps_each_field_together_and_shuffles_both() -> None:
    orders = [
        on_device(THEMES, BallotOrder.RANDOM_IN_FIELDS, f"{n:016x}", field_of) for n in range(200)
    ]
    for order in orders:
        fields = [item.field for item in order]
        runs = [f for i, f in enumerate(fields) if i == 0 or fields[i - 1] != f]
        assert len(runs) == 4, fields  # each field one block
    assert len({order[0].field for order in orders}) == 4  # fields change places
    assert len({tuple(order[:3]) for order in orders if order[0].field == 1}) > 1  # and within


def test_an_unknown_order_is_the_fair_one() -> None:
    shown = {tuple(on_device(THEMES, "whatever", f"{n:016x}", field_of)) for n in range(20)}
    assert len(shown) > 1
