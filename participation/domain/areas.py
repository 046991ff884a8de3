"""Village details staff keep up to date: population (for weighting) and 4-digit postcodes."""

from __future__ import annotations

import re
from collections.abc import Mapping

POSTCODE_DIGITS = re.compile(r"^[1-9][0-9]{3}$")


def read_postcodes(text: str) -> list[str] | None:
    """'9351, 9354 9356' → ['9351', '9354', '9356']; None if one is not 4 digits."""
    codes = [part for part in re.split(r"[\s,;]+", text.strip()) if part]
    if any(not POSTCODE_DIGITS.match(code) for code in codes):
        return None
    return sorted(set(codes))


def shared_postcodes(postcodes: Mapping[str, list[str]]) -> dict[str, list[str]]:
    """Postcodes given to more than one village (village → codes): one code maps to one village."""
    owners: dict[str, list[str]] = {}
    for village, codes in postcodes.items():
        for code in codes:
            owners.setdefault(code, []).append(village)
    return {code: villages for code, villages in owners.items() if len(villages) > 1}
