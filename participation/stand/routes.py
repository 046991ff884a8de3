"""Kiosk views: pairing the tablet, the ballot page, its no-JavaScript submit, the offline sync."""

from __future__ import annotations

import uuid

from flask import Response, abort, current_app, jsonify, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from werkzeug.wrappers import Response as BaseResponse

from participation.domain.text_input import strict_int
from participation.extensions import csrf, limiter
from participation.i18n import limit_to_campaign
from participation.models import KioskDevice, Stand
from participation.services.ballots import kiosk, voting
from participation.services.stands import kiosk_devices, remarks, stand_planning
from participation.services.surveys import surveys
from participation.stand import bp
from participation.stand.forms import KioskBallotForm
from participation.stand.pairing import pairing_page
from participation.web.ballot_form import themes_on_device
from participation.web.ballot_messages import problem_messages
from participation.web.forms import ConfirmForm

# Tablets that may still be paired: before and during the stand. After it, a paired tablet
# may only send what it queued (domain.stands.accepts_sync).
PAIRABLE = ("open", "not_started")


def _stand_or_404(token: str) -> Stand:
    stand = kiosk.stand_for_token(token)
    if stand is None:
        abort(404)
    return stand


def _stand_page_or_404(token: str) -> Stand:
    """For the kiosk's pages: the stand, and the languages its campaign's texts exist in.
    Not for the JSON sync, which the tablet calls every few seconds and which shows no text."""
    stand = _stand_or_404(token)
    limit_to_campaign(stand.campaign)
    return stand


def _device(stand: Stand) -> KioskDevice | None:
    """The paired tablet making this request, from its secret cookie; None for a bare link."""
    return kiosk_devices.device_for_secret(stand, request.cookies.get(kiosk_devices.COOKIE))


def _not_paired_json() -> tuple[BaseResponse, int]:
    message = _(
        "This tablet is not paired with the stand. Ask a staff member to pair it. "
        "Nothing has been stored."
    )
    return jsonify(error=message), 403


def _no_store(response: BaseResponse) -> BaseResponse:
    """Nothing of a previous voter may come back through the cache or the back button."""
    response.headers["Cache-Control"] = "no-store"
    return response


def _kept_language() -> str | None:
    """The resident's language for the kiosk's next page (a submit without JavaScript, the
    thank-you page); None for Dutch, which needs no ?lang= on the shared tablet."""
    chosen = str(get_locale())
    return None if chosen == current_app.config["BABEL_DEFAULT_LOCALE"] else chosen


def _page(
    stand: Stand,
    device: KioskDevice | None,
    form: KioskBallotForm,
    errors: dict[str, list[str]] | None = None,
    status: int = 200,
    form_error: str | None = None,
) -> BaseResponse:
    context = voting.load_context(stand.campaign.slug)
    assert context is not None  # the stand's own campaign, by its current slug
    # Asked first, and never answered for the resident: the stand's own village leads.
    home = stand.area
    form.village.choices = [(home.slug, _("Yes, I live in %(village)s", village=home.name))]
    form.village.choices += [
        (a.slug, _("No, in %(village)s", village=a.name)) for a in context.villages if a != home
    ]
    form.village.choices.append(
        (voting.ELSEWHERE, _("No, outside the municipality, or I'd rather not say"))
    )
    form.ballot_key.data = form.ballot_key.data or str(uuid.uuid4())
    html = render_template(
        "stand/kiosk.html",
        stand=stand,
        device=device,
        campaign=stand.campaign,
        themes=themes_on_device(stand.campaign, context.themes, form),
        form=form,
        errors=errors or {},
        form_error=form_error,
        chosen=set(form.theme.data or []),
        state=stand.kiosk_state(),
        live=stand_planning.live_count(stand, for_residents=True)
        if stand.campaign.show_live_at_stand
        else None,
        survey=surveys.open_for_campaign(stand.campaign_id),
        kept_language=_kept_language(),
    )
    return _no_store(Response(html, status=status))


def _rules(stand: Stand) -> voting.BallotRules:
    rules = voting.load_rules(stand.campaign.slug)
    assert rules is not None  # the stand's own campaign, by its current slug
    return rules


@bp.get("/sw.js")
def service_worker() -> BaseResponse:
    """Served from /stand/ so that its scope covers every kiosk page."""
    response = current_app.send_static_file("js/kiosk-sw.js")
    response.headers["Cache-Control"] = "no-cache"
    response.headers["Service-Worker-Allowed"] = "/stand/"
    return response


@bp.get("/<token>")
def kiosk_page(token: str) -> BaseResponse:
    """The ballot on a paired tablet; on any other browser, the screen that pairs it."""
    stand = _stand_page_or_404(token)
    device = _device(stand)
    if device is None and stand.kiosk_state() in PAIRABLE:
        return pairing_page(stand)
    return _page(stand, device, KioskBallotForm(formdata=None))


