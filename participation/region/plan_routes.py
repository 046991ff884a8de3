"""The regional session (shortlist side by side, common and local decisions) and the regional
outcome: its settings and publication for the coordinator, its public page and JSON."""

from __future__ import annotations

from flask import (
    Response,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.wrappers import Response as BaseResponse

from participation import tenancy
from participation.domain.partner_view import FigureTable
from participation.i18n import limit_to_text_languages, open_to_residents
from participation.models import RegionalCampaign, RegionalDecision, RegionalSession, RegionScope
from participation.region import bp
from participation.region.plan_forms import (
    RegionalDecisionForm,
    RegionalOutcomeForm,
    RegionalSessionForm,
)
from participation.renderers.regional_plan_json import regional_outcome_json
from participation.services.regions import (
    partner,
    regional_outcome,
    regional_report,
    regional_texts,
)
from participation.services.regions import regional_session as sessions
from participation.services.regions.regional_session import DecisionProblem
from participation.services.results import regional
from participation.web.access import Page
from participation.web.forms import ConfirmForm, filled
from participation.web.region_lookups import regional_campaign_or_404
from participation.web.roles import region_scope, region_scope_required

COORDINATOR = RegionScope.COORDINATOR
READERS = (RegionScope.COORDINATOR, RegionScope.PARTNER)
DECISION_PROBLEMS = {
    DecisionProblem.KIND: ("kind", _l("Choose common or local.")),
    DecisionProblem.MUNICIPALITY: (
        "municipality",
        _l("Choose the municipality of this local priority: one that adopted the campaign."),
    ),
    DecisionProblem.COMMON_WITH_MUNICIPALITY: (
        "municipality",
        _l("A common priority is for the whole region: choose no municipality."),
    ),
    DecisionProblem.THEME: (
        "theme",
        _l("Choose a common theme, or for a local priority one of that municipality's own."),
    ),
    DecisionProblem.SAFETY_FIELD: (
        "safety_field",
        _l("Choose the VNG safety field of this priority."),
    ),
    DecisionProblem.RATIONALE: ("rationale", _l("Use 10 to 4000 characters.")),
}


def _session_or_404(session_id: int) -> RegionalSession:
    found = None if tenancy.chosen_id() else sessions.region_row(RegionalSession, session_id)
    if found is None:
        abort(404)
    return found


def _sessions_page(campaign: RegionalCampaign, form: RegionalSessionForm, status: int) -> Page:
    page = render_template(
        "region/sessions.html",
        campaign=campaign,
        sessions=sessions.sessions_of(campaign),
        form=form,
        scope=region_scope(),
    )
    return page, status


@bp.get("/staff/campaigns/<slug>/sessions")
@region_scope_required(*READERS)
def plan_sessions(slug: str) -> Page:
    return _sessions_page(regional_campaign_or_404(slug), RegionalSessionForm(), 200)


@bp.post("/staff/campaigns/<slug>/sessions")
@region_scope_required(COORDINATOR)
def plan_session_create(slug: str) -> Page:
    campaign = regional_campaign_or_404(slug)
    form = RegionalSessionForm()
    if not form.validate_on_submit():
        return _sessions_page(campaign, form, 422)
    session = sessions.create(
        campaign,
        filled(form.title.data),
        form.held_on.data,
        form.place.data or "",
        form.notes.data or "",
        current_user,
    )
    flash(_("The session has been added."), "info")
    return redirect(url_for("region.plan_session", session_id=session.id), code=303)


def _decision_form(
    campaign: RegionalCampaign, adopters: list[sessions.Adopter]
) -> RegionalDecisionForm:
    form = RegionalDecisionForm()
    form.municipality.choices = [("", _("— none: a common priority —"))] + [
        (str(a.municipality.id), a.municipality.name) for a in adopters
    ]
    common = [(f"common-{t.id}", t.title) for t in campaign.themes]
    local = [
        (f"local-{t.id}", f"{t.title} ({a.municipality.name})")
        for a in adopters
        for t in a.local_themes
    ]
    form.theme.choices = {_("Common themes"): common, _("Municipalities' own themes"): local}
    return form


def _chosen_id(value: str) -> int | None:
    """A municipality's id from the form; none chosen is None, anything else not one (0)."""
    return None if not value else int(value) if value.isdecimal() and len(value) < 10 else 0


def _session_page(
    session: RegionalSession, form: RegionalDecisionForm | None = None, status: int = 200
) -> Page:
    campaign = sessions.campaign_of(session)
    adopters = sessions.adopters(campaign)
    page = render_template(
        "region/session.html",
        session=session,
        campaign=campaign,
        results=sessions.shortlist(campaign),
        # The safety analysis' figures beside the residents' places, as in the partner view.
        figures=FigureTable(partner.figures(campaign)),
        adopters=adopters,
        names=sessions.municipality_names(campaign.region_id),
        title_of=sessions.decision_title,
        decide=form or _decision_form(campaign, adopters),
        confirm=ConfirmForm(),
        scope=region_scope(),
    )
    return page, status


@bp.get("/staff/sessions/<int:session_id>")
@region_scope_required(*READERS)
def plan_session(session_id: int) -> Page:
    return _session_page(_session_or_404(session_id))


@bp.post("/staff/sessions/<int:session_id>/decisions")
@region_scope_required(COORDINATOR)
def plan_decision_add(session_id: int) -> Page:
    session = _session_or_404(session_id)
    campaign = sessions.campaign_of(session)
    form = _decision_form(campaign, sessions.adopters(campaign))
    if not form.validate_on_submit():
        return _session_page(session, form, 422)
    given = sessions.DecisionInput(
        kind=form.kind.data or "",
        municipality_id=_chosen_id(form.municipality.data or ""),
        theme=form.theme.data or "",
        chosen=form.chosen.data == "yes",
        rationale=form.rationale.data or "",
        safety_field=form.safety_field.data or None,
    )
    try:
        sessions.record_decision(session, given, current_user)
    except sessions.DecisionRefused as refused:
        for problem in refused.problems:
            name, message = DECISION_PROBLEMS[problem]
            getattr(form, name).errors = [*getattr(form, name).errors, str(message)]
        return _session_page(session, form, 422)
    flash(_("The decision has been recorded."), "info")
    return redirect(url_for("region.plan_session", session_id=session.id, _anchor="decisions"), 303)


@bp.post("/staff/sessions/<int:session_id>/decisions/<int:decision_id>/delete")
@region_scope_required(COORDINATOR)
def plan_decision_remove(session_id: int, decision_id: int) -> BaseResponse:
    session = _session_or_404(session_id)
    decision = sessions.region_row(RegionalDecision, decision_id, regional_session_id=session.id)
    if decision is None:
        abort(404)
    if ConfirmForm().validate_on_submit():
        sessions.remove_decision(session, decision, current_user)
    return redirect(url_for("region.plan_session", session_id=session.id, _anchor="decisions"), 303)


def _outcome_form(campaign: RegionalCampaign) -> RegionalOutcomeForm:
    outcome = regional_outcome.outcome_of(campaign)
    form = RegionalOutcomeForm(
        session=outcome.regional_session_id,
        decided_on=outcome.decided_on,
        summary=outcome.summary,
        plan_first_year=outcome.plan_first_year,
        plan_last_year=outcome.plan_last_year,
    )
    form.session.choices = [(s.id, s.title) for s in sessions.sessions_of(campaign)]
    return form


def _outcome_settings(
    campaign: RegionalCampaign,
    form: RegionalOutcomeForm | None = None,
    problems: list[str] | None = None,
    status: int = 200,
) -> Page:
    page = render_template(
        "region/plan_outcome_settings.html",
        campaign=campaign,
        view=regional_outcome.gather(campaign, public=False, figures=False),
        form=form or _outcome_form(campaign),
        problems=problems or [],
        confirm=ConfirmForm(),
        scope=region_scope(),
    )
    return page, status


@bp.get("/staff/campaigns/<slug>/outcome")
@region_scope_required(*READERS)
def plan_outcome_settings(slug: str) -> Page:
    return _outcome_settings(regional_campaign_or_404(slug))


@bp.post("/staff/campaigns/<slug>/outcome")
@region_scope_required(COORDINATOR)
def plan_outcome_save(slug: str) -> Page:
    campaign = regional_campaign_or_404(slug)
    form = _outcome_form(campaign)
    if not form.validate_on_submit():
        return _outcome_settings(campaign, form, status=422)
    settings = regional_outcome.OutcomeSettings(
        session_id=form.session.data,
        decided_on=form.decided_on.data,
        summary=form.summary.data or "",
        plan_first_year=filled(form.plan_first_year.data),
        plan_last_year=filled(form.plan_last_year.data),
    )
    regional_outcome.save(campaign, settings, current_user)
    flash(_("The outcome has been saved."), "info")
    return redirect(url_for("region.plan_outcome_settings", slug=slug), code=303)


@bp.post("/staff/campaigns/<slug>/outcome/publish")
@region_scope_required(COORDINATOR)
def plan_outcome_publish(slug: str) -> Page:
    campaign = regional_campaign_or_404(slug)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    problems = regional_outcome.publish(campaign, current_user)
    if problems:
        return _outcome_settings(campaign, problems=problems, status=409)
    flash(_("The outcome is public now."), "info")
    return redirect(url_for("region.plan_outcome_settings", slug=slug), code=303)


@bp.post("/staff/campaigns/<slug>/outcome/withdraw")
@region_scope_required(COORDINATOR)
def plan_outcome_withdraw(slug: str) -> BaseResponse:
    campaign = regional_campaign_or_404(slug)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    regional_outcome.withdraw(campaign, current_user)
    flash(_("The outcome is no longer public."), "info")
    return redirect(url_for("region.plan_outcome_settings", slug=slug), code=303)


def _readable_outcome(slug: str) -> RegionalCampaign:
    """The campaign once its outcome is published; its coordinators and partners may
    preview it. 404 otherwise."""
    campaign = regional_campaign_or_404(slug)
    if not (regional_outcome.is_published(campaign) or region_scope() is not None):
        abort(404)
    return campaign


@bp.get("/results/<slug>/uitkomst")
def plan_outcome_page(slug: str) -> str:
    campaign = _readable_outcome(slug)
    # Residents' page: every language the campaign's and the local themes' titles exist in.
    open_to_residents()
    limit_to_text_languages(regional.languages(campaign, current_app.config["LANGUAGES"]))
    published = regional_outcome.is_published(campaign)
    return render_template(
        "region/plan_outcome.html", view=regional_outcome.gather(campaign, public=published)
    )


@bp.get("/results/<slug>/uitkomst.json")
def plan_outcome_json(slug: str) -> Response:
    """The outcome's values; its titles and typed texts in the language the page would show
    (`language`), each one not written there in Dutch."""
    campaign = _readable_outcome(slug)
    open_to_residents()
    limit_to_text_languages(regional.languages(campaign, current_app.config["LANGUAGES"]))
    view = regional_outcome.gather(campaign, public=regional_outcome.is_published(campaign))
    language = str(get_locale())
    data = regional_texts.in_language(regional_report.outcome_data(view), view, language)
    return jsonify({**regional_outcome_json(data), "language": language})
