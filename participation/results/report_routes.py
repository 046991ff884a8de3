"""The report for the council: a page, and a tagged PDF made from the same template."""

import base64
from typing import Any

from flask import Response, render_template

from participation.models import StaffRole
from participation.results import bp
from participation.services.campaigns import associations
from participation.services.results import documents, releases
from participation.services.results.counting import campaign_results
from participation.timeutil import local_today
from participation.web.access import campaign_or_404
from participation.web.files import dated_name, file_response
from participation.web.print_documents import internal, pdf_from_template
from participation.web.roles import role_required


def _report_context(slug: str) -> dict[str, Any]:
    from participation.renderers.chart_base import describe  # matplotlib loads with a chart

    # The report goes to the council and beyond: its figures, charts included, are those of
    # the document for outsiders (small villages and channels folded; services.results.outside).
    # Once figures are released, the report shows the latest release: a report of today's
    # count beside a release would let anyone holding both subtract the few ballots between.
    campaign = campaign_or_404(slug)
    latest = releases.latest(campaign)
    if latest is not None:
        counted = releases.released_results(campaign, latest)
        assert counted is not None  # None only when there is no release
    else:
        counted = campaign_results(campaign)
    document = documents.campaign_document(campaign, counted)
    assert document.outside is not None  # campaign_document always fills it
    return {
        "results": document.outside.results,
        "release": latest,
        "document": document,
        "current_views": associations.current_views(campaign),
        "caveats": documents.caveats(campaign),
        "describe_chart": describe,
        "today": local_today(),
    }


@bp.get("/<slug>/rapport")
@role_required(StaffRole.VIEWER)
def report(slug: str) -> str:
    """The report for the council as a page; the PDF is made from the same template."""
    from participation.renderers.report_charts import report_charts

    context = _report_context(slug)
    drawn = report_charts(context["results"], heat_map_chart=True)

    def chart_src(name: str) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(drawn.svg[name]).decode("ascii")

    return render_template("results/report.html", chart_src=chart_src, drawn=drawn, **context)


@bp.get("/<slug>/rapport.pdf")
@role_required(StaffRole.VIEWER)
def report_pdf(slug: str) -> Response:
    """The report as a tagged PDF (PDF/UA-1): charts as SVG at their printed size with their
    alt text, the heat map as a table. Charts and PDF are kept while the figures stay."""
    from participation.renderers.report_charts import report_charts

    context = _report_context(slug)
    drawn = report_charts(context["results"])
    files = {f"{name}.svg": (svg, "image/svg+xml") for name, svg in drawn.svg.items()}
    pdf = pdf_from_template(
        "results/report.html",
        files,
        chart_src=lambda name: internal(f"{name}.svg"),
        drawn=drawn,
        **context,
    )
    return file_response(pdf, "application/pdf", dated_name(slug, "rapport", ext="pdf"))
