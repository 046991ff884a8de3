"""What the facilitator's board and the session report show per shortlisted theme."""

from __future__ import annotations

from dataclasses import dataclass

from participation.domain.priorities import GROUPS
from participation.models import Indicator, PrioritySession, ShortlistItem
from participation.services.campaigns import associations, indicators
from participation.services.results import results
from participation.services.sessions import sessions


@dataclass(frozen=True)
class BoardRow:
    item: ShortlistItem
    rank: int
    share: float
    votes: int
    support: list[tuple[str, int]]  # (village, rank) from association views
    indicators: list[Indicator]
    dots: dict[str, int]  # per group and 'total', in the current round


@dataclass(frozen=True)
class Board:
    session: PrioritySession
    ballots: int
    rows: list[BoardRow]
    rounds: list[sessions.RoundTotals]
    groups: tuple[str, ...] = GROUPS

    @property
    def current(self) -> sessions.RoundTotals | None:
        return self.rounds[-1] if self.rounds else None


def board(session: PrioritySession) -> Board:
    campaign = session.campaign
    counted = results.campaign_results(campaign)
    support = associations.support_by_theme(associations.current_views(campaign))
    figures = indicators.by_theme(campaign)
    rounds = sessions.round_totals(session)
    live = rounds[-1].by_theme if rounds else {}
    rows = []
    for item in session.shortlist:
        tally = counted.total.by_theme(item.theme_id)
        rows.append(
            BoardRow(
                item=item,
                rank=tally.rank,
                share=tally.share,
                votes=tally.votes,
                support=sorted(support.get(item.theme_id, []), key=lambda pair: pair[1]),
                indicators=figures.get(item.theme_id, []),
                dots=live.get(item.theme_id, {"total": 0}),
            )
        )
    return Board(session, counted.total.ballots, rows, rounds)


def board_json(session: PrioritySession) -> dict:
    """The live part of the board, for polling every few seconds: the current round's dots.

    Only the dots are read; the residents' results, views and indicators do not change during
    a session, so the page shows them once.
    """
    rounds = sessions.round_totals(session)
    current = rounds[-1] if rounds else None
    live = current.by_theme if current else {}
    return {
        "round": current.number if current else None,
        "round_open": bool(current and current.is_open),
        "participants": current.participants if current else 0,
        "themes": [
            {
                "id": item.theme_id,
                "dots": {g: live.get(item.theme_id, {}).get(g, 0) for g in (*GROUPS, "total")},
            }
            for item in session.shortlist
        ],
    }
