"""The common programme (goals, actions with partners, their updates), the yearly progress
report with a chapter per municipality, and the comparison with the previous cycle."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.wrappers import Response as BaseResponse

from participation.domain.programme import (
    ActionStatus,
    Direction,
    GoalKind,
    GoalProblem,
    Progress,
    check_action_date,
)
from participation.models import RegionalAction, RegionalCampaign, RegionalGoal, RegionScope
from participation.region import bp
from participation.region.plan_forms import (
    CommonActionForm,
    CommonActionUpdateForm,
    CommonGoalForm,
    CommonGoalStatusForm,
    PreviousCycleForm,
)
from participation.services.regions import (
    plan,
    regional_cycles,
    regional_outcome,
    regional_report,
)
from participation.services.regions.regional_session import region_row
from participation.timeutil import local_today
from participation.web.access import Page
from participation.web.files import dated_name, file_response
from participation.web.forms import ConfirmForm, filled
from participation.web.print_documents import pdf_from_template
from participation.web.region_lookups import regional_campaign_or_404
from participation.web.roles import region_scope, region_scope_required

COORDINATOR = RegionScope.COORDINATOR
READERS = (RegionScope.COORDINATOR, RegionScope.PARTNER)
GOAL_PROBLEMS = {
    GoalProblem.NO_DESCRIPTION: ("description", _l("Describe the goal.")),
    GoalProblem.NO_INDICATOR: ("indicator", _l("Choose the regional indicator that measures it.")),
    GoalProblem.INDICATOR_EXISTS: (
        "indicator",
        _l("Choose the regional indicator that measures it."),
    ),
    GoalProblem.NO_NUMBER: (
        "target_value",
        _l("A measurable goal needs a baseline and a target value."),
    ),
    GoalProblem.NO_YEAR: ("target_year", _l("Give the baseline year and the target year.")),
    GoalProblem.YEAR_OUT_OF_RANGE: (
        "baseline_year",
        _l("Give the baseline and target year as a year from 2000 to 2100."),
    ),
    GoalProblem.TARGET_BEFORE_BASELINE: (
        "target_year",
        _l("The target year must come after the baseline year."),
    ),
    GoalProblem.TARGET_OUTSIDE_PLAN: (
        "target_year",
        _l("The target year must lie in the plan period, or the year after it."),
    ),
    GoalProblem.WRONG_DIRECTION: (
        "target_value",
        _l("The target must be better than the baseline, the way you chose."),
    ),
}


def _forms(
    campaign: RegionalCampaign, view: regional_outcome.RegionalOutcomeView
) -> tuple[CommonGoalForm, CommonActionForm]:
    priorities = [(item.theme.id, item.theme.title) for item in view.common]
    goal, action = CommonGoalForm(prefix="goal"), CommonActionForm(prefix="action")
    goal.theme.choices = action.theme.choices = priorities
    goal.indicator.choices = [("", _("— none —"))] + [
        (str(i.id), i.name) for i in plan.indicators(campaign)
    ]
    return goal, action


def _programme(
    campaign: RegionalCampaign,
    goal_form: CommonGoalForm | None = None,
    action_form: CommonActionForm | None = None,
    status: int = 200,
) -> Page:
    view = regional_outcome.gather(campaign, public=False, figures=False)
    goal, action = _forms(campaign, view)
    page = render_template(
        "region/plan_programme.html",
        campaign=campaign,
        view=view,
        goal_form=goal_form or goal,
        action_form=action_form or action,
        goal_status=CommonGoalStatusForm(prefix="gs"),
        action_update=CommonActionUpdateForm(prefix="au"),
        confirm=ConfirmForm(),
        today=local_today().isoformat(),
        scope=region_scope(),
    )
    return page, status


def _back(slug: str) -> BaseResponse:
    return redirect(url_for("region.plan_programme", slug=slug), code=303)


@bp.get("/staff/campaigns/<slug>/programme")
@region_scope_required(*READERS)
def plan_programme(slug: str) -> Page:
    return _programme(regional_campaign_or_404(slug))


@bp.post("/staff/campaigns/<slug>/programme/goals")
@region_scope_required(COORDINATOR)
def plan_goal_add(slug: str) -> Page:
    campaign = regional_campaign_or_404(slug)
    view = regional_outcome.gather(campaign, public=False, figures=False)
    form, _action = _forms(campaign, view)
    if not form.validate_on_submit():
        return _programme(campaign, goal_form=form, status=422)
    given = plan.CommonGoalInput(
        regional_theme_id=form.theme.data,
        description=form.description.data or "",
        kind=GoalKind(form.kind.data),
        indicator_id=int(form.indicator.data) if form.indicator.data else None,
        baseline_year=form.baseline_year.data,
        baseline_value=form.baseline_value.data,
        target_year=form.target_year.data,
        target_value=form.target_value.data,
        direction=Direction(form.direction.data),
    )
    problems = plan.check_goal(campaign, given, view.period)
    for problem in problems:
        name, message = GOAL_PROBLEMS[problem]
        getattr(form, name).errors = [*getattr(form, name).errors, str(message)]
    if problems:
        return _programme(campaign, goal_form=form, status=422)
    plan.add_goal(campaign, given, current_user)
    flash(_("The goal has been added."), "info")
    return _back(slug)


@bp.post("/staff/campaigns/<slug>/programme/actions")
@region_scope_required(COORDINATOR)
def plan_action_add(slug: str) -> Page:
    campaign = regional_campaign_or_404(slug)
    view = regional_outcome.gather(campaign, public=False, figures=False)
    _goal, form = _forms(campaign, view)
    if not form.validate_on_submit():
        return _programme(campaign, action_form=form, status=422)
    period = view.period
    if period is not None and not check_action_date(form.due_on.data, period):
        message = _(
            "Choose a date in the plan period, %(first)d to %(last)d.",
            first=period.first_year,
            last=period.last_year,
        )
        form.due_on.errors = [message]
        return _programme(campaign, action_form=form, status=422)
    plan.add_action(
        campaign,
        form.theme.data,
        filled(form.what.data),
        filled(form.partner.data),
        form.due_on.data,
        current_user,
    )
    flash(_("The action has been added."), "info")
    return _back(slug)


def _goal_or_404(campaign: RegionalCampaign, goal_id: int) -> RegionalGoal:
    found = region_row(RegionalGoal, goal_id, regional_campaign_id=campaign.id)
    if found is None:
        abort(404)
    return found


def _action_or_404(campaign: RegionalCampaign, action_id: int) -> RegionalAction:
    found = region_row(RegionalAction, action_id, regional_campaign_id=campaign.id)
    if found is None:
        abort(404)
    return found


@bp.post("/staff/campaigns/<slug>/programme/goals/<int:goal_id>/status")
@region_scope_required(COORDINATOR)
def plan_goal_status(slug: str, goal_id: int) -> Page:
    campaign = regional_campaign_or_404(slug)
    goal = _goal_or_404(campaign, goal_id)
    form = CommonGoalStatusForm(prefix="gs")
    if goal.kind != GoalKind.WRITTEN:
        abort(404)  # a measurable goal's progress follows from its figures
    if not form.validate_on_submit():
        flash(" ".join(e for errors in form.errors.values() for e in errors), "error")
        return _programme(campaign, status=422)
    plan.set_goal_status(
        goal, filled(form.on.data), Progress(form.status.data), form.note.data or "", current_user
    )
    return _back(slug)


@bp.post("/staff/campaigns/<slug>/programme/actions/<int:action_id>/status")
@region_scope_required(COORDINATOR)
def plan_action_status(slug: str, action_id: int) -> Page:
    campaign = regional_campaign_or_404(slug)
    action = _action_or_404(campaign, action_id)
    form = CommonActionUpdateForm(prefix="au")
    if not form.validate_on_submit():
        flash(" ".join(e for errors in form.errors.values() for e in errors), "error")
        return _programme(campaign, status=422)
    plan.update_action(
        action,
        filled(form.on.data),
        ActionStatus(form.status.data),
        form.note.data or "",
        current_user,
    )
    return _back(slug)


@bp.post("/staff/campaigns/<slug>/programme/goals/<int:goal_id>/delete")
@region_scope_required(COORDINATOR)
def plan_goal_delete(slug: str, goal_id: int) -> BaseResponse:
    campaign = regional_campaign_or_404(slug)
    goal = _goal_or_404(campaign, goal_id)
    if ConfirmForm().validate_on_submit():
        plan.delete_goal(goal, current_user)
    return _back(slug)


@bp.post("/staff/campaigns/<slug>/programme/actions/<int:action_id>/delete")
@region_scope_required(COORDINATOR)
def plan_action_delete(slug: str, action_id: int) -> BaseResponse:
    campaign = regional_campaign_or_404(slug)
    action = _action_or_404(campaign, action_id)
    if ConfirmForm().validate_on_submit():
        plan.delete_action(action, current_user)
    return _back(slug)


@bp.get("/staff/campaigns/<slug>/progress")
@region_scope_required(*READERS)
def plan_progress(slug: str) -> str:
    report = regional_report.progress_report(regional_campaign_or_404(slug))
    return render_template("region/plan_progress.html", report=report, today=local_today())


@bp.get("/staff/campaigns/<slug>/progress.pdf")
@region_scope_required(*READERS)
def plan_progress_pdf(slug: str) -> Response:
    report = regional_report.progress_report(regional_campaign_or_404(slug))
    pdf = pdf_from_template("region/plan_progress.html", report=report, today=local_today())
    return file_response(pdf, "application/pdf", dated_name(slug, "voortgang", ext="pdf"))


def _cycles(campaign: RegionalCampaign, form: PreviousCycleForm | None, status: int) -> Page:
    if form is None:
        previous = regional_cycles.previous_of(campaign)
        form = PreviousCycleForm(previous=previous.slug if previous is not None else "")
    form.previous.choices = [("", _("— none —"))] + [
        (c.slug, c.title) for c in regional_cycles.candidates(campaign)
    ]
    page = render_template(
        "region/plan_cycles.html",
        campaign=campaign,
        comparison=regional_cycles.compare_cycles(campaign),
        form=form,
        scope=region_scope(),
    )
    return page, status


@bp.get("/staff/campaigns/<slug>/cycles")
@region_scope_required(*READERS)
def plan_cycles(slug: str) -> Page:
    return _cycles(regional_campaign_or_404(slug), None, 200)


@bp.post("/staff/campaigns/<slug>/cycles")
@region_scope_required(COORDINATOR)
def plan_previous_cycle(slug: str) -> Page:
    campaign = regional_campaign_or_404(slug)
    form = PreviousCycleForm()
    if not form.validate_on_submit():
        return _cycles(campaign, form, 422)
    if not regional_cycles.name_previous(campaign, form.previous.data or "", current_user):
        form.previous.errors = [_("Choose one of the region's other campaigns, or none.")]
        return _cycles(campaign, form, 422)
    flash(_("The previous cycle has been saved."), "info")
    return redirect(url_for("region.plan_cycles", slug=slug), code=303)
