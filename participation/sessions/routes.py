"""Join with the code from the projector, choose a group, and place dots; no login needed."""

from __future__ import annotations

from collections.abc import Iterable

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask import session as browser
from flask_babel import gettext as _

from participation.domain.priorities import GROUPS, DotProblem, read_join_code
from participation.domain.text_input import parse_number
from participation.extensions import limiter
from participation.models import Participant
from participation.services.sessions import prioritisation
from participation.sessions import bp
from participation.web.access import Page


@bp.get("")
def enter_code() -> Page:
    """A form for the short code; ?code= goes straight to the session."""
    raw = request.args.get("code")
    if raw is None:
        return render_template("sessions/enter_code.html", error=None)
    code = read_join_code(raw)
    if code is None or prioritisation.by_join_code(code) is None:
        message = _("We do not know this code. Check the code on the screen and try again.")
        return render_template("sessions/enter_code.html", error=message), 404
    return redirect(url_for("sessions.join", code=code), code=303)


@bp.route("/<code>", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["BALLOT_RATE_LIMIT"], methods=["POST"])
def join(code: str) -> Page:
    session = prioritisation.by_join_code(read_join_code(code) or "") or abort(404)
    # This browser joined before: back to its own dots, not a second budget of them.
    earlier = prioritisation.participant_by_token(
        browser.get("joined", {}).get(str(session.id), "")
    )
    if earlier is not None and earlier.session_id == session.id:
        return redirect(url_for("sessions.dots", token=earlier.token), code=303)
    if request.method == "GET":
        return render_template("sessions/join.html", session=session, groups=GROUPS, error=None)
    group = request.form.get("group", "")
    if group not in GROUPS:  # the CSRF token was checked before (CSRFProtect)
        message = _("Choose the group you are here for.")
        page = render_template("sessions/join.html", session=session, groups=GROUPS, error=message)
        return page, 422
    participant = prioritisation.join(session, group)
    browser["joined"] = {**browser.get("joined", {}), str(session.id): participant.token}
    return redirect(url_for("sessions.dots", token=participant.token), code=303)


def _participant_or_404(token: str) -> Participant:
    return prioritisation.participant_by_token(token) or abort(404)


def _dots_page(
    participant: Participant, dots: dict[int, int], errors: Iterable[str] = (), status: int = 200
) -> Page:
    session = participant.session
    page = render_template(
        "sessions/dots.html",
        participant=participant,
        session=session,
        current=session.current_round,
        dots=dots,
        errors=list(errors),
    )
    return page, status


@bp.get("/deelnemer/<token>")
def dots(token: str) -> Page:
    participant = _participant_or_404(token)
    current = participant.session.current_round
    return _dots_page(participant, prioritisation.my_dots(participant, current) if current else {})


@bp.post("/deelnemer/<token>")
def place(token: str) -> Page:
    participant = _participant_or_404(token)
    given = {}
    for item in participant.session.shortlist:
        raw = request.form.get(f"theme_{item.theme_id}", "0").strip() or "0"
        number = parse_number(raw.removeprefix("-"))
        if number is None or len(raw) > 3:
            return _dots_page(participant, {}, [_("Give a whole number of dots.")], 422)
        # A minus sign is kept, so the rules can say that dots cannot be below zero.
        given[item.theme_id] = -number if raw.startswith("-") else number
    stepped = _apply_step(given, request.form.get("stap", ""))
    try:
        prioritisation.place_dots(participant, given)
    except prioritisation.DotsRefused as refused:
        messages = [_dot_message(p, participant, given) for p in refused.problems]
        return _dots_page(participant, given, messages, 422)
    if not stepped:  # a tap on + or - without JavaScript: the page itself shows the change
        flash(_("Your dots are placed. You can change them until the round closes."), "info")
    return redirect(url_for("sessions.dots", token=token, _anchor="dots-field"), code=303)


def _apply_step(given: dict[int, int], step: str) -> bool:
    """A + or - button pressed without JavaScript ('<theme id>:1' or ':-1'): one dot more or
    fewer on that theme, never below zero. Whether there was such a step."""
    theme, _sep, delta = step.partition(":")
    theme_id = parse_number(theme)
    if theme_id is None or theme_id not in given or delta not in {"1", "-1"}:
        return False
    given[theme_id] = max(given[theme_id] + int(delta), 0)
    return True


def _dot_message(problem: DotProblem, participant: Participant, given: dict[int, int]) -> str:
    return {
        DotProblem.ROUND_CLOSED: _("This round is closed: your dots were not changed."),
        DotProblem.TOO_MANY: _(
            "You placed %(placed)s dots; you may place %(budget)s.",
            placed=sum(n for n in given.values() if n > 0),
            budget=participant.session.dots,
        ),
        DotProblem.NOT_ON_SHORTLIST: _("Dots can only go on themes on the shortlist."),
        DotProblem.NEGATIVE: _("A number of dots cannot be below zero."),
    }[problem]
