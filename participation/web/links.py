"""Links that leave the app (QR codes, posters, slips, kiosk and invite links) and print text."""

from __future__ import annotations

import ipaddress
from typing import Any
from urllib.parse import urlsplit

from flask import request, url_for
from flask_babel import lazy_gettext as _l

from participation import tenancy
from participation.models import Campaign
from participation.renderers import posters
from participation.renderers.brand import Brand
from participation.services import municipality
from participation.services.campaigns import campaign_edits
from participation.services.regions import adoption
from participation.web.tenant import PATH_MUNICIPALITY


def public_url(endpoint: str, **values: Any) -> str:
    """An absolute URL on PUBLIC_BASE_URL, so print never carries the Host a request claimed.

    Production refuses to start without PUBLIC_BASE_URL (security.check_production). Only in
    development and tests, where nobody prints for residents, does this request's host stand in.
    """
    base = municipality.public_address()
    if not base:
        return url_for(endpoint, _external=True, **values)
    return base + url_for(endpoint, **values)


def scheme_and_port() -> tuple[str, str]:
    """This request's scheme and port (`:5000`, or empty), for addresses on other hosts."""
    port = f":{request.host.rpartition(':')[2]}" if request.host.count(":") == 1 else ""
    return request.scheme, port


def ballot_url(campaign: Campaign, **values: Any) -> str:
    """The ballot's address for print, QR codes and staff pages. A campaign adopted from a
    regional campaign is voted on the region's host under the municipality's path (one cookie
    there, so one phone votes once in the region); any other on the municipality's address."""
    prefix = adoption.ballot_prefix(campaign, *scheme_and_port())
    if prefix is None:
        return public_url("vote.ballot", slug=campaign.slug, **values)
    return prefix + url_for("vote.ballot", slug=campaign.slug, **values).removeprefix(
        request.script_root
    )


def regional_ballot_redirect(campaign: Campaign) -> str | None:
    """Where an adopted campaign's ballot asked on the municipality's own host is voted (the
    same path and query on the region's host), or None where it is voted here."""
    if request.environ.get(PATH_MUNICIPALITY) is not None:
        return None  # already on the region's host
    prefix = adoption.ballot_prefix(campaign, *scheme_and_port())
    if prefix is None:
        return None
    query = request.query_string.decode()
    return prefix + request.path + (f"?{query}" if query else "")


def _typed_link(url: str) -> str:
    """The link as people type it from print: host and path, no scheme or query."""
    parts = urlsplit(url)
    return f"{parts.netloc}{parts.path}"


def print_text(campaign: Campaign, url: str, village: str | None) -> posters.PrintText:
    names = {area.slug: area.name for area in campaign.areas}
    return posters.PrintText(
        brand=print_brand(),
        title=campaign.title,
        url=url,
        short_link=_typed_link(url),
        closes_at=campaign.closes_at,
        village=names.get(village or ""),
        sample=print_address_problem() is not None,
    )


def outcome_print_text(campaign: Campaign, priorities: list[str]) -> posters.PrintText:
    """The feedback poster's words: what was chosen, and a QR code to the outcome page."""
    url = public_url("info.outcome_short_link", slug=campaign.slug)
    return posters.PrintText(
        brand=print_brand(),
        title=posters.FEEDBACK_TITLE,
        url=url,
        short_link=_typed_link(url),
        closes_at=None,
        sample=print_address_problem() is not None,
        action_text=f"{_sentence(campaign.title)} {posters.FEEDBACK_ACTION}",
        items=tuple(priorities),
        scan_text=posters.FEEDBACK_SCAN,
        reassurance=None,
    )


def _sentence(text: str) -> str:
    """The text ending as a sentence: 'Veilig wonen.' and 'Wat vindt u belangrijk?' as they are."""
    return text if text.endswith((".", "?", "!")) else text + "."


def print_brand() -> Brand:
    """The municipality's look with its logo's bytes, for print and reports."""
    look = municipality.current()
    logo = municipality.logo() if look.has_logo else None
    return Brand(
        name=look.name,
        colour=look.colour,
        logo=logo[0] if logo else None,
        logo_type=logo[1] if logo else None,
        contact_line=look.contact_line,
    )


# Routes whose <slug> is a campaign's short name (not a survey's).
CAMPAIGN_ROUTES = ("/v/", "/u/", "/results/", "/api/v1/campaigns/", "/staff/campaigns/")


def renamed_campaign_url() -> str | None:
    """For a 404 on a campaign route: the same address under the campaign's current short
    name, when the one asked for is an earlier name of it; None otherwise."""
    slug = (request.view_args or {}).get("slug")
    rule = request.url_rule.rule if request.url_rule else ""
    if not slug or not rule.startswith(CAMPAIGN_ROUTES) or request.endpoint is None:
        return None
    if tenancy.chosen_id() is None:  # an unknown host: nobody's campaigns to look in
        return None
    current = campaign_edits.current_slug(slug)
    if current is None:
        return None
    url = url_for(request.endpoint, **{**(request.view_args or {}), "slug": current})
    query = request.query_string.decode()
    return f"{url}?{query}" if query else url


NO_PUBLIC_ADDRESS = _l(
    "No public address is set (PUBLIC_BASE_URL), so QR codes and links point to %(host)s, "
    "which residents cannot reach. Print made now says VOORBEELD: ask your administrator to "
    "set the public address before you print."
)


def print_address_problem() -> str | None:
    """Why print made now would carry a wrong address, or None when the public one is set.

    Unset, or a loopback, private or local name (127.0.0.1, 10.x, localhost, *.local).
    """
    public = municipality.public_address()
    host = urlsplit(public or request.host_url).hostname or ""
    if not public or _internal(host):
        return str(NO_PUBLIC_ADDRESS % {"host": host or "?"})
    return None


def _internal(host: str) -> bool:
    if host == "localhost" or host.endswith((".localhost", ".local", ".internal", ".lan")):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return "." not in host  # a bare machine name
    return address.is_private or address.is_loopback or address.is_link_local
