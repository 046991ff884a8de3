"""The install-admin page: every municipality of this install, and adding one (operators only)."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import Field

from participation.extensions import limiter
from participation.services import accounts, install
from participation.services.municipalities import MunicipalityRefused, NewMunicipality
from participation.staff import bp
from participation.staff.forms.install import NewMunicipalityForm
from participation.staff.install_messages import PROBLEMS
from participation.web import tenant
from participation.web.access import Page
from participation.web.links import public_url
from participation.web.roles import operator_required


def _page(form: NewMunicipalityForm | None = None, status: int = 200, problem: str = "") -> Page:
    page = render_template(
        "staff/install/home.html",
        municipalities=install.overview(),
        form=form or NewMunicipalityForm(formdata=None),
        problem=problem,
    )
    return page, status


def _tell(field: Field, message: str) -> None:
    if message not in field.errors:
        field.errors = [*field.errors, message]


@bp.get("/install/")
@operator_required
def install_home() -> Page:
    return _page()


@bp.post("/install/new")
@limiter.limit(lambda: str(current_app.config["STAFF_MAIL_RATE_LIMIT"]))
@operator_required
def install_create() -> Page:
    form = NewMunicipalityForm()
    if not form.validate_on_submit():
        return _page(form, 400)
    given = NewMunicipality(
        name=form.name.data or "",
        slug=(form.slug.data or "").strip(),
        public_url=(form.public_url.data or "").strip(),
        population=form.population.data,
        hosts=form.hosts.data or "",
    )
    try:
        install.create(given, form.admin_email.data or "", current_user, public_url)
    except MunicipalityRefused as refused:
        for key in refused.problems:
            name, message = PROBLEMS[key]
            _tell(form[name], str(message))
        return _page(form, 400)
    except accounts.MailAddressRefused:
        refused_here = _(
            "The mail server refuses this address, so nothing has been stored. Check it."
        )
        _tell(form.admin_email, refused_here)
        return _page(form, 400)
    except accounts.MailNotSent:
        not_sent = _(
            "The e-mail could not be sent, so nothing has been stored. "
            "The mail server may be down: try again in a moment."
        )
        return _page(form, 503, problem=not_sent)
    finally:
        # This worker serves the new host at once (the others within web.tenant.HOSTS_TTL).
        tenant.forget()
    flash(_("%(name)s has been added; its first administrator got an e-mail.", name=given.name))
    return redirect(url_for("staff.install_home"), code=303)
