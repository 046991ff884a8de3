"""Resident ballot views: show, submit, thank."""

from __future__ import annotations

import logging
import uuid

from flask import abort, current_app, g, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response

from participation.domain.sources import clean_source_tag
from participation.domain.vocabulary import Channel
from participation.extensions import csrf, limiter
from participation.i18n import limit_to_campaign
from participation.models import Campaign
from participation.services.ballots import codes, devices, voting
from participation.services.outcome import outcome
from participation.services.regions import adoption
from participation.services.surveys import surveys
from participation.vote import bp
from participation.vote.forms import FollowUpForm
from participation.web.access import Page
from participation.web.ballot_form import (
    BallotForm,
    SentBallot,
    parse_ballot_key,
    themes_on_device,
)
from participation.web.ballot_messages import problem_messages
from participation.web.forms import csrf_problem
from participation.web.links import regional_ballot_redirect
from participation.web.tenant import PATH_MUNICIPALITY

log = logging.getLogger(__name__)


def _context_or_404(slug: str) -> voting.BallotContext:
    context = voting.load_context(slug)
    if context is None:
        abort(404)
    limit_to_campaign(context.campaign)
    return context


def _source_tag() -> str | None:
    return clean_source_tag(request.args.get("bron"))


def _add_choices(form: BallotForm, context: voting.BallotContext) -> None:
    form.village.choices = [(area.slug, area.name) for area in context.villages] + [
        (voting.ELSEWHERE, _("Outside the municipality, or I'd rather not say"))
    ]
    form.theme.choices = [(theme.id, theme.title) for theme in context.themes]


def _render(
    context: voting.BallotContext,
    form: BallotForm,
    errors: dict[str, list[str]] | None = None,
    form_error: str | None = None,
    status: int = 200,
) -> tuple[str, int]:
    return (
        render_template(
            "vote/ballot.html",
            campaign=context.campaign,
            themes=themes_on_device(context.campaign, context.themes, form),
            form=form,
            errors=errors or {},
            form_error=form_error,
            chosen=set(form.theme.data or []),
            source_tag=_source_tag(),
            asks_code=bool(form.code.data) or codes.uses_codes(context.campaign.id),
        ),
        status,
    )


def _render_not_open(context: voting.BallotContext, status: int = 200) -> tuple[str, int]:
    page = render_template(
        "vote/not_open.html", campaign=context.campaign, **_after_voting(context.campaign)
    )
    return page, status


def _after_voting(campaign: Campaign) -> dict[str, object]:
    """What the thank-you and closed pages offer next: the outcome once it is public, and the
    e-mail form when the campaign offers it."""
    return {
        "outcome_public": outcome.is_published(campaign),
        "follow_up_form": FollowUpForm() if campaign.keep_informed else None,
    }


def _device_token() -> str:
    """This phone's token from its cookie; a new one for a first visit or a tampered cookie."""
    return devices.read_token(request.cookies.get(devices.COOKIE)) or devices.new_token()


def _with_device(result: Page, token: str) -> Response:
    """The response, with the device cookie (re)set so it lives as long as the campaign."""
    response = make_response(result)
    devices.remember(response, token)
    return response


def _render_already_voted(
    context: voting.BallotContext, status: int = 200, replay: bool = False
) -> tuple[str, int]:
    campaign = context.campaign
    page = render_template(
        "vote/already_voted.html",
        campaign=campaign,
        allowance=campaign.ballots_per_device,
        replay=replay,
        region=adoption.region_name(campaign),
    )
    return page, status


@bp.get("/<slug>")
def ballot(slug: str) -> Page:
    context = _context_or_404(slug)
    regional_id = context.campaign.regional_campaign_id
    # An adopted regional campaign is voted on the region's host: one phone once per region.
    moved = regional_ballot_redirect(context.campaign) if regional_id is not None else None
    if moved is not None:
        return redirect(moved, code=302)
    if not context.campaign.is_accepting_ballots():
        return _render_not_open(context)
    token = _device_token()
    cast = devices.ballots_cast(token, context.campaign.id)
    if regional_id is not None:
        cast = max(cast, devices.regional_ballots_cast(token, regional_id))
    if cast >= context.campaign.ballots_per_device:
        return _with_device(_render_already_voted(context), token)
    form = BallotForm()
    _add_choices(form, context)
    form.ballot_key.data = str(uuid.uuid4())
    village = request.args.get("dorp")
    if village and village not in context.village_slugs:  # a printed earlier short name
        village = voting.current_village(slug, village)
    if village in context.village_slugs:
        form.village.data = village
    form.code.data = request.args.get("code", "")[:20]
    return _with_device(_render(context, form), token)


def _voted_in_the_region(slug: str) -> Response | None:
    """A ballot of an adopted campaign sent to the municipality's own host, past the page that
    moved there: sent on to the region's host, which holds the phone's one cookie for the
    region. Nothing is stored here."""
    if PATH_MUNICIPALITY in request.environ:
        return None
    moved = regional_ballot_redirect(_context_or_404(slug).campaign)
    if moved is None:
        return None
    log.info("ballot sent to the own host of an adopted campaign: sent to the region")
    return redirect(moved, code=303)


