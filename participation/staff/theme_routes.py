"""Staff pages for a campaign's themes: one at a time, a list at once, and their order."""

from __future__ import annotations

import logging

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from werkzeug.wrappers import Response

from participation.domain.theme_import import (
    DEFAULT_THEMES,
    LineProblem,
    RefusedLine,
    ThemeList,
    as_text,
    default_text,
)
from participation.domain.theme_order import OrderProblem
from participation.domain.vocabulary import SAFETY_FIELDS
from participation.models import Campaign, StaffRole, Theme
from participation.services.campaigns import themes
from participation.services.campaigns.campaign_edits import EditRefused
from participation.staff import bp
from participation.staff.edit_messages import refused_message
from participation.staff.forms import ThemeForm
from participation.staff.forms.themes import ThemeImportForm, ThemeMoveForm
from participation.web.access import Page, campaign_or_404, owned_or_404
from participation.web.forms import ConfirmForm
from participation.web.roles import role_required

log = logging.getLogger(__name__)
MAX_UPLOAD = 64 * 1024
REFUSED_SHOWN = 100  # refused lines listed on the preview; the rest are counted

LINE_REASONS = {
    LineProblem.EMPTY_TITLE: _l("The title is empty."),
    LineProblem.TITLE_TOO_LONG: _l("The title is longer than 120 characters."),
    LineProblem.EXPLANATION_TOO_LONG: _l("The explanation is longer than 300 characters."),
    LineProblem.TOO_MANY_CELLS: _l(
        "The line has more than three parts. Use the separator only between title, "
        "explanation and field."
    ),
    LineProblem.FIELD_MISSING: _l(
        "The VNG field is missing. Give it as a number from 1 to 5 or by its name."
    ),
    LineProblem.UNKNOWN_FIELD: _l(
        "We do not know this VNG field. Give a number from 1 to 5 or the field's name."
    ),
    LineProblem.DUPLICATE_EXISTING: _l("The campaign already has a theme with this title."),
    LineProblem.FORMULA: _l(
        "A part starts with =, +, - or @. A spreadsheet would run it as a formula."
    ),
    LineProblem.CONTROL_CHARACTERS: _l("The line contains characters we cannot store."),
    LineProblem.NO_ROOM: _l("There is no room for this theme: a campaign holds at most 63."),
}
ORDER_REASONS = {
    OrderProblem.NOT_A_NUMBER: _l("A theme was not sent as a number."),
    OrderProblem.UNKNOWN_THEME: _l("A theme in the new order does not belong to this campaign."),
    OrderProblem.MISSING_THEME: _l("A theme of this campaign is missing from the new order."),
    OrderProblem.REPEATED_THEME: _l("A theme appears more than once in the new order."),
}
NOT_UTF8 = _l(
    "This file is not in UTF-8, so letters such as ë would come out wrong. Nothing has been "
    "read. In Excel, save it as 'CSV UTF-8 (door lijstscheidingsteken gescheiden)'."
)
NOTHING_GIVEN = _l("Paste a list of themes or choose a CSV file.")
NOTHING_TO_ADD = _l("No line of this list can be added. Check the reasons below.")
CHANGED_MEANWHILE = _l(
    "The themes of this campaign changed while you were adding these. Nothing has been "
    "added; check the list again."
)


def line_reason(line: RefusedLine) -> str:
    """Why a line is not added, in words."""
    if line.problem is LineProblem.DUPLICATE_IN_LIST:
        return _("The same title is already on line %(line)d.", line=line.same_as or 0)
    return str(LINE_REASONS[line.problem])


def _theme_or_404(campaign: Campaign, theme_id: int) -> Theme:
    return owned_or_404(Theme, theme_id, campaign_id=campaign.id)


def _theme_data(form: ThemeForm, position: int) -> themes.ThemeData:
    return themes.ThemeData(
        title=form.title.data or "",
        explanation=form.explanation.data or "",
        safety_field=form.safety_field.data or 1,
        position=form.position.data or position,
    )


def _to_campaign(slug: str, anchor: str | None = "themes") -> Response:
    return redirect(url_for("staff.campaign", slug=slug, _anchor=anchor), code=303)


@bp.post("/campaigns/<slug>/themes")
@role_required(StaffRole.STAFF)
def add_theme(slug: str) -> Page:
    campaign = campaign_or_404(slug)
    form = ThemeForm()
    if form.validate_on_submit():
        try:
            themes.add_theme(campaign, _theme_data(form, 0), current_user)
            flash(_("The theme has been added."), "info")
        except EditRefused as refused:
            flash(refused_message(refused.problems), "error")
        return redirect(url_for("staff.campaign", slug=slug))
    return render_template("staff/theme_form.html", form=form, campaign=campaign, theme=None), 422


@bp.route("/campaigns/<slug>/themes/<int:theme_id>/edit", methods=["GET", "POST"])
@role_required(StaffRole.STAFF)
def edit_theme(slug: str, theme_id: int) -> Page:
    campaign = campaign_or_404(slug)
    theme = _theme_or_404(campaign, theme_id)
    form = ThemeForm(obj=theme)
    if form.validate_on_submit():
        try:
            themes.update_theme(theme, _theme_data(form, theme.position), current_user)
        except EditRefused as refused:  # a common theme of a regional campaign (issue 30)
            form.title.errors = [*form.title.errors, refused_message(refused.problems)]
        else:
            flash(_("The theme has been saved."), "info")
            return redirect(url_for("staff.campaign", slug=slug))
    status = 422 if form.is_submitted() else 200
    return render_template(
        "staff/theme_form.html", form=form, campaign=campaign, theme=theme
    ), status


