"""Staff results page and the tallies CSV."""

from datetime import date

from flask import Response, abort, render_template, request
from flask_login import login_required

from participation.models.ballots import Channel
from participation.results import bp
from participation.results.access import campaign_or_404, readable_campaign
from participation.services.exports import tallies_csv
from participation.services.results import ballots_by_source, campaign_results

CHANNELS = {channel.value for channel in Channel}


@bp.get("/<slug>")
@login_required
def overview(slug: str) -> str:
    campaign = campaign_or_404(slug)
    return render_template(
        "results/overview.html",
        results=campaign_results(campaign),
        sources=ballots_by_source(campaign),
    )


@bp.get("/<slug>/tallies.csv")
def tallies(slug: str) -> Response:
    """The tallies CSV; ?kanaal=web|qr|stand|paper limits it to one channel, same columns."""
    campaign = readable_campaign(slug)
    channel = request.args.get("kanaal")
    if channel is not None and channel not in CHANNELS:
        abort(400)
    suffix = f"-{channel}" if channel else ""
    filename = f"{campaign.slug}-tellingen{suffix}-{date.today().isoformat()}.csv"
    return Response(
        tallies_csv(campaign_results(campaign, channel)),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
