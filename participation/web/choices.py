"""WTForms' SelectChoice as mypy should see it: the stubs (types-WTForms 3.2) predate it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    # SelectField's choices are (value, label) pairs in the stubs; a SelectChoice unpacks as
    # one, so it is declared a pair with SelectChoice's constructor. Drop this module when
    # types-WTForms knows SelectChoice (WTForms 3.3).
    class SelectChoice(tuple[str, str]):
        value: str
        label: str
        render_kw: dict[str, Any]
        optgroup: str | None

        def __new__(
            cls,
            value: str,
            label: str | None = None,
            render_kw: dict[str, Any] | None = None,
            optgroup: str | None = None,
        ) -> SelectChoice: ...
else:
    from wtforms.fields.choices import SelectChoice

__all__ = ["SelectChoice"]
