"""Campaign results: the database counts (GROUP BY), the domain tallies and ranks.

Agreed paper counts from stands are added as channel 'paper', trust level 'stand', to the
stand's village. Ballots that staff excluded (services.results.exclusions) are not counted.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnClause, func, literal_column, select

from participation import caches
from participation.domain.result_data import (
    ANY_TIME,
    ELSEWHERE,
    CampaignRef,
    CampaignResults,
    ChannelCount,
    Period,
    VillageResult,
)
from participation.domain.stats import Stratum, stand_outs, weighted_total
from participation.domain.tally import GroupTally, ThemeRef, tally_group
from participation.domain.trust import levels_at_least
from participation.extensions import db
from participation.models import (
    ArchivedCount,
    Area,
    Ballot,
    BallotExclusion,
    Campaign,
    PaperTally,
    Stand,
)
from participation.services.results import running_counts
from participation.services.stands import paper

ONE: ColumnClause[Any] = literal_column("1")

# (channel, trust level) -> counts, per area id (None: elsewhere or unknown).
Key = tuple[str, str]
AreaCounts = dict[int | None, dict[Key, ChannelCount]]


# Counts per (campaign, period), reused while nothing that feeds them has changed. Plain
# values only, never ORM objects. Kept per app (so per worker, and per test).
_CACHE_SIZE = 64
# Keyed by municipality too: campaign ids are unique, but every per-worker key names its
# owner, so a cache can never hand one municipality's figures to another.
CountsCache = dict[tuple[int, int, Period], tuple[tuple[object, ...], AreaCounts]]


def _cache() -> CountsCache:
    return caches.cache("results_counts")


def fingerprint(campaign: Campaign) -> tuple[object, ...]:
    """What changes when the counts can: a new ballot, an exclusion or its undoing, paper,
    and a village merged into another (its ballots change village; the merged one is gone).
    One statement of scalar subqueries: asked on every results request, and a regional one
    asks it per municipality, so one round trip instead of five."""
    owner = campaign.municipality_id
    excluded = BallotExclusion.campaign_id == campaign.id
    paper_of_campaign = (Stand.id == PaperTally.stand_id) & (Stand.campaign_id == campaign.id)
    parts = [
        select(func.max(Ballot.id)).where(Ballot.municipality_id == owner),
        select(func.count(BallotExclusion.id)).where(excluded),
        select(func.count(BallotExclusion.undone_at)).where(excluded),
        select(func.count(PaperTally.id)).where(paper_of_campaign),
        select(func.max(PaperTally.entered_at)).where(paper_of_campaign),
        select(func.count(ArchivedCount.id)).where(ArchivedCount.campaign_id == campaign.id),
        select(func.count(Area.id)).where(Area.municipality_id == owner),
        select(func.sum(Area.id)).where(Area.municipality_id == owner),
    ]
    return tuple(db.session.execute(select(*(part.scalar_subquery() for part in parts))).one())


def _cached_counts(campaign: Campaign, period: Period) -> AreaCounts:
    """The counts, reused while nothing changed; when only new ballots came, only those are
    counted and added (services.results.running_counts)."""
    cache, key = _cache(), (campaign.municipality_id, campaign.id, period)
    now = fingerprint(campaign)
    hit = cache.get(key)
    if hit is not None and hit[0] == now:
        return hit[1]
    newest, *fixed = now
    ballots = running_counts.current_counts(
        key,
        newest if isinstance(newest, int) else 0,  # None: no ballot yet
        tuple(fixed),
        lambda after, upto: ballot_counts(campaign, period, after, upto),
        running_counts.AREAS,
        # The whole campaign's count is kept for every worker; a period's only in this one.
        shared_by=campaign.id if period == ANY_TIME else None,
    )
    counts = with_paper_and_archive(campaign, period, ballots)
    if len(cache) >= _CACHE_SIZE:
        cache.pop(next(iter(cache)))
    cache[key] = (now, counts)
    return counts


def current_counts(campaign: Campaign) -> AreaCounts:
    """Today's counts of the whole campaign, as the results pages count them (cached)."""
    return _cached_counts(campaign, ANY_TIME)


