"""Staff keep the implementation programme: goals and actions per priority, and their updates."""

from __future__ import annotations

from collections.abc import Callable

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from participation.domain.programme import (
    ActionStatus,
    Direction,
    GoalKind,
    GoalProblem,
    Progress,
    check_action_date,
)
from participation.models import Campaign, Goal, Indicator, PlanAction, StaffRole
from participation.services.campaigns import indicators
from participation.services.outcome import outcome, programme
from participation.staff import bp
from participation.staff.forms import (
    ActionForm,
    ActionUpdateForm,
    GoalForm,
    GoalStatusForm,
    IndicatorValueForm,
)
from participation.timeutil import local_today
from participation.web.access import Page, campaign_of, campaign_or_404, owned_or_404
from participation.web.forms import ConfirmForm, filled
from participation.web.roles import role_required

# Which field shows each problem, and what it says.
GOAL_PROBLEMS = {
    GoalProblem.NO_DESCRIPTION: ("description", _l("Describe the goal.")),
    GoalProblem.NO_INDICATOR: (
        "indicator",
        _l("Choose the indicator that measures the goal, or name a new one below."),
    ),
    GoalProblem.INDICATOR_EXISTS: (
        "new_indicator",
        _l("There is an indicator with this name already: choose it in the list above."),
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


def _goal_form(campaign: Campaign, view: outcome.OutcomeView) -> GoalForm:
    form = GoalForm(prefix="goal")
    form.theme.choices = [(item.theme.id, item.theme.title) for item in view.priorities]
    form.indicator.choices = [("", _("— a new one, below —"))] + [
        (str(i.id), f"{i.name} ({i.theme.title})") for i in indicators.for_campaign(campaign)
    ]
    return form


def _goal_input(form: GoalForm) -> programme.GoalInput:
    return programme.GoalInput(
        theme_id=form.theme.data,
        description=form.description.data or "",
        kind=GoalKind(form.kind.data),
        indicator_id=int(form.indicator.data) if form.indicator.data else None,
        baseline_year=form.baseline_year.data,
        baseline_value=form.baseline_value.data,
        target_year=form.target_year.data,
        target_value=form.target_value.data,
        direction=Direction(form.direction.data),
        new_indicator=(form.new_indicator.data or "", form.new_indicator_source.data or ""),
    )


def _show_goal_problems(form: GoalForm, problems: list[GoalProblem]) -> None:
    """Each problem at its field; without indicators to choose from, the missing indicator
    is asked for where a new one is named."""
    for problem in problems:
        name, message = GOAL_PROBLEMS[problem]
        if problem is GoalProblem.NO_INDICATOR and len(form.indicator.choices or ()) <= 1:
            name = "new_indicator"
        getattr(form, name).errors = [*getattr(form, name).errors, str(message)]


def _action_form(view: outcome.OutcomeView) -> ActionForm:
    form = ActionForm(prefix="action")
    form.theme.choices = [(item.theme.id, item.theme.title) for item in view.priorities]
    return form


def _page(
    campaign: Campaign,
    goal_form: GoalForm | None = None,
    action_form: ActionForm | None = None,
    status: int = 200,
) -> Page:
    view = outcome.gather(campaign, public=False)
    page = render_template(
        "staff/programme.html",
        campaign=campaign,
        view=view,
        goal_form=goal_form or _goal_form(campaign, view),
        action_form=action_form or _action_form(view),
        goal_status=GoalStatusForm(prefix="gs"),
        action_update=ActionUpdateForm(prefix="au"),
        indicator_value=IndicatorValueForm(prefix="iv"),
        confirm=ConfirmForm(),
        today=local_today().isoformat(),
    )
    return page, status


@bp.get("/campaigns/<slug>/programme")
@role_required(StaffRole.VIEWER)
def programme_page(slug: str) -> Page:
    return _page(campaign_or_404(slug))


def _back(campaign: Campaign) -> Response:
    return redirect(url_for("staff.programme_page", slug=campaign.slug), code=303)


@bp.post("/campaigns/<slug>/programme/goals")
@role_required(StaffRole.STAFF)
def goal_add(slug: str) -> Page:
    campaign = campaign_or_404(slug)
    view = outcome.gather(campaign, public=False)
    form = _goal_form(campaign, view)
    if not form.validate():
        return _page(campaign, goal_form=form, status=422)
    given = _goal_input(form)
    problems = programme.check_goal(campaign, given, view.period)
    if problems:
        _show_goal_problems(form, problems)
        return _page(campaign, goal_form=form, status=422)
    programme.add_goal(campaign, given, current_user)
    flash(_("The goal has been added."), "info")
    return _back(campaign)


@bp.post("/campaigns/<slug>/programme/actions")
@role_required(StaffRole.STAFF)
def action_add(slug: str) -> Page:
    campaign = campaign_or_404(slug)
    view = outcome.gather(campaign, public=False)
    form = _action_form(view)
    if not form.validate():
        return _page(campaign, action_form=form, status=422)
    period = view.period
    if period is not None and not check_action_date(form.due_on.data, period):
        form.due_on.errors = [
            _(
                "Choose a date in the plan period, %(first)d to %(last)d.",
                first=period.first_year,
                last=period.last_year,
            )
        ]
        return _page(campaign, action_form=form, status=422)
    programme.add_action(
        campaign,
        form.theme.data,
        form.what.data or "",
        form.partner.data or "",
        form.due_on.data,
        current_user,
    )
    flash(_("The action has been added."), "info")
    return _back(campaign)


def _save_update(
    campaign: Campaign, form: FlaskForm, save: Callable[[], object], saved: str
) -> Page:
    """A small form repeated per goal, action or indicator: save it, or say what is wrong."""
    if not form.validate():
        flash(_("Nothing was saved: %(why)s", why=_first_error(form)), "error")
        return _page(campaign, status=422)
    save()
    flash(saved, "info")
    return _back(campaign)


@bp.post("/goals/<int:goal_id>/status")
@role_required(StaffRole.STAFF)
def goal_status(goal_id: int) -> Page:
    goal = owned_or_404(Goal, goal_id)
    campaign = campaign_of(goal)
    form = GoalStatusForm(prefix="gs")
    if goal.kind != GoalKind.WRITTEN:
        abort(400, description=_("A measurable goal's progress follows from its indicator."))
    return _save_update(
        campaign,
        form,
        lambda: programme.set_goal_status(
            goal,
            filled(form.on.data),
            Progress(form.status.data),
            form.note.data or "",
            current_user,
        ),
        _("The goal's status has been saved."),
    )


@bp.post("/actions/<int:action_id>/status")
@role_required(StaffRole.STAFF)
def action_update(action_id: int) -> Page:
    action = owned_or_404(PlanAction, action_id)
    campaign = campaign_of(action)
    form = ActionUpdateForm(prefix="au")
    return _save_update(
        campaign,
        form,
        lambda: programme.update_action(
            action,
            filled(form.on.data),
            ActionStatus(form.status.data),
            form.note.data or "",
            current_user,
        ),
        _("The action's status has been saved."),
    )


@bp.post("/indicators/<int:indicator_id>/value")
@role_required(StaffRole.STAFF)
def indicator_value(indicator_id: int) -> Page:
    indicator = owned_or_404(Indicator, indicator_id)
    campaign = campaign_of(indicator)
    form = IndicatorValueForm(prefix="iv")
    return _save_update(
        campaign,
        form,
        lambda: programme.record_indicator_value(
            indicator,
            filled(form.year.data),
            filled(form.value.data),
            current_user,
        ),
        _("The value has been saved."),
    )


@bp.post("/goals/<int:goal_id>/delete")
@role_required(StaffRole.STAFF)
def goal_delete(goal_id: int) -> Response:
    goal = owned_or_404(Goal, goal_id)
    campaign = campaign_of(goal)
    if ConfirmForm().validate_on_submit():
        programme.delete_goal(goal, current_user)
        flash(_("The goal has been deleted."), "info")
    return _back(campaign)


@bp.post("/actions/<int:action_id>/delete")
@role_required(StaffRole.STAFF)
def action_delete(action_id: int) -> Response:
    action = owned_or_404(PlanAction, action_id)
    campaign = campaign_of(action)
    if ConfirmForm().validate_on_submit():
        programme.delete_action(action, current_user)
        flash(_("The action has been deleted."), "info")
    return _back(campaign)


def _first_error(form: FlaskForm) -> str:
    for field in form:
        if field.errors:
            return f"{field.label.text}: {field.errors[0]}"
    return ""
