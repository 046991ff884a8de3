"""QR codes for a campaign's ballot link, per village and per source tag."""

from __future__ import annotations

from datetime import date

from flask import Response, abort, render_template, request, url_for

from participation.domain.sources import clean_source_tag
from participation.models import Campaign, StaffRole
from participation.services.qr import qr_png, qr_svg
from participation.staff import bp
from participation.staff.auth import role_required
from participation.staff.campaign_routes import campaign_or_404

FORMATS = {"svg": ("image/svg+xml", qr_svg), "png": ("image/png", qr_png)}


def ballot_link(campaign: Campaign) -> tuple[str, str | None, str | None]:
    """The ballot URL with ?dorp= and ?bron= from the query, checked; nothing about a person."""
    village = request.args.get("dorp") or None
    if village is not None and village not in {area.slug for area in campaign.areas}:
        village = None
    source = clean_source_tag(request.args.get("bron"))
    url = url_for("vote.ballot", slug=campaign.slug, dorp=village, bron=source, _external=True)
    return url, village, source


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
    name = "-".join(filter(None, [campaign.slug, "qr", village, source, date.today().isoformat()]))
    disposition = "attachment" if request.args.get("download") else "inline"
    return Response(
        render(url),
        mimetype=mimetype,
        headers={"Content-Disposition": f'{disposition}; filename="{name}.{fmt}"'},
    )
