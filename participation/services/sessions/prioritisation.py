"""Prioritisation sessions: shortlist from the results, joining, rounds of dots, decisions."""

from __future__ import annotations

import logging

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from participation.domain.memo_data import RoundTotals
from participation.domain.priorities import (
    DotProblem,
    ShortlistEntry,
    check_dots,
    dot_totals,
    draft_shortlist,
    new_join_code,
)
from participation.domain.refusals import Refused
from participation.domain.result_data import ELSEWHERE, CampaignResults
from participation.domain.stats import HIDE_BELOW, is_small, whole_percent
from participation.domain.translations import without_field
from participation.extensions import db
from participation.models import (
    Campaign,
    Decision,
    Dot,
    Participant,
    PrioritySession,
    SessionRound,
    ShortlistItem,
    StaffUser,
    Theme,
)
from participation.services import audit
from participation.services.results import counting
from participation.timeutil import utcnow

log = logging.getLogger(__name__)


class DotsRefused(Refused):
    """The dots break a rule (problems: DotProblem); the participant's dots are unchanged."""


def for_campaign(campaign: Campaign) -> list[PrioritySession]:
    """The campaign's sessions, oldest first."""
    found = select(PrioritySession).where(PrioritySession.campaign_id == campaign.id)
    return list(db.session.scalars(found.order_by(PrioritySession.id)))


def create(
    campaign: Campaign, title: str, dots: int, top: int, actor: StaffUser, extra: int = 3
) -> PrioritySession:
    """A session with a shortlist drafted from the results: the top `top`, then at most
    `extra` themes that stand out in a village, the strongest first; each says why.

    The memo goes to associations, council and police: a village under HIDE_BELOW (5)
    voters is never named as standing out (its shares would show what a few chose), and one
    under SMALL_GROUP (30) is marked as uncertain where its share is given.
    """
    counted = counting.campaign_results(campaign)
    ranked = [row.theme.id for row in counted.total.themes]
    villages = [
        v for v in counted.villages if v.slug != ELSEWHERE and v.tally.ballots >= HIDE_BELOW
    ]  # elsewhere: no village
    stand_outs = {
        village.name: [(s.theme_id, s.difference) for s in village.stand_outs]
        for village in villages
    }
    session = PrioritySession(
        campaign_id=campaign.id, title=title, dots=dots, join_code=_free_join_code()
    )
    drafted = draft_shortlist(ranked, stand_outs, top, extra)
    for position, entry in enumerate(drafted, start=1):
        session.shortlist.append(
            ShortlistItem(
                theme_id=entry.theme_id,
                position=position,
                origin=entry.origin,
                reason=_reason(entry, counted),
            )
        )
    session.rounds.append(SessionRound(number=1))
    db.session.add(session)
    db.session.flush()
    audit.record(actor, "session.create", campaign.slug, f"{title} ({len(session.shortlist)})")
    db.session.commit()
    return session


def _reason(entry: ShortlistEntry, counted: CampaignResults) -> str:
    """Why the theme is on the shortlist, in figures (Dutch, as the memo that records it)."""
    total = counted.total.by_theme(entry.theme_id)
    if entry.origin == "top":
        return (
            f"plaats {total.rank} van {len(counted.total.themes)}; "
            f"{whole_percent(total.share)} van de {counted.total.ballots} stemmers koos dit thema."
        )
    strongest = next(v for v in counted.villages if v.name == entry.villages[0])
    share = strongest.tally.by_theme(entry.theme_id).share
    voters = strongest.tally.ballots
    uncertain = " (minder dan 30 stemmers: onzeker)" if is_small(voters) else ""
    reason = (
        f"in {strongest.name} koos {whole_percent(share)} van de {voters} stemmers dit thema"
        f"{uncertain}, in de hele gemeente {whole_percent(total.share)}"
    )
    others = entry.villages[1:]
    return reason + (f"; het valt ook op in {', '.join(others)}." if others else ".")


def _free_join_code() -> str:
    while True:
        code = new_join_code()
        taken = select(PrioritySession.id).where(PrioritySession.join_code == code)
        if db.session.scalar(taken) is None:
            return code


def add_to_shortlist(session: PrioritySession, theme: Theme, reason: str, actor: StaffUser) -> None:
    if any(item.theme_id == theme.id for item in session.shortlist):
        return
    session.shortlist.append(
        ShortlistItem(
            theme_id=theme.id, position=len(session.shortlist) + 1, origin="staff", reason=reason
        )
    )
    audit.record(actor, "session.shortlist_add", str(session.id), f"{theme.title}: {reason}")
    db.session.commit()


def remove_from_shortlist(session: PrioritySession, item: ShortlistItem, actor: StaffUser) -> None:
    session.shortlist.remove(item)
    audit.record(actor, "session.shortlist_remove", str(session.id), item.theme.title)
    db.session.commit()


