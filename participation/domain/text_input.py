"""What text and numbers from outside may contain: no control characters, plain ASCII digits."""

from __future__ import annotations

import re
from typing import Any

# C0 controls except tab, line feed and carriage return; DEL and the C1 controls; lone
# surrogates; and U+FFFE/U+FFFF. PostgreSQL refuses NUL, XML (so XLSX) refuses the rest.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# An id or count as people type it: ASCII digits only, at most 9 of them (fits any integer
# column). Python's int() also takes '٣', '３', '1_0', '+3' and ' 3 ', which we do not.
PLAIN_NUMBER = re.compile(r"[0-9]{1,9}")
# A figure as people type it: digits, an optional sign, and a decimal comma or point.
PLAIN_DECIMAL = re.compile(r"-?[0-9]{1,12}([.,][0-9]{1,6})?")
# How deep a JSON body may nest; ours are two levels deep (a list of objects of lists).
MAX_JSON_DEPTH = 6


def has_control_characters(text: str) -> bool:
    return CONTROL_CHARACTERS.search(text) is not None


def strip_control_characters(text: str) -> str:
    """Free text without the characters no database, spreadsheet or PDF can hold."""
    return CONTROL_CHARACTERS.sub("", text)


def parse_number(value: object) -> int | None:
    """A whole number written in plain ASCII digits, or None for anything else.

    A JSON integer counts (but not true/false, which Python treats as 1/0, nor 3.0).
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 <= value < 10**9 else None
    if isinstance(value, str) and PLAIN_NUMBER.fullmatch(value):
        return int(value)
    return None


def parse_decimal(value: str) -> float | None:
    """'12', '12,5' or '-0.75' as a number; None for anything else (float() takes 'nan', '1e9')."""
    text = value.strip()
    return float(text.replace(",", ".")) if PLAIN_DECIMAL.fullmatch(text) else None


def strict_int(value: object) -> int:
    """parse_number for WTForms' `coerce`: a ValueError makes the field report a bad choice."""
    number = parse_number(value)
    if number is None:
        raise ValueError(f"not a plain number: {value!r}")
    return number


def json_depth(value: Any) -> int:
    """How deeply lists and objects nest in parsed JSON (a scalar is 0), without recursion."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            depth += 1
            deepest = max(deepest, depth)
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth) for child in children)
    return deepest


def clean_json(value: Any) -> Any:
    """The same JSON with control characters stripped from every string, keys included."""
    if isinstance(value, str):
        return strip_control_characters(value)
    if isinstance(value, list):
        return [clean_json(item) for item in value]
    if isinstance(value, dict):
        return {strip_control_characters(k): clean_json(v) for k, v in value.items()}
    return value
