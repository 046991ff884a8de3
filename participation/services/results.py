"""Campaign results: the database counts (GROUP BY), the domain tallies and ranks.

Agreed paper counts from stands are added as channel 'paper' to the stand's village.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from participation.domain.tally import GroupTally, ThemeRef, tally_group
from participation.extensions import db
from participation.models import Ballot, BallotChoice, Campaign
from participation.services import paper
from participation.services.voting import ELSEWHERE


@dataclass
class ChannelCount:
    """Ballots and votes per theme that reached a group through one channel."""

    ballots: int = 0
    votes: dict[int, int] = field(default_factory=lambda: defaultdict(int))


@dataclass(frozen=True)
class VillageResult:
    """One village's tally; slug ELSEWHERE groups ballots from outside or without a village."""

    slug: str
    name: str
    tally: GroupTally
    channels: dict[str, ChannelCount]


@dataclass(frozen=True)
class CampaignResults:
    """The total and per-village tallies of one campaign."""

    campaign: Campaign
    total: GroupTally
    villages: list[VillageResult]
    channels: dict[str, ChannelCount]


AreaChannels = dict[int | None, dict[str, ChannelCount]]


def _counts(campaign: Campaign) -> AreaChannels:
    """Ballots and votes per (village, channel): counted by the database, plus agreed paper."""
    counts: AreaChannels = defaultdict(lambda: defaultdict(ChannelCount))
    for area_id, channel, n in db.session.execute(
        select(Ballot.area_id, Ballot.channel, func.count())
        .where(Ballot.campaign_id == campaign.id)
        .group_by(Ballot.area_id, Ballot.channel)
    ):
        counts[area_id][channel].ballots = n
    for area_id, channel, theme_id, n in db.session.execute(
        select(Ballot.area_id, Ballot.channel, BallotChoice.theme_id, func.count())
        .join(BallotChoice, BallotChoice.ballot_id == Ballot.id)
        .where(Ballot.campaign_id == campaign.id)
        .group_by(Ballot.area_id, Ballot.channel, BallotChoice.theme_id)
    ):
        counts[area_id][channel].votes[theme_id] = n
    for area_id, entry in paper.agreed_tallies(campaign.id):
        group = counts[area_id]["paper"]
        group.ballots += entry.participants
        for theme_id, n in entry.votes.items():
            group.votes[theme_id] += n
    return counts


def _merge(groups: list[dict[str, ChannelCount]]) -> dict[str, ChannelCount]:
    merged: dict[str, ChannelCount] = defaultdict(ChannelCount)
    for group in groups:
        for channel, count in group.items():
            merged[channel].ballots += count.ballots
            for theme_id, n in count.votes.items():
                merged[channel].votes[theme_id] += n
    return dict(merged)


def _tally(themes: list[ThemeRef], channels: dict[str, ChannelCount]) -> GroupTally:
    votes: dict[int, int] = defaultdict(int)
    for count in channels.values():
        for theme_id, n in count.votes.items():
            votes[theme_id] += n
    return tally_group(themes, votes, sum(c.ballots for c in channels.values()))


def campaign_results(campaign: Campaign, channel: str | None = None) -> CampaignResults:
    """Tally a campaign per village in scope, plus 'elsewhere' when it has ballots, and in total.

    With `channel`, only ballots (or paper counts) that came in through that channel count.
    """
    themes = [ThemeRef(t.id, t.title, t.position) for t in campaign.themes]
    counts = _counts(campaign)
    if channel is not None:
        counts = {
            area_id: {name: count for name, count in groups.items() if name == channel}
            for area_id, groups in counts.items()
        }
    villages = []
    for area in campaign.areas:
        channels = dict(counts.get(area.id, {}))
        villages.append(VillageResult(area.slug, area.name, _tally(themes, channels), channels))
    if counts.get(None):
        channels = dict(counts[None])
        villages.append(
            VillageResult(
                ELSEWHERE, str(_l("Elsewhere or unknown")), _tally(themes, channels), channels
            )
        )
    total_channels = _merge(list(counts.values()))
    return CampaignResults(campaign, _tally(themes, total_channels), villages, total_channels)


def ballots_by_source(campaign: Campaign) -> list[tuple[str, str | None, int]]:
    """(channel, source tag, ballots) for the campaign, most ballots first: which poster worked."""
    rows = db.session.execute(
        select(Ballot.channel, Ballot.source_tag, func.count())
        .where(Ballot.campaign_id == campaign.id)
        .group_by(Ballot.channel, Ballot.source_tag)
        .order_by(func.count().desc(), Ballot.channel, Ballot.source_tag)
    )
    return [(channel, source, n) for channel, source, n in rows]
