"""Staff results page and the tallies CSV."""

from datetime import date

from flask import Response, render_template
from flask_login import login_required

from participation.results import bp
from participation.results.access import campaign_or_404, readable_campaign
from participation.services.exports import tallies_csv
from participation.services.results import campaign_results


@bp.get("/<slug>")
@login_required
def overview(slug: str) -> str:
    results = campaign_results(campaign_or_404(slug))
    return render_template("results/overview.html", results=results)


@bp.get("/<slug>/tallies.csv")
def tallies(slug: str) -> Response:
    campaign = readable_campaign(slug)
    filename = f"{campaign.slug}-tellingen-{date.today().isoformat()}.csv"
    return Response(
        tallies_csv(campaign_results(campaign)),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