def _counts(campaign: Campaign, period: Period) -> AreaCounts:
    """Ballots and votes per (village, channel, trust), plus agreed paper and archived totals."""
    return with_paper_and_archive(campaign, period, ballot_counts(campaign, period))


def with_paper_and_archive(campaign: Campaign, period: Period, counts: AreaCounts) -> AreaCounts:
    """The ballot counts with the agreed paper counts and the archived totals added."""
    for area_id, entry in paper.agreed_tallies(campaign.id, period.since, period.until):
        group = counts[area_id]["paper", "stand"]  # staff handed out and counted the forms
        group.ballots += entry.participants
        for theme_id, n in entry.votes.items():
            group.votes[theme_id] += n
    # After `flask retention` only these totals remain; they carry no dates, so a period
    # limit cannot apply to them and they count in every period.
    archived = select(ArchivedCount).where(ArchivedCount.campaign_id == campaign.id)
    for row in db.session.scalars(archived):
        group = counts[row.area_id][row.channel, row.trust_level]
        if row.theme_id is None:
            group.ballots += row.count
        else:
            group.votes[row.theme_id] += row.count
    return counts


def ballot_counts(
    campaign: Campaign,
    period: Period = ANY_TIME,
    after: int | None = None,
    upto: int | None = None,
) -> AreaCounts:
    """The stored ballots only, per (village, channel, trust); excluded ballots left out.

    One GROUP BY over the ballots: each theme's votes are the sum of its bit in the ballots'
    choice masks (domain.ballots.choice_mask), read from the covering index ix_ballot_counting.
    With `after` (and `upto`), only the ballots in that id range: read by id, not by campaign,
    so a few new ballots among a million cost a few rows.
    """
    bits = sorted((theme.bit, theme.id) for theme in campaign.themes)
    # Inline integers: PostgreSQL shifts a bigint by an int, not by a bound bigint.
    picked = [
        func.sum(Ballot.choice_mask.op(">>")(literal_column(str(int(bit)))).op("&")(ONE))
        for bit, _ in bits
    ]
    in_campaign = Ballot.campaign_id == campaign.id
    if after:
        # '+ 0' keeps the planner off the campaign index: the id range is the narrow part.
        # (From id 0 the whole campaign is asked for: the covering index is quicker then.)
        in_campaign = (Ballot.campaign_id + 0) == campaign.id
    query = (
        select(Ballot.area_id, Ballot.channel, Ballot.trust_level, func.count(), *picked)
        .where(
            Ballot.municipality_id == campaign.municipality_id,
            in_campaign,
            Ballot.exclusion_id.is_(None),
        )
        .group_by(Ballot.area_id, Ballot.channel, Ballot.trust_level)
    )
    if after:
        query = query.where(Ballot.id > after)
    if upto is not None:
        query = query.where(Ballot.id <= upto)
    if period.since is not None:
        query = query.where(Ballot.created_at >= period.since)
    if period.until is not None:
        query = query.where(Ballot.created_at < period.until)
    counts: AreaCounts = defaultdict(lambda: defaultdict(ChannelCount))
    for area_id, channel, trust, n, *sums in db.session.execute(query):
        group = counts[area_id][channel, trust]
        group.ballots = n
        for (_, theme_id), votes in zip(bits, sums, strict=True):
            if votes:
                group.votes[theme_id] = int(votes)
    return counts


def collapse(groups: list[dict[Key, ChannelCount]], part: int) -> dict[str, ChannelCount]:
    """Sum counts by one part of the key: 0 for channel, 1 for trust level."""
    merged: dict[str, ChannelCount] = defaultdict(ChannelCount)
    for group in groups:
        for key, count in group.items():
            merged[key[part]].ballots += count.ballots
            for theme_id, n in count.votes.items():
                merged[key[part]].votes[theme_id] += n
    return dict(merged)


