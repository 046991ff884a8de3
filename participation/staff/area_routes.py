"""Villages: add, rename, retire, merge, delete and import; residents and postcodes of all."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from participation.domain.village_import import MAX_BYTES, ImportPlan, carried_text
from participation.models import Area, StaffRole
from participation.services.campaigns import area_removal, areas, village_import
from participation.staff import bp
from participation.staff.forms.villages import (
    MergeForm,
    VillageForm,
    VillageImportForm,
    read_village_details,
)
from participation.web.access import Page, owned_or_404
from participation.web.forms import ConfirmForm
from participation.web.roles import role_required
from participation.web.village_messages import file_message, problem_message


@bp.route("/villages", methods=["GET", "POST"])
@role_required(StaffRole.STAFF)
def villages_page() -> Page:
    villages = areas.active_villages()
    form = ConfirmForm()
    errors: dict[str, str] = {}
    if request.method == "POST" and form.validate_on_submit():
        changes, errors = read_village_details(request.form, villages)
        if not errors:
            try:
                areas.save_details(changes, current_user)
            except areas.PostcodesShared as shared:
                codes = ", ".join(sorted(shared.problems))
                flash(
                    _("Each postcode can belong to one village only: %(codes)s.", codes=codes),
                    "error",
                )
            else:
                flash(_("The villages have been saved."), "info")
                return redirect(url_for("staff.villages_page"), code=303)
    page = render_template(
        "staff/villages.html",
        villages=villages,
        rows=areas.overview(),
        form=form,
        errors=errors,
        given=request.form,
    )
    return page, 422 if errors or request.method == "POST" else 200


def _village_or_404(area_id: int) -> Area:
    return owned_or_404(Area, area_id, kind=areas.VILLAGE)


def _edit_page(area: Area, form: VillageForm, status: int = 200, problem: str = "") -> Page:
    merge = MergeForm()
    merge.into.choices = [(a.id, a.name) for a in areas.active_villages() if a.id != area.id]
    page = render_template(
        "staff/villages_form.html",
        area=area,
        form=form,
        merge=merge,
        confirm=ConfirmForm(),
        usage=area_removal.usage(area),
        aliases=areas.aliases_of(area),
        problem=problem,
    )
    return page, status


@bp.route("/villages/new", methods=["GET", "POST"])
@role_required(StaffRole.STAFF)
def village_new() -> Page:
    form = VillageForm()
    if form.validate_on_submit():
        try:
            area = areas.create(form.given(), current_user)
        except areas.VillageRefused as refused:
            form.show(refused.problems)
        else:
            flash(_("%(name)s has been added.", name=area.name), "info")
            return redirect(url_for("staff.villages_page"), code=303)
    page = render_template("staff/villages_form.html", area=None, form=form)
    return page, 422 if form.is_submitted() else 200


@bp.route("/villages/<int:area_id>", methods=["GET", "POST"])
@role_required(StaffRole.STAFF)
def village_edit(area_id: int) -> Page:
    area = _village_or_404(area_id)
    form = VillageForm()
    if not form.is_submitted():
        form.fill(area)
        return _edit_page(area, form)
    if form.validate():
        try:
            areas.update(area, form.given(), current_user)
        except areas.VillageRefused as refused:
            form.show(refused.problems)
        else:
            flash(_("%(name)s has been saved.", name=area.name), "info")
            return redirect(url_for("staff.villages_page"), code=303)
    return _edit_page(area, form, 422)


@bp.post("/villages/<int:area_id>/retire")
@role_required(StaffRole.STAFF)
def village_retire(area_id: int) -> Response:
    area = _village_or_404(area_id)
    if ConfirmForm().validate_on_submit():
        areas.retire(area, current_user)
        flash(_("%(name)s is retired: new campaigns no longer offer it.", name=area.name), "info")
    return redirect(url_for("staff.villages_page"), code=303)


@bp.post("/villages/<int:area_id>/reactivate")
@role_required(StaffRole.STAFF)
def village_reactivate(area_id: int) -> Response:
    area = _village_or_404(area_id)
    if ConfirmForm().validate_on_submit():
        areas.reactivate(area, current_user)
        flash(_("%(name)s is in use again.", name=area.name), "info")
    return redirect(url_for("staff.villages_page"), code=303)


@bp.post("/villages/<int:area_id>/delete")
@role_required(StaffRole.STAFF)
def village_delete(area_id: int) -> Page:
    area = _village_or_404(area_id)
    form = VillageForm()
    form.fill(area)
    try:
        area_removal.delete_village(area, current_user)
    except area_removal.RemovalRefused:
        used = area_removal.usage(area)
        message = (
            _("This village has votes; you can only retire it.")
            if used.ballots or used.archived_counts
            else _("Take this village out of its campaigns first; then it can be deleted.")
            if used.only_in_campaigns
            else _(
                "This village is used by a campaign, stand, association or survey answer; "
                "you can only retire it."
            )
        )
        return _edit_page(area, form, 422, message)
    flash(_("%(name)s has been deleted.", name=form.name.data), "info")
    return redirect(url_for("staff.villages_page"), code=303)


@bp.post("/villages/<int:area_id>/merge")
@role_required(StaffRole.STAFF)
def village_merge(area_id: int) -> Page:
    area = _village_or_404(area_id)
    name, merge = area.name, MergeForm()
    merge.validate()
    if not merge.sure.data:
        form = VillageForm(formdata=None)
        form.fill(area)
        message = _("Tick that you want to merge the villages: a merge cannot be undone.")
        return _edit_page(area, form, 422, message)
    try:
        target = area_removal.merge(area, merge.into.data, current_user)
    except area_removal.RemovalRefused as refused:
        form = VillageForm(formdata=None)
        form.fill(area)
        return _edit_page(area, form, 422, _merge_refusal(refused.problems))
    flash(_("%(old)s has been merged into %(new)s.", old=name, new=target.name), "info")
    return redirect(url_for("staff.villages_page"), code=303)


def _merge_refusal(problems: list[area_removal.RemovalProblem]) -> str:
    if area_removal.RemovalProblem.SAME_VILLAGE in problems:
        return _("A village cannot be merged into itself. Choose another village.")
    if area_removal.RemovalProblem.TOO_MANY_POSTCODES in problems:
        return _("Together the two villages have too many postcodes. Remove some first.")
    if area_removal.RemovalProblem.RELEASED in problems:
        return _(
            "This village's votes or survey answers are in figures released to the public. "
            "Merged, they would appear as the other village's gain in the next release, and "
            "the few new ones beside them could be worked out. Take the village out of use "
            "instead: it keeps its votes and is no longer offered."
        )
    return _("Choose the village to merge into.")


@bp.route("/villages/import", methods=["GET", "POST"])
@role_required(StaffRole.STAFF)
def villages_import() -> Page:
    form = VillageImportForm()
    if not form.validate_on_submit():
        status = 422 if form.is_submitted() else 200
        return render_template("staff/villages_import.html", form=form, plan=None), status
    upload = form.file.data
    if request.form.get("confirm") == "1":
        return _store_import(form.text.data or "")
    if upload and upload.filename:
        text, plan = village_import.preview_upload(upload.read(MAX_BYTES + 1))
    else:
        text = form.text.data or ""
        plan = village_import.preview(text)
    return _import_page(form, plan, text, 200 if plan.has_work else 422)


def _import_page(form: VillageImportForm, plan: ImportPlan, text: str, status: int) -> Page:
    page = render_template(
        "staff/villages_import.html",
        form=form,
        plan=plan,
        text=carried_text(text),
        problem=file_message(plan.file_problem, plan.file_detail) if plan.file_problem else "",
        reasons=lambda line: [problem_message(problem) for problem in line.problems],
    )
    return page, status


def _store_import(text: str) -> Page:
    try:
        plan = village_import.store(text, current_user)
    except village_import.ImportRefused as refused:
        return _import_page(VillageImportForm(formdata=None), refused.problems, text, 422)
    flash(
        _(
            "%(added)d villages added and %(changed)d changed.",
            added=len(plan.added),
            changed=len(plan.changed),
        ),
        "info",
    )
    return redirect(url_for("staff.villages_page"), code=303)
