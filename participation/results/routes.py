"""Staff results page and the tallies CSV."""

from datetime import date

from flask import Response, abort, render_template, request
from flask_login import login_required

from participation.models.ballots import Channel
from participation.results import bp
from participation.results.access import campaign_or_404, readable_campaign, trust_filter
from participation.services.exports import tallies_csv
from participation.services.results import ballots_by_source, campaign_results

CHANNELS = {channel.value for channel in Channel}


@bp.get("/<slug>")
@login_required
def overview(slug: str) -> str:
    campaign = campaign_or_404(slug)
    return render_template(
        "results/overview.html",
        results=campaign_results(campaign, min_trust=trust_filter()),
        sources=ballots_by_source(campaign),
    )


@bp.get("/<slug>/tallies.csv")
def tallies(slug: str) -> Response:
    """The tallies CSV; ?kanaal=web|qr|stand|paper limits it to one channel, ?vertrouwen= to a
    trust level and surer ones (stand, code, device); the columns stay the same."""
    campaign = readable_campaign(slug)
    channel = request.args.get("kanaal")
    if channel is not None and channel not in CHANNELS:
        abort(400)
    min_trust = trust_filter()
    suffix = "".join(f"-{part}" for part in (channel, min_trust) if part)
    filename = f"{campaign.slug}-tellingen{suffix}-{date.today().isoformat()}.csv"
    return Response(
        tallies_csv(campaign_results(campaign, channel, min_trust)),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
