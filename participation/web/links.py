"""Links that leave the app (QR codes, posters, slips, kiosk and invite links) and their host."""

from __future__ import annotations

from flask import current_app, url_for


def public_url(endpoint: str, **values: object) -> str:
    """An absolute URL on PUBLIC_BASE_URL, so print never carries the Host a request claimed.

    Production refuses to start without PUBLIC_BASE_URL (security.check_production). Only in
    development and tests, where nobody prints for residents, does this request's host stand in.
    """
    base = current_app.config.get("PUBLIC_BASE_URL")
    if not base:
        return url_for(endpoint, _external=True, **values)
    return base.rstrip("/") + url_for(endpoint, **values)
