"""What the facilitator's board and the session report show per shortlisted theme."""

from __future__ import annotations

from dataclasses import dataclass

from participation.domain.memo_data import RoundTotals
from participation.domain.priorities import GROUPS
from participation.models import Indicator, PrioritySession, ShortlistItem
from participation.services.campaigns import associations, indicators
from participation.services.results import counting
from participation.services.sessions import prioritisation


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
    rows: list[BoardRow]  # most dots first, then the residents' rank
    rounds: list[RoundTotals]
    shown: RoundTotals | None  # the round on the board: the current one unless asked
    groups: tuple[str, ...] = GROUPS

    @property
    def current(self) -> RoundTotals | None:
        return self.rounds[-1] if self.rounds else None

    @property
    def most_dots(self) -> int:
        """The longest bar's dots (at least 1), so bars share one scale."""
        return max([row.dots.get("total", 0) for row in self.rows] + [1])

    @property
    def live(self) -> bool:
        return self.shown is not None and self.shown is self.current


def board(session: PrioritySession, round_number: int | None = None) -> Board:
    """The board for the current round, or for an earlier one (`round_number`) to look back."""
    campaign = session.campaign
    counted = counting.campaign_results(campaign)
    support = associations.support_by_theme(associations.current_views(campaign))
    figures = indicators.by_theme(campaign)
    rounds = prioritisation.round_totals(session)
    shown = next((r for r in rounds if r.number == round_number), rounds[-1] if rounds else None)
    live = shown.by_theme if shown else {}
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
    rows.sort(key=lambda row: (-row.dots.get("total", 0), row.rank))
    return Board(session, counted.total.ballots, rows, rounds, shown)


def compare_rounds(session: PrioritySession) -> list[tuple[str, list[int]]]:
    """Per shortlisted theme its total dots in each round, for the facilitator's comparison."""
    rounds = prioritisation.round_totals(session)
    return [
        (
            item.theme.title,
            [r.by_theme.get(item.theme_id, {}).get("total", 0) for r in rounds],
        )
        for item in session.shortlist
    ]


def board_json(session: PrioritySession) -> dict[str, object]:
    """The live part of the board, for polling every few seconds: the current round's dots.

    Only the dots are read; the residents' results, views and indicators do not change during
    a session, so the page shows them once.
    """
    rounds = prioritisation.round_totals(session)
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
