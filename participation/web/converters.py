"""URL converters: an <int:…> id in a URL never overflows a database integer."""

from __future__ import annotations

from typing import Any

from werkzeug.routing import IntegerConverter, Map

# PostgreSQL's integer (our primary keys); SQLite would overflow only at 2**63.
LARGEST_ID = 2**31 - 1


class DatabaseId(IntegerConverter):
    """Werkzeug's int converter, capped at LARGEST_ID: /staff/villages/99999999999 is a
    404 like any other missing row, instead of an overflow in the database driver."""

    def __init__(self, url_map: Map, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", LARGEST_ID)
        super().__init__(url_map, *args, **kwargs)
