"""Staff publish what came of a campaign, print the feedback poster, and start the next cycle."""

from __future__ import annotations

from flask import Response, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from participation.domain.translations import SOURCE_LANGUAGE, complete_in
from participation.models import Campaign, StaffRole
from participation.renderers import posters
from participation.services import translations
from participation.services.campaigns import campaign_edits
from participation.services.outcome import cycles, follow_up, outcome
from participation.services.outcome import texts as outcome_texts
from participation.staff import bp
from participation.staff.forms import NextCycleForm, OutcomeForm
from participation.web.access import Page, campaign_or_404
from participation.web.files import dated_name, file_response
from participation.web.forms import ConfirmForm, filled
from participation.web.links import outcome_print_text, public_url
from participation.web.roles import role_required
from participation.web.text_forms import outcome_texts_form


def _form(campaign: Campaign) -> OutcomeForm:
    found = outcome.outcome_of(campaign)
    form = OutcomeForm(
        session=found.session_id,
        decided_on=found.decided_on,
        summary=found.summary,
        shows_views=found.shows_views,
        plan_first_year=found.plan_first_year,
        plan_last_year=found.plan_last_year,
    )
    form.session.choices = [(s.id, s.title) for s in outcome.sessions_with_decisions(campaign)] or [
        (0, _("No session has decisions yet"))
    ]
    return form


def _page(
    campaign: Campaign, form: OutcomeForm, status: int = 200, problems: list[str] | None = None
) -> Page:
    view = outcome.gather(campaign, public=False)
    page = render_template(
        "staff/outcome.html",
        campaign=campaign,
        form=form,
        view=view,
        confirm=ConfirmForm(),
        problems=problems if problems is not None else outcome.publish_problems(view),
        waiting=follow_up.waiting(campaign),
        public_link=public_url("results.outcome_page", slug=campaign.slug),
        text_languages=translations.other_languages(
            current_app.config["LANGUAGES"],
            lambda language: complete_in(outcome_texts.required(view), language),
        ),
    )
    return page, status


@bp.route("/campaigns/<slug>/outcome", methods=["GET", "POST"])
@role_required(StaffRole.STAFF)
def outcome_settings(slug: str) -> Page:
    campaign = campaign_or_404(slug)
    form = _form(campaign)
    if not form.is_submitted():
        return _page(campaign, form)
    if not form.validate():
        return _page(campaign, form, 422)
    settings = outcome.OutcomeSettings(
        session_id=form.session.data or None,
        decided_on=form.decided_on.data,
        summary=form.summary.data or "",
        shows_views=bool(form.shows_views.data),
        plan_first_year=filled(form.plan_first_year.data),
        plan_last_year=filled(form.plan_last_year.data),
    )
    outcome.save(campaign, settings, current_user)
    flash(_("The outcome has been saved."), "info")
    return redirect(url_for("staff.outcome_settings", slug=slug), code=303)


@bp.post("/campaigns/<slug>/outcome/<action>")
@role_required(StaffRole.STAFF)
def outcome_publication(slug: str, action: str) -> Page:
    if action not in {"publish", "withdraw", "mail"}:
        abort(404)
    campaign = campaign_or_404(slug)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if action == "withdraw":
        outcome.withdraw(campaign, current_user)
        flash(_("The outcome is no longer public."), "info")
        return redirect(url_for("staff.outcome_settings", slug=slug), code=303)
    if action == "publish":
        problems = outcome.publish(campaign, current_user)
        if problems:
            return _page(campaign, _form(campaign), 409, problems)
        flash(_("The outcome is public now."), "info")
    elif not outcome.is_published(campaign):
        abort(409)
    _mail_residents(campaign)
    return redirect(url_for("staff.outcome_settings", slug=slug), code=303)


