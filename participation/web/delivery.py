"""Light on the wire: compressed answers, static files addressed by their content, cached long.

Flask-Compress compresses HTML, CSS, JavaScript, JSON, CSV and SVG with Brotli when the
browser accepts it, else gzip. Every url_for('static', ...) carries the file's content hash
(?v=…): such an address never changes meaning, so browsers keep it for a year; the same file
asked for without its current hash (an old page, the kiosk's service worker) is revalidated.
"""

from __future__ import annotations

import hashlib
from contextlib import suppress
from pathlib import Path
from typing import Any

from flask import Flask, Response, request
from flask_compress import Compress

YEAR = 365 * 24 * 3600
COMPRESSED = [
    "text/html",
    "text/css",
    "text/javascript",
    "application/javascript",
    "application/json",
    "text/csv",
    "image/svg+xml",
]
compress = Compress()


def register(app: Flask) -> None:
    app.config.setdefault("COMPRESS_MIMETYPES", COMPRESSED)
    app.config.setdefault("COMPRESS_ALGORITHM", ["br", "gzip"])
    app.config.setdefault("COMPRESS_ALGORITHM_STREAMING", ["br", "deflate"])
    compress.init_app(app)
    folder = Path(app.static_folder or "")
    hashes: dict[str, str] = {}

    def content_hash(filename: str) -> str:
        if filename not in hashes or app.debug:  # in development files change under us
            target = (folder / filename).resolve()
            data = target.read_bytes() if target.is_relative_to(folder.resolve()) else b""
            hashes[filename] = hashlib.sha256(data).hexdigest()[:12]
        return hashes[filename]

    @app.url_defaults
    def hashed_static(endpoint: str, values: dict[str, Any]) -> None:
        if endpoint == "static" and "filename" in values and "v" not in values:
            with suppress(OSError):  # no such file: the link 404s as before
                values["v"] = content_hash(values["filename"])

    @app.after_request
    def cache_static(response: Response) -> Response:
        if request.endpoint != "static" or response.status_code != 200:
            return response
        filename = (request.view_args or {}).get("filename", "")
        current = request.args.get("v") == content_hash(filename)
        response.headers["Cache-Control"] = (
            f"public, max-age={YEAR}, immutable" if current else "no-cache"
        )
        return response