@bp.post("/<token>")
@csrf.exempt  # the paired tablet's secret cookie authorises it (SameSite), not a session
def submit(token: str) -> BaseResponse:
    stand = _stand_page_or_404(token)
    device = _device(stand)
    if device is None:
        return pairing_page(stand, refused=True)
    form = KioskBallotForm()
    form.validate()
    rules = _rules(stand)
    ballot_key = form.parsed_ballot_key() or uuid.uuid4()
    item = kiosk.submission(
        stand, device, ballot_key, form.village.data, form.theme.data or [], form.theme.garbled
    )
    try:
        kiosk.cast(stand, device, rules, item)
    except voting.CampaignNotOpen:
        return _page(stand, device, form, status=422)
    except voting.BallotRejected as rejected:
        errors = problem_messages(rejected.problems, rules.rule, len(item.theme_ids))
        return _page(stand, device, form, errors=errors, status=422)
    except kiosk.Held:
        held = _(
            "This tablet takes votes no faster than a person can vote. Wait a moment, then "
            "tap 'Send my vote' again; your choices are kept."
        )
        return _page(stand, device, form, status=429, form_error=held)
    except voting.BallotKeyReused:
        pass  # the first choices on this key stand; the tablet simply moves on
    kiosk.record_contact(stand, device, 0, 0)  # a tablet without JavaScript keeps no queue
    return redirect(url_for("stand.thanks", token=token, lang=_kept_language()), code=303)


@bp.get("/<token>/bedankt")
def thanks(token: str) -> BaseResponse:
    stand = _stand_page_or_404(token)
    survey = surveys.open_for_campaign(stand.campaign_id)
    return _no_store(Response(render_template("stand/thanks.html", stand=stand, survey=survey)))


@bp.post("/<token>/ballots")
@csrf.exempt  # a JSON body and the paired tablet's secret cookie authorise it
def sync(token: str) -> tuple[BaseResponse, int]:
    stand = _stand_or_404(token)
    device = _device(stand)
    if device is None:
        return _not_paired_json()
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict) or not isinstance(payload.get("ballots"), list):
        return jsonify(error=_("The ballots could not be read.")), 400
    rules = _rules(stand)
    report = kiosk.sync(stand, device, rules, payload["ballots"], payload.get("sent_at"))
    removed = len(report.stored) + len(report.duplicates) + len(report.rejected)
    kiosk.record_contact(stand, device, payload.get("queued"), removed)
    return jsonify(
        stored=report.stored,
        duplicates=report.duplicates,
        rejected=report.rejected,
        held=report.held,
    ), 200


@bp.post("/<token>/remarks")
@csrf.exempt  # a JSON body and the paired tablet's secret cookie authorise it
def sync_remarks(token: str) -> tuple[BaseResponse, int]:
    stand = _stand_or_404(token)
    if _device(stand) is None:
        return _not_paired_json()
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict) or not isinstance(payload.get("remarks"), list):
        return jsonify(error=_("The remarks could not be read.")), 400
    return jsonify(remarks.sync(stand, payload["remarks"])), 200


@bp.route("/<token>/opmerking", methods=["GET", "POST"])
@csrf.exempt  # the paired tablet's secret cookie authorises it (SameSite), not a session
def remark(token: str) -> BaseResponse:
    """The remark form for tablets without JavaScript."""
    stand = _stand_page_or_404(token)
    if _device(stand) is None:
        if request.method == "POST":
            return pairing_page(stand, refused=True)
        return redirect(url_for("stand.kiosk_page", token=token), code=303)
    error = None
    if request.method == "POST":
        try:
            remark_key = uuid.UUID(request.form.get("remark_key", ""))
            themes = [strict_int(t) for t in request.form.getlist("remark_theme")]
            if not stand.accepts_sync():
                raise voting.CampaignNotOpen
            remarks.save(stand, remark_key, request.form.get("text", ""), themes)
        except voting.CampaignNotOpen:
            error = _("This stand is not taking remarks any more.")
        except ValueError:
            error = _("Type the remark first.")
        else:
            return redirect(url_for("stand.kiosk_page", token=token), code=303)
    html = render_template(
        "stand/remark.html",
        stand=stand,
        themes=stand.campaign.themes,
        remark_key=uuid.uuid4(),
        error=error,
    )
    return _no_store(Response(html, status=422 if error else 200))


@bp.post("/<token>/koppelen")
@limiter.limit(lambda: current_app.config.get("KIOSK_PAIRING_RATE_LIMIT", "20 per hour"))
def start_pairing(token: str) -> BaseResponse:
    """The tablet asks for a pairing code (a POST: opening the link stores nothing)."""
    stand = _stand_page_or_404(token)
    if ConfirmForm().validate_on_submit() and stand.kiosk_state() in PAIRABLE:
        _, nonce = kiosk_devices.start_pairing(stand)
        response = redirect(url_for("stand.kiosk_page", token=token), code=303)
        kiosk_devices.remember_pairing(response, stand, nonce)
        return response
    return redirect(url_for("stand.kiosk_page", token=token), code=303)


@bp.get("/<token>/koppelen/status")
def pairing_status(token: str) -> BaseResponse:
    """Polled by the pairing screen: has staff typed the code yet?"""
    stand = _stand_or_404(token)
    nonce = request.cookies.get(kiosk_devices.PAIRING_COOKIE)
    state = kiosk_devices.pairing_state(kiosk_devices.pairing_for_nonce(stand, nonce))
    return _no_store(jsonify(state=state))


@bp.post("/<token>/koppelen/klaar")
def claim_device(token: str) -> BaseResponse:
    """After staff typed the code: the tablet collects its secret and shows the ballot."""
    stand = _stand_page_or_404(token)
    response = redirect(url_for("stand.kiosk_page", token=token), code=303)
    if ConfirmForm().validate_on_submit():
        nonce = request.cookies.get(kiosk_devices.PAIRING_COOKIE)
        claimed = kiosk_devices.claim(stand, nonce)
        if claimed is not None:
            kiosk_devices.remember(response, stand, claimed[1])
    return response
