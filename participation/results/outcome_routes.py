"""'What was done with your vote': the public outcome page, its JSON, the progress report."""

from flask import Response, abort, current_app, render_template

from participation.i18n import limit_to_campaign, limit_to_text_languages
from participation.models import StaffRole
from participation.results import bp
from participation.services.outcome import outcome, texts
from participation.services.regions import regional_outcome
from participation.timeutil import local_today
from participation.web.access import campaign_or_404, readable_outcome
from participation.web.files import dated_name, file_response
from participation.web.print_documents import pdf_from_template
from participation.web.roles import role_required


@bp.get("/<slug>/uitkomst")
def outcome_page(slug: str) -> str:
    # A campaign adopted from the region, once the region published its outcome: the common
    # priorities and this municipality's own (issue 30).
    regional = regional_outcome.municipal_view(campaign_or_404(slug))
    if regional is not None:
        limit_to_campaign(regional.campaign)
        return render_template("region/plan_municipal_outcome.html", view=regional)
    view = outcome.gather(readable_outcome(slug), public=True)
    # Only the languages the campaign's and the outcome's typed texts all exist in.
    limit_to_text_languages(texts.languages(view, current_app.config["LANGUAGES"]))
    return render_template(
        "results/outcome.html",
        view=view,
        villages=[v for v in view.results.villages if v.tally.ballots],
    )


@bp.get("/<slug>/voortgang")
@role_required(StaffRole.VIEWER)
def progress_report(slug: str) -> str:
    """The yearly progress report for the council; the PDF is made from the same template."""
    view = outcome.gather(campaign_or_404(slug), public=False)
    return render_template("results/progress.html", view=view, today=local_today())


@bp.get("/<slug>/voortgang.<fmt>")
@role_required(StaffRole.VIEWER)
def progress_file(slug: str, fmt: str) -> Response:
    from participation.renderers import progress_report as progress_workbook

    view = outcome.gather(campaign_or_404(slug), public=False)
    name = dated_name(slug, "voortgang", ext=fmt)
    if fmt == "pdf":
        pdf = pdf_from_template("results/progress.html", view=view, today=local_today())
        return file_response(pdf, "application/pdf", name)
    if fmt == "xlsx":
        mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        return file_response(progress_workbook.workbook(outcome.outcome_data(view)), mime, name)
    abort(404)
