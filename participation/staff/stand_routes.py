"""Staff pages for planning stands, pairing and revoking their tablets, and the audit log."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from participation.domain.stands import close_warnings
from participation.domain.stats import HIDE_BELOW
from participation.domain.text_input import parse_number
from participation.models import StaffRole, Stand
from participation.renderers import qr
from participation.services import audit
from participation.services.stands import kiosk_devices, paper, remarks, stand_planning
from participation.staff import bp
from participation.staff.forms import ExtendStandForm, StandForm
from participation.staff.forms.stands import PairTabletForm
from participation.timeutil import local_to_utc, utc_to_local, utcnow
from participation.web.access import Page, campaign_or_404, stand_or_404
from participation.web.files import dated_name, file_response
from participation.web.forms import ConfirmForm, filled
from participation.web.links import public_url
from participation.web.print_documents import pdf_from_template
from participation.web.roles import role_required


@bp.route("/campaigns/<slug>/stands/new", methods=["GET", "POST"])
@role_required(StaffRole.STAFF)
def new_stand(slug: str) -> Page:
    campaign = campaign_or_404(slug)
    form = StandForm()
    form.village.choices = [(area.id, area.name) for area in campaign.areas]
    if form.validate_on_submit():
        stand = stand_planning.create_stand(
            campaign,
            stand_planning.StandData(
                area_id=form.village.data,
                place=form.place.data or "",
                starts_at=local_to_utc(filled(form.starts_at.data)),
                ends_at=local_to_utc(filled(form.ends_at.data)),
            ),
            current_user,
        )
        flash(_("The stand has been planned."), "info")
        if stand.ends_at <= utcnow():  # typed in afterwards, for its paper count: allowed
            flash(
                _(
                    "Its time window is already over, so its kiosk link takes no votes. Check "
                    "the date and times if the stand is still to come; a stand entered "
                    "afterwards for its paper count is fine."
                ),
                "warning",
            )
        return redirect(url_for("staff.stand", stand_id=stand.id))
    status = 422 if form.is_submitted() else 200
    return render_template("staff/stand_form.html", form=form, campaign=campaign), status


def _closing_facts(stand: Stand) -> dict[str, Any]:
    """What the stand page and its printable closing record both show."""
    tallies = paper.entries(stand)
    return {
        "stand": stand,
        "close_warnings": close_warnings(
            stand.last_contact_at, stand.queued_reported, stand.ends_at, utcnow()
        ),
        "kiosk_ballots": stand_planning.kiosk_ballots(stand),
        "kiosk_votes": stand_planning.kiosk_votes_by_theme(stand),
        "themes": stand.campaign.themes,  # in the paper form's printed order
        "paper_entries": tallies,
        "paper_votes": [tally.votes_by_theme() for tally in tallies],
        "paper_comparison": paper.compare_tallies(tallies),
        "remarks": remarks.for_stand(stand),
        "utc_to_local": utc_to_local,
        "hide_below": HIDE_BELOW,  # a count this small is marked on the proces-verbaal
    }


def _stand_page(stand: Stand, pair_form: PairTabletForm | None = None) -> str:
    if pair_form is None:
        pair_form = PairTabletForm(formdata=None)
        # Scanned from the tablet's pairing screen: the code is filled in, staff only confirm.
        scanned = request.args.get("koppelcode", "")
        pair_form.code.data = "".join(c for c in scanned if c in "0123456789")[:6]
    return render_template(
        "staff/stand.html",
        **_closing_facts(stand),
        themes_by_id={theme.id: theme for theme in stand.campaign.themes},
        extend_form=ExtendStandForm(),
        confirm=ConfirmForm(),
        pair_form=pair_form,
        tablets=kiosk_devices.devices(stand),
        queue_shown_max=kiosk_devices.QUEUE_SHOWN_MAX,
    )


@bp.get("/stands/<int:stand_id>")
@role_required(StaffRole.VIEWER)
def stand(stand_id: int) -> str:
    return _stand_page(stand_or_404(stand_id))


@bp.post("/stands/<int:stand_id>/tablets")
@role_required(StaffRole.STAFF)
def pair_tablet(stand_id: int) -> Page:
    """Staff type the code the stand's tablet shows; the tablet then shows the ballot."""
    stand = stand_or_404(stand_id)
    form = PairTabletForm()
    if form.validate_on_submit():
        if stand.kiosk_state() not in ("open", "not_started"):
            form.code.errors = [*form.code.errors, _("This stand takes no new tablets any more.")]
            return _stand_page(stand, form), 422
        try:
            device = kiosk_devices.confirm_code(
                stand, form.code.data or "", form.name.data or "", current_user
            )
        except kiosk_devices.TooManyWrongCodes:
            form.code.errors = [
                *form.code.errors,
                _("Too many wrong codes for this stand. Wait ten minutes, then try again."),
            ]
            return _stand_page(stand, form), 429
        except kiosk_devices.UnknownCode:
            form.code.errors = [
                *form.code.errors,
                _("No tablet at this stand shows this code, or it has expired. Check the tablet."),
            ]
            return _stand_page(stand, form), 422
        flash(
            _("%(name)s is paired. The tablet shows the ballot in a moment.", name=device.name),
            "info",
        )
        return redirect(url_for("staff.stand", stand_id=stand.id, _anchor="tablets"), code=303)
    return _stand_page(stand, form), 422


