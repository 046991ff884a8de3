"""Staff release the public figures: a preview of what a release now would show, and the button."""

from flask import flash, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from participation.models import StaffRole
from participation.results import bp
from participation.services.results import releases
from participation.web.access import campaign_or_404
from participation.web.roles import role_required

TOO_FEW = _l(
    "No release now: fewer than 5 ballots came in since the last release, so comparing the two "
    "would show what those few residents chose. Wait until there are at least 5 new ones."
)


LEFT = _l(
    "No release now: votes or paper forms left the count after an earlier release (an "
    "exclusion, or a corrected paper count), and a release now would let anyone work out the "
    "few that are left or came back. The public keeps the last release. Undo the change, or "
    "ask the functional administrator: the figures for staff are not affected."
)


class ReleaseForm(FlaskForm):
    """Only the CSRF token: the release takes today's counts."""


@bp.get("/<slug>/vrijgeven")
@role_required(StaffRole.VIEWER)
def release_page(slug: str) -> str:
    """The releases so far and what a release now would show."""
    campaign = campaign_or_404(slug)
    return render_template(
        "results/release.html",
        campaign=campaign,
        preview=releases.preview(campaign),
        done=releases.releases(campaign),
        form=ReleaseForm(),
    )


@bp.post("/<slug>/vrijgeven")
@role_required(StaffRole.STAFF)
def release(slug: str) -> Response | tuple[str, int]:
    campaign = campaign_or_404(slug)
    form = ReleaseForm()
    if not form.validate_on_submit():
        flash(_l("The form had expired; nothing was released. Try again."), "error")
        return redirect(url_for("results.release_page", slug=slug))
    try:
        row = releases.release(campaign, current_user)
    except releases.ReleaseRefused:
        flash(TOO_FEW if releases.preview(campaign).new_ballots < 5 else LEFT, "error")
        page = render_template(
            "results/release.html",
            campaign=campaign,
            preview=releases.preview(campaign),
            done=releases.releases(campaign),
            form=form,
        )
        return page, 409
    flash(_l("Release %(number)d is public now.", number=row.number), "success")
    return redirect(url_for("results.release_page", slug=slug))
