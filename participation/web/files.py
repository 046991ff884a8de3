"""File responses: one place for the file name (campaign, kind, date) and the disposition."""

from __future__ import annotations

from collections.abc import Iterable

from flask import Response, request

from participation.domain.safe_cells import EXCEL, PLAIN, CsvDialect
from participation.timeutil import local_today


def dated_name(*parts: str | None, ext: str) -> str:
    """'demo-tellingen-2026-11-24.csv': the given parts that are set, then today's date in
    the municipality (not the server's UTC date, which is yesterday's before 01:00)."""
    return "-".join([*filter(None, parts), local_today().isoformat()]) + f".{ext}"


def file_response(
    body: bytes | str | Iterable[bytes] | Iterable[str],
    mimetype: str,
    filename: str,
    inline: bool = False,
) -> Response:
    """The body as a download (or shown in the browser when `inline`) under `filename`."""
    disposition = "inline" if inline else "attachment"
    return Response(
        body,
        mimetype=mimetype,
        headers={"Content-Disposition": f'{disposition}; filename="{filename}"'},
    )


def csv_dialect() -> tuple[CsvDialect, str | None]:
    """?format=excel asks for the CSV Dutch Excel opens right (';', decimal comma, BOM, CRLF);
    the dialect, and the word the file name gets for it."""
    if request.args.get("format") == "excel":
        return EXCEL, "excel"
    return PLAIN, None