def by_join_code(code: str) -> PrioritySession | None:
    return db.session.scalar(select(PrioritySession).where(PrioritySession.join_code == code))


def join(session: PrioritySession, group: str) -> Participant:
    participant = Participant(session_id=session.id, group=group)
    db.session.add(participant)
    db.session.commit()
    log.info("participant joined session %s as %s", session.id, group)
    return participant


def participant_by_token(token: str) -> Participant | None:
    found = db.session.scalar(select(Participant).where(Participant.token == token))
    return found if found is not None and found.revoked_at is None else None


def revoke_participant(participant: Participant, actor: StaffUser) -> None:
    participant.revoked_at = utcnow()
    audit.record(
        actor, "session.participant_revoke", str(participant.session_id), participant.group
    )
    db.session.commit()


def my_dots(participant: Participant, session_round: SessionRound) -> dict[int, int]:
    rows = db.session.execute(
        select(Dot.theme_id, Dot.count).where(
            Dot.round_id == session_round.id, Dot.participant_id == participant.id
        )
    )
    return {theme_id: count for theme_id, count in rows}


def place_dots(participant: Participant, dots: dict[int, int]) -> None:
    """Replace the participant's dots in the current round, in one transaction."""
    session = participant.session
    current = session.current_round
    problems = check_dots(
        dots,
        [item.theme_id for item in session.shortlist],
        session.dots,
        current is not None and current.is_open,
    )
    if problems or current is None:
        log.info("dots in session %s refused: %s", session.id, problems)
        raise DotsRefused(problems)
    # Lock the round row so closing it and placing dots cannot interleave.
    locked = db.session.scalar(
        select(SessionRound)
        .where(SessionRound.id == current.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if locked is None or not locked.is_open:
        db.session.rollback()
        raise DotsRefused([DotProblem.ROUND_CLOSED])
    db.session.execute(
        delete(Dot).where(Dot.round_id == current.id, Dot.participant_id == participant.id)
    )
    for theme_id, count in dots.items():
        if count > 0:
            db.session.add(
                Dot(
                    round_id=current.id,
                    participant_id=participant.id,
                    theme_id=theme_id,
                    count=count,
                )
            )
    db.session.commit()


def close_round(session: PrioritySession, actor: StaffUser) -> None:
    current = session.current_round
    if current is not None and current.is_open:
        current.closed_at = utcnow()
        audit.record(actor, "session.round_close", str(session.id), f"round {current.number}")
        db.session.commit()


def open_next_round(session: PrioritySession, actor: StaffUser) -> None:
    """A new round once the current one is closed; dots start empty again."""
    current = session.current_round
    if current is not None and current.is_open:
        return
    number = current.number + 1 if current else 1
    session.rounds.append(SessionRound(number=number))
    audit.record(actor, "session.round_open", str(session.id), f"round {number}")
    try:
        db.session.commit()
    except IntegrityError:  # opened by another click a moment ago
        db.session.rollback()


def round_totals(session: PrioritySession) -> list[RoundTotals]:
    """Dots per theme and stakeholder group, for every round (revoked participants left out)."""
    rows = db.session.execute(
        select(Dot.round_id, Dot.theme_id, Participant.group, Dot.count, Dot.participant_id)
        .join(Participant, Participant.id == Dot.participant_id)
        .join(SessionRound, SessionRound.id == Dot.round_id)
        .where(SessionRound.session_id == session.id, Participant.revoked_at.is_(None))
    ).all()
    found = []
    for session_round in session.rounds:
        mine = [row for row in rows if row[0] == session_round.id]
        found.append(
            RoundTotals(
                session_round.number,
                session_round.is_open,
                len({row[4] for row in mine}),
                dot_totals([(theme_id, group, dots) for _, theme_id, group, dots, _ in mine]),
            )
        )
    return found


def record_decision(
    session: PrioritySession,
    theme: Theme,
    chosen: bool,
    rationale: str,
    safety_field: int | None,
    actor: StaffUser,
) -> Decision:
    """Record (or replace) the decision on one theme: chosen with its reason, or why not."""
    decision = next((d for d in session.decisions if d.theme_id == theme.id), None)
    if decision is None:
        decision = Decision(theme_id=theme.id, position=len(session.decisions) + 1)
        session.decisions.append(decision)
    if decision.rationale != rationale.strip():  # the outcome's translations of it are stale
        decision.translations = without_field(decision.translations, "rationale")
    decision.chosen, decision.rationale = chosen, rationale.strip()
    decision.safety_field = safety_field if chosen else None
    decision.decided_at = utcnow()
    verdict = "chosen" if chosen else "not chosen"
    audit.record(actor, "session.decision", str(session.id), f"{theme.title}: {verdict}")
    db.session.commit()
    return decision


def remove_decision(session: PrioritySession, decision: Decision, actor: StaffUser) -> None:
    session.decisions.remove(decision)
    audit.record(actor, "session.decision_remove", str(session.id), decision.theme.title)
    db.session.commit()
