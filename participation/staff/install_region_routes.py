"""The install page's regions: add one, add its municipalities, give coordinators and
partners their scope (operators only)."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.wrappers import Response as BaseResponse

from participation.models import RegionScope
from participation.services import accounts, municipalities
from participation.services.municipalities import MunicipalityRefused
from participation.services.regions import setup
from participation.services.staff_links import LinkMaker
from participation.staff import bp
from participation.staff.forms.install_region import JoinRegionForm, NewRegionForm, RegionScopeForm
from participation.staff.install_messages import PROBLEMS
from participation.web import tenant
from participation.web.access import Page
from participation.web.choices import SelectChoice
from participation.web.links import scheme_and_port
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
        for problem in [*form.email.errors, *form.scope.errors]:
            flash(str(problem), "error")
        return _page(status=400)
    try:
        invited = setup.grant_by_email(
            form.email.data or "",
            slug,
            RegionScope(form.scope.data),
            current_user,
            invitation=_on_region_host(slug),
        )
    except (MunicipalityRefused, accounts.AccountRefused, accounts.MailNotSent) as refused:
        message, status = _scope_refusal(refused)
        flash(message, "error")
        return _page(status=status)
    if invited:
        flash(_("The scope has been given; an e-mail asks the person to choose a password."))
    else:
        flash(_("The scope has been given; an e-mail tells the person where to log in."))
    return redirect(url_for("staff.install_regions"), code=303)


def _scope_refusal(refused: Exception) -> tuple[str, int]:
    """What the page says when a scope was not given, and its status; nothing was stored."""
    if isinstance(refused, MunicipalityRefused) and "no_login" in refused.problems:
        inactive = _(
            "The login with this e-mail address is deactivated. Activate it first; "
            "nothing has been changed."
        )
        return inactive, 400
    if isinstance(refused, MunicipalityRefused):
        return _("No such region or municipality; nothing has been changed."), 404
    if isinstance(refused, accounts.AccountRefused):
        return _("This address was added at this moment by someone else. Try again."), 409
    if isinstance(refused, accounts.MailAddressRefused):
        return _("The mail server refuses this address, so nothing has been stored."), 400
    not_sent = _(
        "The e-mail could not be sent, so nothing has been stored. "
        "The mail server may be down: try again in a moment."
    )
    return not_sent, 503


def _on_region_host(slug: str) -> LinkMaker:
    """Links to the region's own pages: its address, or its first host name on this server's
    scheme and port (a local trial); an invitation to a region-only login works there."""
    region = setup.by_slug(slug)
    address = municipalities.own_address(region, *scheme_and_port()) if region else ""
    return lambda endpoint, **values: address + url_for(endpoint, **values)


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
