"""Village details: postcodes are four digits and each belongs to one village."""

from __future__ import annotations

from participation.domain.areas import read_postcodes, shared_postcodes


def test_postcodes_are_four_digits_and_belong_to_one_village() -> None:
    assert read_postcodes("9351, 9354 9356;9351") == ["9351", "9354", "9356"]
    assert read_postcodes("") == []
    assert read_postcodes("9351 AB") is None and read_postcodes("0123") is None
    shared = shared_postcodes({"Leek": ["9351", "9355"], "Tolbert": ["9355"]})
    assert shared == {"9355": ["Leek", "Tolbert"]}
