"""Campaign results: the database counts (GROUP BY), the domain tallies and ranks."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from participation.domain.tally import GroupTally, ThemeRef, tally_group
from participation.extensions import db
from participation.models import Ballot, BallotChoice, Campaign
from participation.services.voting import ELSEWHERE


@dataclass(frozen=True)
class VillageResult:
    """One village's tally; slug ELSEWHERE groups ballots from outside or without a village."""

    slug: str
    name: str
    tally: GroupTally


@dataclass(frozen=True)
class CampaignResults:
    """The total and per-village tallies of one campaign."""

    campaign: Campaign
    total: GroupTally
    villages: list[VillageResult]


def campaign_results(campaign: Campaign) -> CampaignResults:
    """Tally a campaign per village in scope, plus 'elsewhere' when it has ballots, and in total."""
    themes = [ThemeRef(t.id, t.title, t.position) for t in campaign.themes]
    ballots_by_area = dict(
        db.session.execute(
            select(Ballot.area_id, func.count())
            .where(Ballot.campaign_id == campaign.id)
            .group_by(Ballot.area_id)
        ).all()
    )
    votes_by_area: dict[int | None, dict[int, int]] = defaultdict(dict)
    votes_rows = db.session.execute(
        select(Ballot.area_id, BallotChoice.theme_id, func.count())
        .join(BallotChoice, BallotChoice.ballot_id == Ballot.id)
        .where(Ballot.campaign_id == campaign.id)
        .group_by(Ballot.area_id, BallotChoice.theme_id)
    )
    total_votes: dict[int, int] = defaultdict(int)
    for area_id, theme_id, count in votes_rows:
        votes_by_area[area_id][theme_id] = count
        total_votes[theme_id] += count

    villages = [
        VillageResult(
            area.slug,
            area.name,
            tally_group(themes, votes_by_area[area.id], ballots_by_area.get(area.id, 0)),
        )
        for area in campaign.areas
    ]
    if ballots_by_area.get(None):
        villages.append(
            VillageResult(
                ELSEWHERE,
                str(_l("Elsewhere or unknown")),
                tally_group(themes, votes_by_area[None], ballots_by_area[None]),
            )
        )
    total = tally_group(themes, total_votes, sum(ballots_by_area.values()))
    return CampaignResults(campaign, total, villages)