@bp.post("/<slug>")
@limiter.limit(lambda: current_app.config["BALLOT_RATE_LIMIT"])
@limiter.limit(
    lambda: current_app.config["VOTING_CODE_RATE_LIMIT"],
    scope="voting-code",
    deduct_when=lambda response: g.get("voting_code_refused", False),
    # Only a ballot with a code can guess one: the others (nearly all) skip this check, and a
    # neighbour's guessing at the same address does not stop them from voting.
    exempt_when=lambda: not request.form.get("code", "").strip(),
)
@csrf.exempt  # checked below, so an expired token can re-show the choices
def submit(slug: str) -> Page:
    # The lean rules, not the ORM context, keep the common path fast; pages load the context.
    rules = voting.load_rules(slug)
    if rules is None:
        abort(404)
    if rules.regional_campaign_id is not None and (moved := _voted_in_the_region(slug)):
        return moved
    # The fields as BallotForm reads them; the form itself is built only to show the page again.
    sent = SentBallot.from_request()
    ballot_key = _read_form(slug, sent)
    if not isinstance(ballot_key, uuid.UUID):
        return ballot_key  # the page that says why the form could not be used
    token = _device_token()
    source_tag = _source_tag()
    submission = voting.Submission(
        ballot_key=ballot_key,
        village=sent.village,
        theme_ids=sent.theme_ids,
        source_tag=source_tag,
        channel=Channel.QR if source_tag else Channel.WEB,
        garbled_theme=sent.garbled_theme,
        device_hash=devices.device_hash(token, rules.campaign_id),
        voting_code=(sent.code or "").strip() or None,
        regional_device_hash=(
            devices.regional_device_hash(token, regional)
            if (regional := rules.regional_campaign_id) is not None
            else None
        ),
    )
    try:
        voting.cast_ballot(rules, submission)
    except CAST_REFUSALS as refusal:
        return _refused(slug, rules, submission, token, refusal)
    # The village goes on to the survey's offer (no ballot key or id: nothing ties them).
    thanks = url_for("vote.thanks", slug=slug, dorp=submission.village)
    return _with_device(redirect(thanks, code=303), token)


CAST_REFUSALS = (
    voting.CampaignNotOpen,
    voting.BallotRejected,
    voting.CodeRefused,
    voting.DeviceLimitReached,
    voting.BallotKeyReused,
)


def _read_form(slug: str, sent: SentBallot) -> uuid.UUID | Page:
    """The ballot key, or the page that says why the form itself could not be used."""
    if not request.form and request.content_length:
        # Not form data, or bytes that are not UTF-8: Werkzeug parses nothing from them.
        log.info("ballot for %s refused: unreadable body (%s)", slug, request.mimetype)
        message = _l("The form did not arrive properly. Make your choices again and send them.")
        return _render_again(slug, new_key=True, form_error=message, status=400)
    problem = csrf_problem(request.form.get("csrf_token"))
    if problem:
        log.info("ballot for %s refused: %s", slug, problem)
        message = _l(
            "This page was open too long or was not sent correctly. "
            "Your choices are still here: check them and send again."
        )
        new_key = not sent.ballot_key  # the sent key stays: the choices were not counted
        return _render_again(slug, new_key=new_key, form_error=message, status=400)
    ballot_key = parse_ballot_key(sent.ballot_key)
    if ballot_key is None:
        log.info("ballot for %s refused: malformed ballot_key", slug)
        message = _l("Something went wrong with the form. Check your choices and send again.")
        return _render_again(slug, new_key=True, form_error=message, status=422)
    return ballot_key


def _refused(
    slug: str,
    rules: voting.BallotRules,
    submission: voting.Submission,
    token: str,
    refusal: Exception,
) -> Page:
    """The page for a ballot the service refused; nothing of it was stored."""
    context = _context_or_404(slug)  # first: it settles the page's language
    if isinstance(refusal, voting.CampaignNotOpen):
        return _render_not_open(context, status=422)
    if isinstance(refusal, voting.BallotRejected):
        errors = problem_messages(refusal.problems, rules.rule, len(submission.theme_ids))
        return _render_again(slug, errors=errors, status=422)
    if isinstance(refusal, voting.CodeRefused):
        g.voting_code_refused = True  # counts towards the brute-force limit
        message = _("We do not know this voting code, or it has been used. Check the code.")
        return _render_again(slug, errors={"code": [message]}, status=422)
    replay = isinstance(refusal, voting.BallotKeyReused)
    page = _render_already_voted(context, status=409, replay=replay)
    return _with_device(page, token)


def _render_again(
    slug: str,
    new_key: bool = False,
    errors: dict[str, list[str]] | None = None,
    form_error: str | None = None,
    status: int = 200,
) -> tuple[str, int]:
    """Show the submitted form again, with the resident's choices and the messages; with a
    new ballot key where the sent one cannot be used."""
    context = _context_or_404(slug)
    form = BallotForm()
    if new_key:
        form.ballot_key.data = str(uuid.uuid4())
    _add_choices(form, context)
    return _render(context, form, errors, form_error, status)


@bp.get("/<slug>/bedankt")
def thanks(slug: str) -> str | Response:
    context = _context_or_404(slug)
    survey = surveys.open_for_campaign(context.campaign.id)
    village = request.args.get("dorp")
    return render_template(
        "vote/thanks.html",
        campaign=context.campaign,
        survey=survey,
        village=village if village in context.village_slugs else None,  # the survey's offer
        **_after_voting(context.campaign),
    )
