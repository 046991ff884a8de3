"""The region's results at three levels (issue 30): page, JSON, tallies CSV, workbook, chart.

The region's coordinators and partners see live counts; the public each municipality's
release, once a coordinator published the regional results (the button here, audited).
"""

from __future__ import annotations

from flask import (
    Response,
    abort,
    current_app,
    flash,
    g,
    jsonify,
    redirect,
    render_template,
    url_for,
)
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response as BaseResponse

from participation.domain.regional_data import RegionalResults
from participation.i18n import limit_to_text_languages, open_to_residents
from participation.models import RegionalCampaign, RegionScope
from participation.region import bp
from participation.renderers.regional_exports import chart_description, regional_csv, regional_json
from participation.services.results import regional
from participation.web.files import csv_dialect, dated_name, file_response
from participation.web.region_lookups import regional_campaign_or_404
from participation.web.roles import region_scope, region_scope_required

NOT_PUBLISHED = _l(
    "The region has not published these results yet. Each municipality's own results page "
    "shows what it released."
)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class PublishForm(FlaskForm):
    """Only the CSRF token: publishing shows each municipality's latest release."""


def _scope() -> RegionScope | None:
    """The visitor's scope in the region, asked once per request."""
    if "region_results_scope" not in g:
        g.region_results_scope = region_scope()
    found: RegionScope | None = g.region_results_scope
    return found


def _campaign(slug: str) -> RegionalCampaign:
    """The region's campaign, if this visitor may read its results; 404 otherwise."""
    found = regional_campaign_or_404(slug)
    if _scope() is None and found.results_published_at is None:
        abort(404, description=NOT_PUBLISHED)
    return found


def _results(found: RegionalCampaign) -> RegionalResults:
    """Live for the region's coordinators and partners; what was released for the public."""
    public = _scope() is None
    if public:  # a residents' page: in their languages, as far as the texts are written
        open_to_residents()
        limit_to_text_languages(regional.languages(found, current_app.config["LANGUAGES"]))
    return regional.gather(found, public)


@bp.get("/results/<slug>")
def results_page(slug: str) -> str:
    """The three levels on one page, Dutch first; for the public also in English and Polish."""
    found = _campaign(slug)
    results = _results(found)
    scope = _scope()
    return render_template(
        "region/results.html",
        campaign=found,
        results=results,
        scope=scope,
        coordinator=scope is RegionScope.COORDINATOR,
        form=PublishForm(),
        chart_alt=chart_description(results),
    )


@bp.get("/results/<slug>.json")
def results_json(slug: str) -> Response:
    """The regional results contract (renderers.regional_exports.regional_json)."""
    return jsonify(regional_json(_results(_campaign(slug))))


@bp.get("/results/<slug>/tallies.csv")
def results_csv(slug: str) -> Response:
    """The tallies at every level (column `level`); ?format=excel for Dutch Excel."""
    found = _campaign(slug)
    dialect, variant = csv_dialect()
    return file_response(
        regional_csv(_results(found), dialect),
        "text/csv",
        dated_name(found.slug, "regio-tellingen", variant, ext="csv"),
    )


@bp.get("/results/<slug>/workbook.xlsx")
def results_workbook(slug: str) -> Response:
    """A sheet per level (Regio, Regio gewogen, Per gemeente, Per dorp) and Toelichting."""
    from participation.renderers.regional_workbook import regional_workbook

    found = _campaign(slug)
    return file_response(
        regional_workbook(_results(found)),
        XLSX,
        dated_name(found.slug, "regio-uitslag", ext="xlsx"),
    )


@bp.get("/results/<slug>/chart.<fmt>")
def results_chart(slug: str, fmt: str) -> Response:
    """The region's share per common theme, each municipality's beside it (PNG or SVG)."""
    from participation.renderers.regional_chart import chart_bytes

    if fmt not in {"png", "svg"}:
        abort(404)
    found = _campaign(slug)
    return file_response(
        chart_bytes(_results(found), fmt),
        "image/png" if fmt == "png" else "image/svg+xml",
        dated_name(found.slug, "regio-grafiek", ext=fmt),
        inline=True,
    )


@bp.post("/results/<slug>/publish")
@region_scope_required(RegionScope.COORDINATOR)
def publish(slug: str) -> BaseResponse:
    return _publish(slug, True)


@bp.post("/results/<slug>/unpublish")
@region_scope_required(RegionScope.COORDINATOR)
def unpublish(slug: str) -> BaseResponse:
    return _publish(slug, False)


def _publish(slug: str, published: bool) -> BaseResponse:
    found = regional_campaign_or_404(slug)
    if not PublishForm().validate_on_submit():
        flash(_l("The form had expired; nothing was changed. Try again."), "error")
        return redirect(url_for("region.results_page", slug=slug))
    regional.publish(found, current_user, published)
    if published:
        flash(_l("The regional results are public now."), "success")
    else:
        flash(_l("The regional results are no longer public."), "success")
    return redirect(url_for("region.results_page", slug=slug))
