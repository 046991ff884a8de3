"""The words a chart says, without matplotlib: pages that only name things import this."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol


class Titled(Protocol):
    """Anything with a Dutch title, such as a theme."""

    @property
    def title(self) -> str: ...


def number(value: int) -> str:
    """Dutch thousands separator: 12.345."""
    return f"{value:,}".replace(",", ".")


def _dutch_title(theme: Titled) -> str:
    return theme.title


@dataclass(frozen=True)
class Words:
    """A chart's words (the ranked total's, a survey question's); Dutch unless a resident's
    page asks for its own language."""

    all_votes: str = "Alle stemmen samen (n = {n})"
    votes_axis: str = "Aantal stemmen (aandeel van de stemmers)"
    alt: str = "Staafdiagram van alle {n} stemmen samen: {listed}."
    title_of: Callable[[Titled], str] = _dutch_title
    count: Callable[[int], str] = number  # 2.295 in Dutch, 2,295 in English
    base: str = "basis"  # a survey question's title: "(basis: 12)"
    decimal: str = ","  # 58,3% in Dutch, 58.3% in English


DUTCH = Words()
