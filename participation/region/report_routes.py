"""The regional council report (issue 30): a page, and a tagged PDF made from the same template.

The common part is written once, then a chapter per adopting municipality. For the region's
coordinators and partners (read-only); the figures are services.results.regional's, as
services.results.regional_council_report gathers them.
"""

from __future__ import annotations

import base64
from typing import Any

from babel.numbers import format_decimal
from flask import Response, render_template
from flask_babel import get_locale

from participation.domain.stats import half_up
from participation.models import RegionScope
from participation.region import bp
from participation.renderers.regional_exports import chart_description
from participation.services.results.regional_council_report import council_report
from participation.timeutil import local_today
from participation.web.files import dated_name, file_response
from participation.web.print_documents import internal, pdf_from_template
from participation.web.region_lookups import regional_campaign_or_404
from participation.web.roles import region_scope, region_scope_required

READERS = (RegionScope.COORDINATOR, RegionScope.PARTNER)
TEMPLATE = "region/report.html"


def per_thousand(value: float | None) -> str:
    """Turnout per 1,000 inhabitants with two decimals, as the JSON and the CSV give it."""
    if value is None:
        return "–"
    return format_decimal(half_up(value, 2), format="0.00", locale=str(get_locale() or "nl"))


def _context(slug: str) -> tuple[dict[str, Any], bytes | None]:
    """The template's values, and the chart as SVG (None without votes)."""
    report = council_report(regional_campaign_or_404(slug))
    svg = None
    if report.results.total.ballots:
        from participation.renderers.regional_chart import chart_bytes  # matplotlib

        svg = chart_bytes(report.results, "svg")
    context = {
        "report": report,
        "results": report.results,
        "campaign": report.regional,
        "chart_alt": chart_description(report.results),
        "per_thousand": per_thousand,
        "coordinator": region_scope() is RegionScope.COORDINATOR,
        "today": local_today(),
    }
    return context, svg


@bp.get("/results/<slug>/report")
@region_scope_required(*READERS)
def council_report_page(slug: str) -> str:
    """The regional council report as a page; the PDF is made from the same template."""
    context, svg = _context(slug)
    source = "data:image/svg+xml;base64," + base64.b64encode(svg or b"").decode("ascii")
    return render_template(TEMPLATE, chart_src=source, **context)


@bp.get("/results/<slug>/report.pdf")
@region_scope_required(*READERS)
def council_report_pdf(slug: str) -> Response:
    """The report as a tagged PDF (PDF/UA-1), its chart as SVG with its alt text."""
    context, svg = _context(slug)
    files = {"regio.svg": (svg, "image/svg+xml")} if svg is not None else {}
    pdf = pdf_from_template(TEMPLATE, files, chart_src=internal("regio.svg"), **context)
    return file_response(pdf, "application/pdf", dated_name(slug, "regio-rapport", ext="pdf"))
