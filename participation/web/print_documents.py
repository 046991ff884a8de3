"""PDFs from the print pages: the same template renders the page and, in Dutch, the PDF."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from flask import current_app, render_template, request
from flask_babel import force_locale

from participation.domain.printable import printable
from participation.services import municipality

if TYPE_CHECKING:
    from participation.renderers.pdf import InternalFetcher


def _static_file(url: str) -> bytes | None:
    """A stylesheet under /static, read from the app's own folder; None for anything else.
    Under a region host's /<municipality>/ path the address carries that prefix too."""
    path = urlsplit(url).path.removeprefix(request.script_root)
    if not path.startswith("/static/") or not path.endswith(".css"):
        return None
    folder = Path(current_app.static_folder or "").resolve()
    target = (folder / path.removeprefix("/static/")).resolve()
    return target.read_bytes() if target.is_relative_to(folder) and target.is_file() else None


def pdf_from_template(
    template: str, files: dict[str, tuple[bytes, str]] | None = None, **context: Any
) -> bytes:
    """The template with printing=True as a tagged PDF; `files` are the pictures it names
    as internal:<name> (charts), the municipality's logo is added as internal:logo.

    Every character of the page, and of the SVG charts' text, passes domain.printable first:
    whatever a resident, an association or staff typed, WeasyPrint can lay it out.
    """
    from participation.renderers.pdf import InternalFetcher  # WeasyPrint loads with a PDF

    files = {name: _printable_svg(data, kind) for name, (data, kind) in (files or {}).items()}
    logo = municipality.logo()
    if logo is not None:
        files["logo"] = logo
    with force_locale("nl"):
        html = printable(render_template(template, printing=True, **context))
    return html_pdf(html, InternalFetcher(files, _static_file), base_url=request.url_root)


def html_pdf(html: str, fetcher: InternalFetcher, base_url: str) -> bytes:
    """renderers.pdf.html_pdf, imported with WeasyPrint only when a PDF is made."""
    from participation.renderers import pdf

    return pdf.html_pdf(html, fetcher, base_url=base_url)


def _printable_svg(data: bytes, kind: str) -> tuple[bytes, str]:
    """A chart's SVG (matplotlib's, UTF-8) with printable text; anything else unchanged."""
    if kind != "image/svg+xml":
        return data, kind
    try:
        return printable(data.decode("utf-8")).encode("utf-8"), kind
    except UnicodeDecodeError:
        return data, kind


def internal(name: str) -> str:
    """The address a print page uses for a picture handed to pdf_from_template."""
    from participation.renderers.pdf import INTERNAL

    return INTERNAL + name
