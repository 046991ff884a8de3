"""The partner view on the region's host: rankings, figures, priorities; nothing changes."""

from __future__ import annotations

from flask import Response, abort, render_template, request

from participation.domain.vocabulary import CampaignStatus
from participation.models import RegionalCampaign, RegionScope
from participation.region import bp
from participation.services.regions import campaigns, partner
from participation.web.files import dated_name, file_response
from participation.web.region_lookups import regional_campaign_or_404
from participation.web.roles import region_scope, region_scope_required

DRAFT = CampaignStatus.DRAFT.value
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _campaign_or_404(slug: str) -> RegionalCampaign:
    """The region's campaign; a draft exists only for its coordinators."""
    found = regional_campaign_or_404(slug)
    if found.status == DRAFT and region_scope() is not RegionScope.COORDINATOR:
        abort(404)
    return found


@bp.get("/partner/")
@region_scope_required(RegionScope.PARTNER, RegionScope.COORDINATOR)
def partner_index() -> str:
    """The regional campaigns a partner can read (coordinators see drafts too)."""
    coordinator = region_scope() is RegionScope.COORDINATOR
    shown = [c for c in campaigns.all_campaigns() if coordinator or c.status != DRAFT]
    return render_template("region/partner_index.html", campaigns=shown)


@bp.get("/partner/<slug>")
@region_scope_required(RegionScope.PARTNER, RegionScope.COORDINATOR)
def partner_view(slug: str) -> str | Response:
    """One screen: the region's ranking beside each municipality's, the figures per level,
    the common and local priorities with their progress; ?format=xlsx: the workbook."""
    if request.args.get("format") == "xlsx":
        return _workbook(slug)
    campaign = _campaign_or_404(slug)
    return render_template("region/partner.html", campaign=campaign, view=partner.gather(campaign))


@bp.get("/partner/<slug>/workbook.xlsx")
@region_scope_required(RegionScope.PARTNER, RegionScope.COORDINATOR)
def partner_workbook(slug: str) -> Response:
    return _workbook(slug)


def _workbook(slug: str) -> Response:
    from participation.renderers import partner_workbook as renderer  # openpyxl loads here

    campaign = _campaign_or_404(slug)
    body = renderer.workbook(partner.gather(campaign))
    return file_response(body, XLSX, dated_name(campaign.slug, "partners", ext="xlsx"))
