"""HTML print pages to tagged PDF with WeasyPrint: one source for the page and the document.

PDF/UA-1 (WeasyPrint's accessible variant): tagged structure from the HTML, the title from
<title>, the language from <html lang>, fonts embedded. Resources come only from memory
(charts as SVG, the logo) and the app's own stylesheets, never over the network.

Each thread keeps one WeasyPrint font configuration (the fonts are found and loaded once),
and the last PDFs made are kept by a digest of their page and pictures: the same page with
the same pictures is the same PDF, so asking again costs no layout.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import Any

from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from participation.renderers.pdf_tags import mend_tables

# Addresses the print pages use for their pictures; the PDF gets them from memory.
INTERNAL = "internal:"


class InternalFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint ships no types
    """Serves `files` (name → bytes, type) and the app's own stylesheets, and refuses the
    rest: a print page can never reach out of the app, and a missing picture stops the PDF."""

    def __init__(
        self,
        files: Mapping[str, tuple[bytes, str]],
        stylesheet: Callable[[str], bytes | None],
    ) -> None:
        super().__init__(allowed_protocols={"data"}, fail_on_errors=True)
        self._files = files
        self._stylesheet = stylesheet

    def digest(self) -> str:
        """What the pictures are: their names, types and bytes."""
        found = hashlib.sha256()
        for name in sorted(self._files):
            data, mimetype = self._files[name]
            found.update(f"{name}\n{mimetype}\n{len(data)}\n".encode())
            found.update(data)
        return found.hexdigest()

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        if url.startswith(INTERNAL):
            data, mimetype = self._files[url.removeprefix(INTERNAL)]
            return URLFetcherResponse(url, data, {"Content-Type": mimetype})
        if url.startswith("data:"):
            return super().fetch(url, headers)
        css = self._stylesheet(url)
        if css is None:
            raise ValueError(f"print pages load nothing from outside: {url}")
        return URLFetcherResponse(url, css, {"Content-Type": "text/css"})


KEPT_BYTES = 24_000_000  # the PDFs kept per process, at most this much together
_kept: OrderedDict[str, bytes] = OrderedDict()
_lock = threading.Lock()
_fonts = threading.local()


def _font_config() -> FontConfiguration:
    """This thread's font configuration, made once: the print pages load no web fonts
    (no @font-face), so every PDF can use the same one."""
    found = getattr(_fonts, "config", None)
    if found is None:
        found = _fonts.config = FontConfiguration()
    return found


def html_pdf(html: str, fetcher: InternalFetcher, base_url: str) -> bytes:
    """The page as a tagged, accessible PDF (PDF/UA-1); the same page with the same pictures
    again gives the PDF kept from the first time."""
    key = hashlib.sha256(f"{base_url}\n{fetcher.digest()}\n{html}".encode()).hexdigest()
    with _lock:
        if key in _kept:
            _kept.move_to_end(key)
            return _kept[key]
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    pdf = mend_tables(document.write_pdf(pdf_variant="pdf/ua-1", font_config=_font_config()))
    with _lock:
        _kept[key] = pdf
        while sum(len(kept) for kept in _kept.values()) > KEPT_BYTES and len(_kept) > 1:
            _kept.popitem(last=False)
    return pdf


def forget() -> None:
    """Drop every kept PDF (tests, and the benchmark's cold runs)."""
    with _lock:
        _kept.clear()
