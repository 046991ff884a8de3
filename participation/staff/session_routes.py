"""The facilitator's side of a prioritisation session: shortlist, rounds, board, decisions."""

from __future__ import annotations

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from participation.domain.text_input import strict_int
from participation.models import (
    Decision,
    Participant,
    PrioritySession,
    ShortlistItem,
    StaffRole,
    Theme,
)
from participation.renderers import qr
from participation.services.sessions import memo, prioritisation, session_board
from participation.staff import bp
from participation.staff.forms import DecisionForm, SessionForm, ShortlistAddForm
from participation.web.access import Page, campaign_or_404, owned_or_404
from participation.web.files import dated_name, file_response
from participation.web.forms import ConfirmForm
from participation.web.links import public_url
from participation.web.print_documents import pdf_from_template
from participation.web.roles import role_required


@bp.route("/campaigns/<slug>/sessions", methods=["GET", "POST"])
@role_required(StaffRole.STAFF)
def sessions_page(slug: str) -> Page:
    campaign = campaign_or_404(slug)
    form = SessionForm()
    if form.validate_on_submit():
        session = prioritisation.create(
            campaign,
            form.title.data or "",
            form.dots.data or 3,
            form.top.data or 6,
            current_user,
            extra=form.extra.data if form.extra.data is not None else 3,
        )
        flash(_("The session is ready, with a shortlist drawn from the results."), "info")
        return redirect(url_for("staff.session_page", session_id=session.id), code=303)
    found = prioritisation.for_campaign(campaign)
    page = render_template("staff/sessions.html", campaign=campaign, form=form, sessions=found)
    return page, 422 if form.errors else 200


def _campaign_theme(session: PrioritySession, theme_id: int | None) -> Theme:
    """A theme of the session's campaign; the forms' choices allow no other."""
    return next(t for t in session.campaign.themes if t.id == theme_id)


def _session_or_404(session_id: int) -> PrioritySession:
    return owned_or_404(PrioritySession, session_id)


def _forms(session: PrioritySession) -> tuple[ShortlistAddForm, DecisionForm]:
    add, decide = ShortlistAddForm(prefix="add"), DecisionForm(prefix="decide")
    listed = {item.theme_id for item in session.shortlist}
    add.theme.choices = [(t.id, t.title) for t in session.campaign.themes if t.id not in listed]
    decide.theme.choices = [(item.theme_id, item.theme.title) for item in session.shortlist]
    return add, decide


def _session_view(
    session: PrioritySession,
    add: ShortlistAddForm | None = None,
    decide: DecisionForm | None = None,
    status: int = 200,
) -> Page:
    default_add, default_decide = _forms(session)
    page = render_template(
        "staff/session.html",
        session=session,
        campaign=session.campaign,
        add=add or default_add,
        decide=decide or default_decide,
        confirm=ConfirmForm(),
        join_url=public_url("sessions.join", code=session.join_code),
        rounds=prioritisation.round_totals(session),
        compared=session_board.compare_rounds(session),
    )
    return page, status


@bp.get("/sessions/<int:session_id>")
@role_required(StaffRole.STAFF)
def session_page(session_id: int) -> Page:
    return _session_view(_session_or_404(session_id))


def _back(session_id: int, section: str) -> Response:
    """To the session page, at the section the change was made in."""
    return redirect(url_for("staff.session_page", session_id=session_id, _anchor=section), code=303)


@bp.post("/sessions/<int:session_id>/shortlist")
@role_required(StaffRole.STAFF)
def shortlist_add(session_id: int) -> Page:
    session = _session_or_404(session_id)
    add, _decide = _forms(session)
    if not add.validate_on_submit():
        return _session_view(session, add=add, status=422)
    theme = _campaign_theme(session, add.theme.data)
    prioritisation.add_to_shortlist(session, theme, add.reason.data or "", current_user)
    return _back(session_id, "shortlist")


@bp.post("/sessions/<int:session_id>/shortlist/<int:item_id>/delete")
@role_required(StaffRole.STAFF)
def shortlist_remove(session_id: int, item_id: int) -> Response:
    session = _session_or_404(session_id)
    item = owned_or_404(ShortlistItem, item_id, session_id=session.id)
    if ConfirmForm().validate_on_submit():
        prioritisation.remove_from_shortlist(session, item, current_user)
    return _back(session_id, "shortlist")


