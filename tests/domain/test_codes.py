"""Voting codes: readable alphabet, forgiving reading, nothing guessed."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from participation.domain.codes import ALPHABET, LENGTH, new_code, printed, read_code


def test_new_codes_use_only_unambiguous_symbols() -> None:
    codes = {new_code() for _ in range(500)}
    assert len(codes) == 500
    assert all(len(code) == LENGTH and set(code) <= set(ALPHABET) for code in codes)
    assert not set("01IOL") & set(ALPHABET)


@given(st.text(alphabet=ALPHABET, min_size=LENGTH, max_size=LENGTH))
def test_a_printed_code_reads_back_however_it_is_typed(code: str) -> None:
    assert read_code(printed(code)) == code
    assert read_code(f"  {printed(code).lower()} ") == code
    assert read_code(f"{code[:4]} {code[4:]}") == code


def test_what_cannot_be_a_code_is_refused_not_guessed() -> None:
    for raw in (None, "", "ABCD-EFG", "ABCD-EFGHJ", "ABCD-EFG0", "ABCD-EFGO", "<script>"):
        assert read_code(raw) is None
