"""An association's page: its village's results, the stand's remarks, and its own view."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from participation.associations import bp
from participation.associations.forms import ViewForm, view_form
from participation.domain.priorities import ViewProblem
from participation.models import Association
from participation.services.campaigns import associations
from participation.services.results import releases
from participation.web.access import Page


def _association_or_404(token: str) -> Association:
    return associations.by_token(token) or abort(404)


def _page(
    association: Association, form: ViewForm, status: int = 200, refused: list[str] | None = None
) -> Page:
    village = None
    if associations.may_see_results(association):
        # The latest release, as the public sees it: a page anyone with the link can reload
        # must not follow each ballot (the outside check read one resident's choices off it).
        released = releases.released_results(association.campaign)
        village = released.village_or_block(association.area.name) if released else None
    page = render_template(
        "associations/home.html",
        association=association,
        campaign=association.campaign,
        village=village,
        remarks=associations.village_remarks(association),
        form=form,
        open=associations.accepts_views(association.campaign),
        refused=refused or [],
    )
    return page, status


@bp.get("/<token>")
def home(token: str) -> Page:
    association = _association_or_404(token)
    current = association.current_view
    prefill: dict[str, object] = {"remarks": current.remarks if current else ""}
    for entry in current.themes if current else []:
        prefill[f"theme_{entry.rank}"] = entry.theme_id
        prefill[f"reason_{entry.rank}"] = entry.reason
    return _page(association, view_form(association.campaign.themes, data=prefill))


@bp.post("/<token>")
def submit(token: str) -> Page:
    association = _association_or_404(token)
    form = view_form(association.campaign.themes)
    if not form.validate_on_submit():
        return _page(association, form, 422)
    try:
        associations.submit_view(association, form.ranking(), form.remarks.data or "")
    except associations.ViewRefused as refused:
        return _page(association, form, 422, [_message(p) for p in refused.problems])
    flash(_("Your view has been saved. You can revise it until the consultation closes."), "info")
    return redirect(url_for("associations.home", token=token), code=303)


def _message(problem: ViewProblem) -> str:
    return {
        ViewProblem.EMPTY: _("Choose at least one theme."),
        ViewProblem.TOO_MANY: _("Choose at most 6 themes."),
        ViewProblem.DUPLICATE: _("Each theme can have only one place."),
        ViewProblem.UNKNOWN_THEME: _("Choose themes from the list."),
        ViewProblem.REASON_TOO_LONG: _("A reason can be at most 500 characters."),
        ViewProblem.CLOSED: _("The consultation has closed, so the view can no longer change."),
    }[problem]
