"""QR codes for a campaign's ballot link, per village and per source tag."""

from __future__ import annotations

from flask import Response, abort, render_template, request
from flask_login import current_user

from participation.domain.sources import clean_source_tag
from participation.models import Campaign, StaffRole
from participation.renderers import posters
from participation.renderers.qr import qr_png, qr_svg
from participation.services.campaigns import campaign_edits
from participation.staff import bp
from participation.web.access import campaign_or_404
from participation.web.files import dated_name, file_response
from participation.web.links import ballot_url, print_text
from participation.web.roles import role_required

FORMATS = {"svg": ("image/svg+xml", qr_svg), "png": ("image/png", qr_png)}
PRINTS = {
    "poster-a4": lambda text: posters.poster_pdf(text, "a4"),
    "poster-a3": lambda text: posters.poster_pdf(text, "a3"),
    "flyers-a6": posters.flyer_sheet_pdf,
}


def ballot_link(campaign: Campaign) -> tuple[str, str | None, str | None]:
    """The ballot URL with ?dorp= and ?bron= from the query, checked; nothing about a person."""
    village = request.args.get("dorp") or None
    if village is not None and village not in {area.slug for area in campaign.areas}:
        village = None
    source = clean_source_tag(request.args.get("bron"))
    return ballot_url(campaign, dorp=village, bron=source), village, source


@bp.get("/campaigns/<slug>/qr")
@role_required(StaffRole.VIEWER)
def qr_page(slug: str) -> str:
    campaign = campaign_or_404(slug)
    url, village, source = ballot_link(campaign)
    return render_template(
        "staff/qr.html",
        campaign=campaign,
        url=url,
        village=village,
        source=source,
        bad_source=bool(request.args.get("bron")) and not source,
    )


@bp.get("/campaigns/<slug>/qr.<fmt>")
@role_required(StaffRole.VIEWER)
def qr_image(slug: str, fmt: str) -> Response:
    if fmt not in FORMATS:
        abort(404)
    campaign = campaign_or_404(slug)
    url, village, source = ballot_link(campaign)
    mimetype, render = FORMATS[fmt]
    return file_response(
        render(url),
        mimetype,
        dated_name(campaign.slug, "qr", village, source, ext=fmt),
        inline=not request.args.get("download"),
    )


@bp.get("/campaigns/<slug>/print/<kind>.<fmt>")
@role_required(StaffRole.VIEWER)
def print_file(slug: str, kind: str, fmt: str) -> Response:
    """A poster or flyer sheet as PDF, or its first page as a PNG preview."""
    if kind not in PRINTS or fmt not in {"pdf", "png"}:
        abort(404)
    campaign = campaign_or_404(slug)
    url, village, source = ballot_link(campaign)
    pdf = PRINTS[kind](print_text(campaign, url, village))
    if fmt == "png":
        return Response(posters.preview_png(pdf), mimetype="image/png")
    campaign_edits.record_print(campaign, kind, current_user)
    name = dated_name(campaign.slug, kind, village, source, ext="pdf")
    return file_response(pdf, "application/pdf", name)
