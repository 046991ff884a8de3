"""The install-admin page: every municipality of this install, and adding one (operators only)."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import Field

from participation.extensions import limiter
from participation.services import accounts, install
from participation.services.municipalities import MunicipalityRefused, NewMunicipality
from participation.staff import bp
from participation.staff.forms.install import NewMunicipalityForm
from participation.web import tenant
from participation.web.access import Page
from participation.web.links import public_url
from participation.web.roles import operator_required

# Per problem of services.install.create: the form field it is told at, and what it says.
PROBLEMS = {
    "name": ("name", _l("Give the municipality's name.")),
    "slug": (
        "slug",
        _l(
            "Use lowercase letters, digits and hyphens only (at most 60), not starting or "
            "ending with a hyphen."
        ),
    ),
    "slug_taken": ("slug", _l("Another municipality already has this short name.")),
    "public_url": (
        "public_url",
        _l(
            "Write the address as https:// and a host name, e.g. "
            "https://veiligheid.westerveld.nl, with nothing after the host name."
        ),
    ),
    "host_taken": (
        "public_url",
        _l("This address or one of the host names already belongs to another municipality."),
    ),
    "hosts": (
        "hosts",
        _l(
            "A host name is not valid: use letters, digits, dots and hyphens, and separate "
            "host names with spaces."
        ),
    ),
    "population": ("population", _l("Give the number of inhabitants, from 1 to 9,999,999.")),
    "first_has_no_address": (
        "public_url",
        _l(
            "A municipality of this install has no public address or host name of its own yet: "
            "it answers on every address now, and with a second one it could no longer be "
            "reached. Give it its own address first."
        ),
    ),
    "admin_email": (
        "admin_email",
        _l("Write an e-mail address such as naam@gemeente.nl, without accents."),
    ),
    "admin_inactive": (
        "admin_email",
        _l(
            "The login with this e-mail address is deactivated. Choose another address, or "
            "have the login activated again first."
        ),
    ),
    "admin_changed": (
        "admin_email",
        _l("The login with this e-mail address changed at this very moment. Send the form again."),
    ),
}


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
