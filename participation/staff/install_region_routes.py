"""The install page's regions: add one, add its municipalities, give coordinators and
partners their scope (operators only)."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.wrappers import Response as BaseResponse

from participation.models import RegionScope
from participation.services import municipalities
from participation.services.municipalities import MunicipalityRefused
from participation.services.regions import setup
from participation.staff import bp
from participation.staff.forms.install_region import JoinRegionForm, NewRegionForm, RegionScopeForm
from participation.staff.install_messages import PROBLEMS
from participation.web import tenant
from participation.web.access import Page
from participation.web.choices import SelectChoice
from participation.web.roles import operator_required

REGION_PROBLEMS = {
    **PROBLEMS,
    "name": ("name", _l("Give the region's name.")),
    "slug_taken": ("slug", _l("Another region already has this short name.")),
    "host_taken": (
        "public_url",
        _l("This address or one of the host names already belongs to a municipality or region."),
    ),
}


def _page(form: NewRegionForm | None = None, status: int = 200) -> Page:
    choices = [SelectChoice(row.slug, row.name) for row in municipalities.all_municipalities()]
    join = JoinRegionForm(formdata=None)
    join.municipality.choices = choices
    page = render_template(
        "staff/install/regions.html",
        regions=setup.overview(),
        form=form or NewRegionForm(formdata=None),
        join=join,
        scope_form=RegionScopeForm(formdata=None),
    )
    return page, status


@bp.get("/install/regions")
@operator_required
def install_regions() -> Page:
    return _page()


@bp.post("/install/regions/new")
@operator_required
def install_region_create() -> Page:
    form = NewRegionForm()
    if not form.validate_on_submit():
        return _page(form, 400)
    given = setup.NewRegion(
        name=form.name.data or "",
        slug=(form.slug.data or "").strip(),
        public_url=(form.public_url.data or "").strip(),
        hosts=form.hosts.data or "",
        police_team=form.police_team.data or "",
        cbs_code=form.cbs_code.data or "",
    )
    try:
        setup.create(given, current_user)
    except MunicipalityRefused as refused:
        for key in refused.problems:
            name, message = REGION_PROBLEMS[key]
            if str(message) not in form[name].errors:
                form[name].errors = [*form[name].errors, str(message)]
        return _page(form, 400)
    finally:
        tenant.forget()
    flash(_("The region %(name)s has been added.", name=given.name))
    return redirect(url_for("staff.install_regions"), code=303)


@bp.post("/install/regions/<slug>/join")
@operator_required
def install_region_join(slug: str) -> Page | BaseResponse:
    form = JoinRegionForm()
    if not form.validate_on_submit():
        return _page(status=400)
    try:
        setup.join(slug, form.municipality.data or "", current_user)
    except MunicipalityRefused:
        flash(_("No such region or municipality; nothing has been changed."), "error")
        return _page(status=404)
    finally:
        tenant.forget()
    flash(_("The municipality is now part of the region."))
    return redirect(url_for("staff.install_regions"), code=303)


@bp.post("/install/regions/<slug>/scope")
@operator_required
def install_region_scope(slug: str) -> Page | BaseResponse:
    form = RegionScopeForm()
    if not form.validate_on_submit():
        return _page(status=400)
    try:
        setup.grant_by_email(
            form.email.data or "", slug, RegionScope(form.scope.data), current_user
        )
    except MunicipalityRefused as refused:
        if "no_login" in refused.problems:
            flash(
                _(
                    "There is no active login with this e-mail address. Invite the person in "
                    "one of the region's municipalities first; nothing has been changed."
                ),
                "error",
            )
            return _page(status=400)
        flash(_("No such region or municipality; nothing has been changed."), "error")
        return _page(status=404)
    flash(_("The scope has been given."))
    return redirect(url_for("staff.install_regions"), code=303)


@bp.post("/install/regions/<slug>/scope/remove")
@operator_required
def install_region_scope_remove(slug: str) -> Page | BaseResponse:
    form = RegionScopeForm()
    form.scope.data = RegionScope.PARTNER.value  # not asked: any scope there ends
    if not form.validate_on_submit():
        return _page(status=400)
    try:
        setup.revoke(form.email.data or "", slug, current_user)
    except MunicipalityRefused:
        flash(_("No such region or municipality; nothing has been changed."), "error")
        return _page(status=404)
    flash(_("The scope has been ended."))
    return redirect(url_for("staff.install_regions"), code=303)