@bp.post("/sessions/<int:session_id>/round/<action>")
@role_required(StaffRole.STAFF)
def session_round(session_id: int, action: str) -> Response:
    """Close the open round ('close'), or start the next one ('next')."""
    session = _session_or_404(session_id)
    if action not in {"close", "next"}:
        abort(404)
    if ConfirmForm().validate_on_submit():
        if action == "close":
            prioritisation.close_round(session, current_user)
        else:
            prioritisation.open_next_round(session, current_user)
    if request.form.get("terug") == "board":  # pressed on the board: stay there
        presenting = request.form.get("presentatie") == "1"
        board = url_for(
            "staff.session_board_page", session_id=session_id, presentatie=1 if presenting else None
        )
        return redirect(board, code=303)
    return _back(session_id, "rounds")


@bp.post("/sessions/<int:session_id>/participants/<int:participant_id>/revoke")
@role_required(StaffRole.STAFF)
def participant_revoke(session_id: int, participant_id: int) -> Response:
    participant = owned_or_404(Participant, participant_id, session_id=session_id)
    if ConfirmForm().validate_on_submit():
        prioritisation.revoke_participant(participant, current_user)
        flash(_("This participant's link no longer works; their dots no longer count."), "info")
    return _back(session_id, "participants")


@bp.post("/sessions/<int:session_id>/decisions")
@role_required(StaffRole.STAFF)
def decision_add(session_id: int) -> Page:
    session = _session_or_404(session_id)
    _add, decide = _forms(session)
    if not decide.validate_on_submit():
        return _session_view(session, decide=decide, status=422)
    chosen = decide.chosen.data == "yes"
    prioritisation.record_decision(
        session,
        _campaign_theme(session, decide.theme.data),
        chosen,
        decide.rationale.data or "",
        decide.safety_field.data or None,
        current_user,
    )
    flash(_("The decision has been recorded."), "info")
    return _back(session_id, "decisions")


@bp.post("/sessions/<int:session_id>/decisions/<int:decision_id>/delete")
@role_required(StaffRole.STAFF)
def decision_remove(session_id: int, decision_id: int) -> Response:
    session = _session_or_404(session_id)
    decision = owned_or_404(Decision, decision_id, session_id=session.id)
    if ConfirmForm().validate_on_submit():
        prioritisation.remove_decision(session, decision, current_user)
    return _back(session_id, "decisions")


@bp.get("/sessions/<int:session_id>/board")
@role_required(StaffRole.STAFF)
def session_board_page(session_id: int) -> str:
    """The projector view: the current round's dots, updated by polling board.json; ?ronde=N
    shows an earlier round, ?presentatie=1 hides everything but the board."""
    session = _session_or_404(session_id)
    return render_template(
        "staff/session_board.html",
        board=session_board.board(session, request.args.get("ronde", type=strict_int)),
        join_url=public_url("sessions.join", code=session.join_code),
        presenting=request.args.get("presentatie") == "1",
        confirm=ConfirmForm(),
    )


@bp.get("/sessions/<int:session_id>/board.json")
@role_required(StaffRole.STAFF)
def session_board_json(session_id: int) -> Response:
    data = session_board.board_json(_session_or_404(session_id))
    if data["round"] is not None:
        state = _("open") if data["round_open"] else _("closed")
        data["round_text"] = _("Round %(number)d", number=data["round"]) + f": {state}"
    return jsonify(data)


@bp.get("/sessions/<int:session_id>/join-qr.svg")
@role_required(StaffRole.STAFF)
def session_join_qr(session_id: int) -> Response:
    session = _session_or_404(session_id)
    svg = qr.qr_svg(public_url("sessions.join", code=session.join_code))
    return Response(svg, mimetype="image/svg+xml")


@bp.get("/sessions/<int:session_id>/report")
@role_required(StaffRole.VIEWER)
def session_report_page(session_id: int) -> str:
    session = _session_or_404(session_id)
    return render_template("staff/session_report.html", **memo.context(session))


@bp.get("/sessions/<int:session_id>/report.<fmt>")
@role_required(StaffRole.VIEWER)
def session_report_file(session_id: int, fmt: str) -> Response:
    from participation.renderers import session_report  # openpyxl loads here

    session = _session_or_404(session_id)
    name = dated_name(session.campaign.slug, "prioritering", ext=fmt)
    if fmt == "pdf":
        pdf = pdf_from_template("staff/session_report.html", **memo.context(session))
        return file_response(pdf, "application/pdf", name)
    if fmt == "xlsx":
        mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        return file_response(session_report.workbook(memo.memo_data(session)), mime, name)
    abort(404)