@bp.post("/campaigns/<slug>/themes/<int:theme_id>/delete")
@role_required(StaffRole.STAFF)
def delete_theme(slug: str, theme_id: int) -> Response:
    campaign = campaign_or_404(slug)
    theme = _theme_or_404(campaign, theme_id)
    if ConfirmForm().validate_on_submit():
        try:
            themes.delete_theme(theme, current_user)
            flash(_("The theme has been removed."), "info")
        except EditRefused as refused:
            flash(refused_message(refused.problems), "error")
    return redirect(url_for("staff.campaign", slug=slug))


def _import_page(
    campaign: Campaign,
    form: ThemeImportForm,
    status: int = 200,
    found: ThemeList | None = None,
    problem: str | None = None,
) -> tuple[str, int]:
    locked = themes.adding_problems(campaign)
    page = render_template(
        "staff/theme_import.html",
        campaign=campaign,
        form=form,
        found=found,
        confirm_text=as_text(found.themes) if found else "",
        refused=found.refused[:REFUSED_SHOWN] if found else [],
        line_reason=line_reason,
        problem=problem,
        locked=refused_message(locked) if locked else None,
        fields=SAFETY_FIELDS,
        defaults=DEFAULT_THEMES,
    )
    return page, status


def _read(campaign: Campaign, form: ThemeImportForm) -> ThemeList | None:
    """The list from the chosen file, else from the text; None (with the reason on the
    form) when there is nothing to read."""
    upload = form.file.data
    if upload:
        found = themes.read_file(campaign, upload.read(MAX_UPLOAD))
        if found is None:
            log.info("theme import: a file that is not UTF-8 (campaign %s)", campaign.id)
            form.file.errors = [str(NOT_UTF8)]
        return found
    text = form.text.data or ""
    if not text.strip():
        form.text.errors = [str(NOTHING_GIVEN)]
        return None
    return themes.read_list(campaign, text)


@bp.route("/campaigns/<slug>/themes/import", methods=["GET", "POST"])
@role_required(StaffRole.STAFF)
def import_themes(slug: str) -> Page:
    """Paste or upload a list, see what will be added and what not, then confirm."""
    campaign = campaign_or_404(slug)
    form = ThemeImportForm()
    if not form.is_submitted():
        if request.args.get("standaard") == "1":
            form.text.data = default_text()
        return _import_page(campaign, form)
    if not form.validate_on_submit():
        return _import_page(campaign, form, 422)
    if themes.adding_problems(campaign):
        return _import_page(campaign, form, 409)
    found = _read(campaign, form)
    if found is None:
        return _import_page(campaign, form, 422)
    if not found.themes:
        log.info("theme import: nothing to add (%d lines refused)", len(found.refused))
        return _import_page(campaign, form, 422, found, str(NOTHING_TO_ADD))
    if request.form.get("confirm") != "1":
        return _import_page(campaign, form, 200, found)
    try:
        added = themes.import_list(campaign, as_text(found.themes), current_user)
    except EditRefused:
        return _import_page(campaign, form, 409)
    except themes.ImportConflict:
        return _import_page(campaign, form, 409, found, str(CHANGED_MEANWHILE))
    count = len(added.themes)
    log.info("theme import: %d themes added to campaign %s", count, campaign.id)
    flash(ngettext("%(num)d theme added.", "%(num)d themes added.", count), "info")
    return redirect(url_for("staff.campaign", slug=slug), code=303)


def _order_refused(campaign: Campaign, reasons: list[str]) -> tuple[str, int]:
    page = render_template("staff/theme_order_refused.html", campaign=campaign, reasons=reasons)
    return page, 422


@bp.post("/campaigns/<slug>/themes/<int:theme_id>/move")
@role_required(StaffRole.STAFF)
def move_theme(slug: str, theme_id: int) -> Page:
    """One place up or down (`direction`: up or down), then back to the list."""
    campaign = campaign_or_404(slug)
    theme = _theme_or_404(campaign, theme_id)
    form = ThemeMoveForm()
    if not form.validate_on_submit():
        return _order_refused(campaign, [_("Choose to move the theme up or down.")])
    up, title = form.direction.data == "up", theme.title
    moved = themes.move_theme(theme, "up" if up else "down", current_user)
    if moved:
        message = _("'%(title)s' moved up.") if up else _("'%(title)s' moved down.")
    else:
        message = (
            _("'%(title)s' is already at the top.")
            if up
            else _("'%(title)s' is already at the bottom.")
        )
    flash(message % {"title": title}, "info")
    # Back at the moved row: the next Tab continues from there, not from the page's top.
    return _to_campaign(slug, f"theme-{theme.id}")


@bp.post("/campaigns/<slug>/themes/order")
@role_required(StaffRole.STAFF)
def order_themes(slug: str) -> Page:
    """A whole new order (repeated `theme`: every theme id once), as the drag script sends."""
    campaign = campaign_or_404(slug)
    if not ConfirmForm().validate_on_submit():
        return _order_refused(campaign, [_("The form has expired. Send it again.")])
    try:
        themes.reorder_themes(campaign, request.form.getlist("theme"), current_user)
    except themes.OrderRefused as refused:
        log.info("theme order refused: %s", [p.value for p in refused.problems])
        return _order_refused(campaign, [str(ORDER_REASONS[p]) for p in refused.problems])
    flash(_("The new order of the themes has been saved."), "info")
    return _to_campaign(slug)
