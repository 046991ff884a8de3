"""Single-use voting codes (stemcodes): alphabet, printed form, and reading them back."""

from __future__ import annotations

import re
import secrets

# No 0/O, 1/I/L: nothing a resident can misread on paper. 31 symbols, 8 places: about 8.5e11
# codes, so guessing one of 10,000 printed codes takes some 85 million tries on average.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 8
_SEPARATORS = re.compile(r"[\s\-.]+")


def new_code() -> str:
    """A random code of LENGTH symbols from a cryptographic source."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def printed(code: str) -> str:
    """'ABCDEFGH' as printed and typed: 'ABCD-EFGH'."""
    return f"{code[:4]}-{code[4:]}"


def read_code(raw: str | None) -> str | None:
    """A code as typed ('abcd efgh', 'ABCD-EFGH') in stored form, or None if it cannot be one.

    Case, spaces, dashes and dots do not matter; the look-alikes o→0… are not guessed at,
    since the alphabet leaves them out and a wrong guess would spend somebody else's code.
    """
    code = _SEPARATORS.sub("", (raw or "").upper())
    if len(code) != LENGTH or any(symbol not in ALPHABET for symbol in code):
        return None
    return code
