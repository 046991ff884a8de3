"""Staff results page and the tallies CSV."""

from flask import (
    Response,
    abort,
    render_template,
    request,
)
from flask_babel import get_locale

from participation.domain.result_data import ANY_TIME
from participation.i18n import limit_to_campaign
from participation.models import StaffRole
from participation.renderers.exports import tallies_csv
from participation.results import bp
from participation.results.forms import ResultsFilter
from participation.services.campaigns import associations, indicators
from participation.services.outcome import cycles, outcome
from participation.services.results import documents, participants, releases
from participation.services.results.counting import campaign_results
from participation.services.results.sources import ballots_by_source
from participation.timeutil import utcnow
from participation.web import tenant
from participation.web.access import (
    Page,
    campaign_or_404,
    channel_filter,
    readable_campaign,
    results_for_viewer,
    sees_unreleased,
    trust_filter,
)
from participation.web.files import csv_dialect, dated_name, file_response
from participation.web.labels import chart_words
from participation.web.roles import role_required


@bp.get("/<slug>")
@role_required(StaffRole.VIEWER)
def overview(slug: str) -> Page:
    """Staff results: ranked total, villages, breakdowns; filtered by the query."""
    from participation.renderers.chart_base import describe  # matplotlib loads with a chart

    campaign = campaign_or_404(slug)
    form = ResultsFilter.for_campaign(campaign, request.args)
    valid = form.validate()
    results = campaign_results(
        campaign,
        channel=form.kanaal.data or None if valid else None,
        min_trust=form.vertrouwen.data or None if valid else None,
        period=form.period() if valid else ANY_TIME,
    )
    unfiltered = valid and not (
        form.kanaal.data or form.vertrouwen.data or results.period != ANY_TIME
    )
    page = render_template(
        "results/overview.html",
        campaign=campaign,
        results=results,
        participants=participants.by_channel(results.channels),
        # A filtered count beside the whole previous one would mislead.
        comparison=cycles.comparison_for(campaign, results) if unfiltered else None,
        form=form,
        village=results.village(form.dorp.data) if valid and form.dorp.data else None,
        sources=ballots_by_source(campaign),
        describe_chart=describe,
        views=associations.current_views(campaign),
        figures=indicators.by_theme(campaign),
        core_figures=indicators.by_core(campaign),
        counted_at=utcnow(),
    )
    return page, 200 if valid else 400


@bp.get("/<slug>/openbaar")
def public(slug: str) -> str:
    """The residents' results page: the latest release; staff may preview it before that."""
    from participation.renderers.chart_base import describe

    campaign = readable_campaign(slug)
    limit_to_campaign(campaign)
    latest = releases.latest(campaign)
    results = releases.released_results(campaign, latest)
    return render_template(
        "results/public.html",
        campaign=campaign,
        release=latest,
        results=results,
        shown=[v for v in results.villages if v.tally.ballots] if results else [],
        describe_chart=describe,
        chart_words=chart_words(str(get_locale())),
        outcome_public=outcome.is_published(campaign),
    )


@bp.get("/<slug>/tallies.csv")
def tallies(slug: str) -> Response:
    """The tallies CSV; ?kanaal=web|qr|stand|paper limits it to one channel, ?vertrouwen= to a
    trust level and surer ones (stand, code, device); the columns stay the same."""
    campaign = readable_campaign(slug)
    channel, min_trust = channel_filter(), trust_filter()
    dialect, variant = csv_dialect()
    return file_response(
        tallies_csv(results_for_viewer(campaign, channel, min_trust), dialect),
        "text/csv",
        dated_name(campaign.slug, "tellingen", channel, min_trust, variant, ext="csv"),
    )


@bp.get("/<slug>/grafiek/<name>.<fmt>")
def chart(slug: str, name: str, fmt: str) -> Response:
    """A chart as PNG (print quality) or SVG; visitors without a login get small groups hidden."""
    from participation.renderers import charts

    if name not in charts.CHARTS or fmt not in {"png", "svg"}:
        abort(404)
    campaign = readable_campaign(slug)
    results = results_for_viewer(campaign, min_trust=trust_filter())
    public = not sees_unreleased()
    phone = request.args.get("formaat") == "telefoon" and name in charts.PHONE_CHARTS
    draw = charts.PHONE_CHARTS[name] if phone else charts.CHARTS[name]
    worded = (
        {"words": chart_words(request.args.get("taal"))} if name in charts.WORDED_CHARTS else {}
    )
    data = charts.render(draw(results, public=public, **worded), fmt)
    response = file_response(
        data,
        "image/png" if fmt == "png" else "image/svg+xml",
        dated_name(campaign.slug, "grafiek", name, ext=fmt),
        inline=not request.args.get("download"),
    )
    if public:  # the same for everyone, and new ballots change it: a few minutes
        response.headers["Cache-Control"] = "public, max-age=300"
    return response


@bp.get("/<slug>/<kind>.xlsx")
@role_required(StaffRole.VIEWER)
def excel(slug: str, kind: str) -> Response:
    """'uitslag': every sheet with the anonymised ballots; 'totalen': without the ballots."""
    from participation.renderers import workbook  # openpyxl loads with the first workbook

    if kind not in {"uitslag", "totalen"}:
        abort(404)
    campaign = campaign_or_404(slug)
    results = campaign_results(campaign, min_trust=trust_filter())
    document = documents.campaign_document(campaign, results)
    rows = documents.ballot_rows(results) if kind == "uitslag" else None
    chunks = workbook.workbook(document, rows)
    return file_response(
        tenant.streamed(chunks),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        dated_name(campaign.slug, kind, ext="xlsx"),
    )


@bp.get("/<slug>/stemmen.csv")
@role_required(StaffRole.VIEWER)
def ballots(slug: str) -> Response:
    """The anonymised ballots, one row each, streamed as they are read."""
    from participation.renderers import workbook

    campaign = campaign_or_404(slug)
    results = campaign_results(campaign)
    dialect, variant = csv_dialect()
    rows = documents.ballot_rows(results)
    return file_response(
        tenant.streamed(workbook.ballots_csv(results, rows, dialect)),
        "text/csv",
        dated_name(campaign.slug, "stemmen", variant, ext="csv"),
    )
