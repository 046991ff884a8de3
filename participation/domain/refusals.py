"""The one shape of a refusal: the problems say why, and nothing of it was stored or changed."""

from __future__ import annotations

from typing import Any


class Refused(Exception):
    """Base of every 'refused with problems' error; the web layer turns `problems` into words.

    `problems` is a list of problem enums or codes, or for a survey a mapping of question id
    to problems; each subclass documents its own.
    """

    def __init__(self, problems: Any) -> None:
        super().__init__(problems)
        self.problems = problems
