"""Links that leave the app (QR codes, posters, slips, kiosk and invite links) and print text."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, url_for

from participation.models import Campaign
from participation.renderers import posters


def public_url(endpoint: str, **values: object) -> str:
    """An absolute URL on PUBLIC_BASE_URL, so print never carries the Host a request claimed.

    Production refuses to start without PUBLIC_BASE_URL (security.check_production). Only in
    development and tests, where nobody prints for residents, does this request's host stand in.
    """
    base = current_app.config.get("PUBLIC_BASE_URL")
    if not base:
        return url_for(endpoint, _external=True, **values)
    return base.rstrip("/") + url_for(endpoint, **values)


def print_text(campaign: Campaign, url: str, village: str | None) -> posters.PrintText:
    short = urlsplit(url)
    names = {area.slug: area.name for area in campaign.areas}
    return posters.PrintText(
        municipality=current_app.config["MUNICIPALITY_NAME"],
        title=campaign.title,
        url=url,
        short_link=f"{short.netloc}{short.path}",
        closes_at=campaign.closes_at,
        village=names.get(village or ""),
    )