@bp.post("/stands/<int:stand_id>/tablets/revoke")
@role_required(StaffRole.STAFF)
def revoke_tablet(stand_id: int) -> Response:
    """?tablet=<id>: that tablet's later votes and remarks are refused."""
    stand = stand_or_404(stand_id)
    device = kiosk_devices.device_of_stand(stand, parse_number(request.args.get("tablet", "")))
    if device is None:
        flash(_("Nothing was changed."), "error")
    elif ConfirmForm().validate_on_submit():
        kiosk_devices.revoke(device, current_user)
        flash(_("%(name)s can no longer send votes.", name=device.name), "info")
    return redirect(url_for("staff.stand", stand_id=stand.id, _anchor="tablets"), code=303)


@bp.get("/stands/<int:stand_id>/kiosk-qr.svg")
@role_required(StaffRole.STAFF)
def stand_kiosk_qr(stand_id: int) -> Response:
    """The kiosk link as a QR code: the tablet scans it instead of typing 43 characters."""
    stand = stand_or_404(stand_id)
    return Response(
        qr.qr_svg(public_url("stand.kiosk_page", token=stand.token)), mimetype="image/svg+xml"
    )


@bp.post("/stands/<int:stand_id>/extend")
@role_required(StaffRole.STAFF)
def extend_stand(stand_id: int) -> Response:
    stand = stand_or_404(stand_id)
    form = ExtendStandForm()
    if form.validate_on_submit():
        stand_planning.extend_stand(stand, form.minutes.data or 0, current_user)
        flash(
            _(
                "The kiosk link now works until %(time)s.",
                time=f"{utc_to_local(stand.ends_at):%H:%M}",
            ),
            "info",
        )
    else:
        flash(" ".join(map(str, form.minutes.errors)) or _("Nothing was changed."), "error")
    return redirect(url_for("staff.stand", stand_id=stand.id))


@bp.post("/stands/<int:stand_id>/revoke")
@role_required(StaffRole.STAFF)
def revoke_stand(stand_id: int) -> Response:
    stand = stand_or_404(stand_id)
    if ConfirmForm().validate_on_submit():
        stand_planning.revoke_stand(stand, current_user)
        flash(_("The kiosk link no longer works."), "info")
    return redirect(url_for("staff.stand", stand_id=stand.id))


@bp.get("/stands/<int:stand_id>/live")
@role_required(StaffRole.VIEWER)
def stand_live(stand_id: int) -> str:
    stand = stand_or_404(stand_id)
    return render_template(
        "staff/stand_live.html", stand=stand, live=stand_planning.live_count(stand, 5)
    )


@bp.get("/stands/<int:stand_id>/record")
@role_required(StaffRole.VIEWER)
def stand_record(stand_id: int) -> str:
    """The printable closing record of a stand."""
    return render_template("staff/stand_record.html", **_closing_facts(stand_or_404(stand_id)))


@bp.get("/stands/<int:stand_id>/record.pdf")
@role_required(StaffRole.VIEWER)
def stand_record_pdf(stand_id: int) -> Response:
    """The closing record as a tagged PDF, to sign on paper or to file."""
    stand = stand_or_404(stand_id)
    pdf = pdf_from_template("staff/stand_record.html", **_closing_facts(stand))
    name = dated_name(stand.campaign.slug, "proces-verbaal", stand.area.slug, ext="pdf")
    return file_response(pdf, "application/pdf", name)


@bp.get("/audit")
@role_required(StaffRole.ADMIN)
def audit_log() -> str:
    return render_template("staff/audit.html", events=audit.recent_events())
