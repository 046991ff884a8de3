"""Single-use voting codes: generate a batch, see how many were used, print the slips."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from participation.domain.codes import printed
from participation.models import StaffRole
from participation.renderers import posters
from participation.services.ballots import codes
from participation.staff import bp
from participation.staff.forms import CodeBatchForm
from participation.web.access import Page, campaign_or_404
from participation.web.files import dated_name, file_response
from participation.web.links import ballot_url, print_text
from participation.web.roles import role_required


@bp.route("/campaigns/<slug>/codes", methods=["GET", "POST"])
@role_required(StaffRole.STAFF)
def voting_codes(slug: str) -> Page:
    campaign = campaign_or_404(slug)
    form = CodeBatchForm()
    if form.validate_on_submit():
        codes.generate_batch(campaign, form.count.data or 0, form.label.data or "", current_user)
        flash(_("%(num)d voting codes made.", num=form.count.data or 0))
        return redirect(url_for("staff.voting_codes", slug=slug), code=303)
    status = 422 if form.errors else 200
    page = render_template(
        "staff/codes.html",
        campaign=campaign,
        form=form,
        batches=codes.batch_summaries(campaign),
    )
    return page, status


@bp.get("/campaigns/<slug>/codes/<int:batch_id>.pdf")
@role_required(StaffRole.STAFF)
def voting_code_slips(slug: str, batch_id: int) -> Response:
    """The batch's unused codes as slips, eight to an A4 sheet; the download is audited."""
    campaign = campaign_or_404(slug)
    batch = codes.batch_or_none(campaign, batch_id)
    if batch is None:
        abort(404)
    unused = [code.code for code in batch.codes if not code.used]
    text = print_text(campaign, ballot_url(campaign), None)
    slips = [
        (
            printed(code),
            ballot_url(campaign, code=printed(code), bron=batch.label),
        )
        for code in unused
    ]
    pdf = posters.code_sheet_pdf(text, slips)
    codes.record_download(campaign, batch, len(slips), current_user)
    name = dated_name(campaign.slug, "stemcodes", batch.label, ext="pdf")
    return file_response(pdf, "application/pdf", name)