def _mail_residents(campaign: Campaign) -> None:
    """The outcome to residents who asked for it and confirmed; each address is then deleted.
    With a job queue the e-mails are queued and the worker sends them (staff.job_routes)."""
    result = follow_up.send_outcome(campaign)
    if result.queued:
        flash(
            ngettext(
                "%(num)d e-mail to residents is queued; the mail queue page shows how it goes.",
                "%(num)d e-mails to residents are queued; the mail queue page shows how it goes.",
                result.queued,
            ),
            "info",
        )
    if result.sent:
        flash(
            ngettext(
                "%(num)d resident got the outcome by e-mail; the address is deleted.",
                "%(num)d residents got the outcome by e-mail; their addresses are deleted.",
                result.sent,
            ),
            "info",
        )
    if result.failed:
        flash(
            ngettext(
                "%(num)d e-mail still waits. Press 'Send the e-mails' (again later if the mail "
                "server refused).",
                "%(num)d e-mails still wait. Press 'Send the e-mails' (again later if the mail "
                "server refused).",
                result.failed,
            ),
            "error",
        )


@bp.route("/campaigns/<slug>/outcome/texts/<language>", methods=["GET", "POST"])
@role_required(StaffRole.STAFF)
def outcome_texts_page(slug: str, language: str) -> Page:
    """The outcome's summary, reasons, goals and actions in another language."""
    campaign = campaign_or_404(slug)
    if language == SOURCE_LANGUAGE or language not in current_app.config["LANGUAGES"]:
        abort(404)
    view = outcome.gather(campaign, public=False)
    items = outcome_texts.items(view)
    form = outcome_texts_form(items, language)
    if form.validate_on_submit():
        changed = translations.save(items, language, form.data, current_user, f"outcome:{slug}")
        flash(ngettext("%(num)d text saved.", "%(num)d texts saved.", changed), "info")
        return redirect(url_for("staff.outcome_settings", slug=slug), code=303)
    page = render_template(
        "staff/outcome_texts.html",
        campaign=campaign,
        form=form,
        items=items,
        groups=outcome_texts.groups(view),
        language=language,
        missing=translations.missing(items, language),
        complete=complete_in(outcome_texts.required(view), language),
    )
    return page, 422 if form.is_submitted() else 200


FEEDBACK_PRINTS = {
    "poster-a4": lambda text: posters.poster_pdf(text, "a4"),
    "poster-a3": lambda text: posters.poster_pdf(text, "a3"),
    "flyers-a6": posters.flyer_sheet_pdf,
}


@bp.get("/campaigns/<slug>/outcome/print/<kind>.<fmt>")
@role_required(StaffRole.VIEWER)
def outcome_print(slug: str, kind: str, fmt: str) -> Response:
    """'U koos – dit gaan we doen': the chosen priorities and a QR code to the outcome page."""
    if kind not in FEEDBACK_PRINTS or fmt not in {"pdf", "png"}:
        abort(404)
    campaign = campaign_or_404(slug)
    view = outcome.gather(campaign, public=False)
    titles = [item.theme.title for item in view.priorities]
    pdf = FEEDBACK_PRINTS[kind](outcome_print_text(campaign, titles))
    if fmt == "png":
        return Response(posters.preview_png(pdf), mimetype="image/png")
    campaign_edits.record_print(campaign, f"uitkomst-{kind}", current_user)
    return file_response(pdf, "application/pdf", dated_name(slug, "uitkomst", kind, ext="pdf"))


@bp.route("/campaigns/<slug>/next-cycle", methods=["GET", "POST"])
@role_required(StaffRole.STAFF)
def next_cycle(slug: str) -> Page:
    """Start a new campaign from this one: themes, villages, surveys and settings; no votes."""
    campaign = campaign_or_404(slug)
    form = NextCycleForm()
    if not form.is_submitted():
        form.title.data = campaign.title
    elif form.validate():
        try:
            copy = cycles.start_next(
                campaign, form.slug.data or "", form.title.data or "", current_user
            )
        except cycles.SlugTaken:
            form.slug.errors = [_("Another campaign has (or had) this short name.")]
        else:
            flash(
                _(
                    "The new campaign is ready as a draft. Its results will be compared with "
                    "this one."
                ),
                "info",
            )
            return redirect(url_for("staff.campaign", slug=copy.slug), code=303)
    page = render_template("staff/next_cycle.html", campaign=campaign, form=form)
    return page, 422 if form.errors else 200
