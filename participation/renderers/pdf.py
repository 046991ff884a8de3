"""HTML print pages to tagged PDF with WeasyPrint: one source for the page and the document.

PDF/UA-1 (WeasyPrint's accessible variant): tagged structure from the HTML, the title from
<title>, the language from <html lang>, fonts embedded. Resources come only from memory
(charts as SVG, the logo) and the app's own stylesheets, never over the network.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from participation.renderers.pdf_tags import mend_tables

# Addresses the print pages use for their pictures; the PDF gets them from memory.
INTERNAL = "internal:"


class InternalFetcher(URLFetcher):
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

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        if url.startswith(INTERNAL):
            data, mimetype = self._files[url.removeprefix(INTERNAL)]
            return URLFetcherResponse(url, data, {"Content-Type": mimetype})
        if url.startswith("data:"):
            return super().fetch(url, headers)  # type: ignore[no-any-return]
        css = self._stylesheet(url)
        if css is None:
            raise ValueError(f"print pages load nothing from outside: {url}")
        return URLFetcherResponse(url, css, {"Content-Type": "text/css"})


def html_pdf(html: str, fetcher: URLFetcher, base_url: str) -> bytes:
    """The page as a tagged, accessible PDF (PDF/UA-1)."""
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    return mend_tables(document.write_pdf(pdf_variant="pdf/ua-1"))
