"""Install admin: give a municipality its own public address and host names (operators)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from participation.models import Municipality
from participation.services import municipalities
from participation.services.municipalities import MunicipalityRefused
from participation.staff import bp
from participation.staff.forms.install import AddressForm
from participation.staff.install_messages import PROBLEMS
from participation.web import tenant
from participation.web.access import Page
from participation.web.roles import operator_required


def _page(row: Municipality, form: AddressForm, status: int = 200) -> Page:
    return render_template("staff/install/address.html", row=row, form=form), status


@bp.route("/install/<slug>/address", methods=["GET", "POST"])
@operator_required
def install_address(slug: str) -> Page:
    """The first municipality needs its own address before a second joins; any may move."""
    row = municipalities.by_slug(slug)
    if row is None:
        abort(404)
    form = AddressForm(data={"public_url": row.public_url, "hosts": row.hosts})
    if not form.is_submitted():
        return _page(row, form)
    if not form.validate():
        return _page(row, form, 400)
    try:
        municipalities.set_address(
            slug, (form.public_url.data or "").strip(), form.hosts.data or "", current_user
        )
    except MunicipalityRefused as refused:
        for key in refused.problems:
            name, message = PROBLEMS[key]
            if str(message) not in form[name].errors:
                form[name].errors = [*form[name].errors, str(message)]
        return _page(row, form, 400)
    finally:
        tenant.forget()  # this worker serves the new names at once
    flash(_("%(name)s is now reached on %(address)s.", name=row.name, address=row.public_url))
    return redirect(url_for("staff.install_home"), code=303)