def excluded_ballots(campaign: Campaign) -> int:
    """Ballots left out by active exclusions: each counted its ballots, which stay marked
    until it is undone, so the small exclusions table answers without scanning ballots."""
    total = db.session.scalar(
        select(func.sum(BallotExclusion.ballots)).where(
            BallotExclusion.campaign_id == campaign.id, BallotExclusion.undone_at.is_(None)
        )
    )
    return int(total or 0)


def campaign_ref(campaign: Campaign) -> CampaignRef:
    """The campaign as its figures name it: plain values the renderers can take."""
    return CampaignRef(
        campaign.id,
        campaign.slug,
        campaign.title,
        tuple(ThemeRef(t.id, t.title, t.position, t.translations) for t in campaign.themes),
        {t.id: t.bit for t in campaign.themes},
    )


def tally_channels(themes: list[ThemeRef], channels: dict[str, ChannelCount]) -> GroupTally:
    votes: dict[int, int] = defaultdict(int)
    for count in channels.values():
        for theme_id, n in count.votes.items():
            votes[theme_id] += n
    return tally_group(themes, votes, sum(c.ballots for c in channels.values()))


@dataclass(frozen=True)
class Frozen:
    """Counts as they were when a release was made, and the villages as they were named then."""

    counts: AreaCounts
    villages: list[tuple[int, str, str, int | None]]  # (area id, slug, name, population)
    excluded: int


def campaign_results(
    campaign: Campaign,
    channel: str | None = None,
    min_trust: str | None = None,
    period: Period = ANY_TIME,
    frozen: Frozen | None = None,
) -> CampaignResults:
    """Tally a campaign per village in scope, plus 'elsewhere' when it has ballots, and in total.

    With `channel`, only ballots (or paper counts) that came in through that channel count.
    With `min_trust`, only ballots of that trust level or a surer one (domain.trust).
    With `period`, only ballots cast in it (and paper from stands that started in it).
    With `frozen`, the counts of a release (services.results.releases) instead of today's.
    """
    ref = campaign_ref(campaign)
    themes = list(ref.themes)
    levels = levels_at_least(min_trust)
    counts = frozen.counts if frozen else _cached_counts(campaign, period)
    # The trust breakdown always shows every level, so a limited count can be compared.
    every_level = {
        area_id: {key: count for key, count in groups.items() if channel in (None, key[0])}
        for area_id, groups in counts.items()
    }
    counted = {
        area_id: {key: count for key, count in groups.items() if key[1] in levels}
        for area_id, groups in every_level.items()
    }

    def village(slug: str, name: str, area_id: int | None, population: int | None) -> VillageResult:
        channels = collapse([counted.get(area_id, {})], 0)
        trust = collapse([every_level.get(area_id, {})], 1)
        return VillageResult(
            slug, name, tally_channels(themes, channels), channels, trust, population
        )

    areas = (
        frozen.villages
        if frozen
        else [(a.id, a.slug, a.name, a.population) for a in campaign.areas]
    )
    villages = [
        village(slug, name, area_id, population) for area_id, slug, name, population in areas
    ]
    if every_level.get(None):
        villages.append(village(ELSEWHERE, str(_l("Elsewhere or unknown")), None, None))
    total_channels = collapse(list(counted.values()), 0)
    total = tally_channels(themes, total_channels)
    total_shares = {row.theme.id: row.share for row in total.themes}
    villages = [
        dataclasses.replace(
            v,
            stand_outs=stand_outs(
                {row.theme.id: row.votes for row in v.tally.themes}, v.tally.ballots, total_shares
            ),
        )
        for v in villages
    ]
    weighted = weighted_total(
        [t.id for t in themes],
        [
            Stratum(
                v.population or 0,
                v.tally.ballots,
                {r.theme.id: r.votes for r in v.tally.themes},
                v.name,
            )
            for v in villages
        ],
    )
    return CampaignResults(
        ref,
        total,
        villages,
        total_channels,
        collapse(list(every_level.values()), 1),
        min_trust,
        frozen.excluded if frozen else excluded_ballots(campaign),
        weighted,
        period,
    )
