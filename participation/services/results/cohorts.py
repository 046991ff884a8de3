"""A release's count by cohort: each village's ballots grouped by the release they first
counted in (domain.releases), read at one moment together with the counts kept for display.

Ballots are told apart by id: those up to the first release's newest id are cohort 0, and so
on. Agreed paper counts have no ids; a village's paper that grew since the last release is a
new cohort, paper that shrank cannot be attributed (the release is then unsafe). Archived
totals (after `flask retention`) count as cohort 0.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select

from participation.extensions import db
from participation.models import ArchivedCount, Ballot, Campaign, PublicRelease
from participation.services.results.public_results import village_key
from participation.services.results.results import (
    AreaCounts,
    ChannelCount,
    Frozen,
    Period,
    ballot_counts,
    excluded_ballots,
    with_paper_and_archive,
)
from participation.services.stands import paper

PAPER = "_paper"  # where a release keeps each village's paper by cohort, beside the dimensions


@dataclass(frozen=True)
class Snapshot:
    """What a release now would keep: the counts, and each village's ballots by cohort."""

    frozen: Frozen
    villages: dict[str, list[int]]
    paper: dict[str, list[int]]
    upto: int


def take(campaign: Campaign, earlier: list[PublicRelease]) -> Snapshot:
    """Today's counts up to the newest ballot now, split into the cohorts of `earlier`."""
    upto = int(db.session.scalar(select(func.max(Ballot.id))) or 0)
    bounds = [min(r.upto_ballot_id or 0, upto) for r in earlier] + [upto]
    cohort_count = len(bounds)
    villages: dict[str, list[int]] = defaultdict(lambda: [0] * cohort_count)
    merged: AreaCounts = defaultdict(lambda: defaultdict(ChannelCount))
    low = 0
    for cohort, high in enumerate(bounds):
        counts = ballot_counts(campaign, Period(), after=low, upto=high) if high > low else {}
        for area_id, groups in counts.items():
            for key, count in groups.items():
                villages[village_key(area_id)][cohort] += count.ballots
                _add(merged[area_id][key], count)
        low = max(low, high)
    for area in campaign.areas:  # a village without ballots is a group of 0
        villages[village_key(area.id)][0] += 0
    paper_now = _paper_per_village(campaign)
    before = earlier[-1].sizes.get(PAPER, {}) if earlier else {}
    paper_cohorts: dict[str, list[int]] = {}
    for key in set(paper_now) | set(before):
        kept = [*before.get(key, []), *[0] * cohort_count][: cohort_count - 1]
        paper_cohorts[key] = [*kept, paper_now.get(key, 0) - sum(kept)]
        for cohort, n in enumerate(paper_cohorts[key]):
            villages[key][cohort] += n
    for area_id, n in _archived_ballots(campaign).items():
        villages[village_key(area_id)][0] += n
    counts = with_paper_and_archive(campaign, Period(), merged)
    frozen = Frozen(counts, _areas(campaign), excluded_ballots(campaign))
    return Snapshot(frozen, dict(villages), paper_cohorts, upto)


def _add(into: ChannelCount, count: ChannelCount) -> None:
    into.ballots += count.ballots
    for theme_id, n in count.votes.items():
        into.votes[theme_id] += n


def _paper_per_village(campaign: Campaign) -> dict[str, int]:
    found: dict[str, int] = defaultdict(int)
    for area_id, entry in paper.agreed_tallies(campaign.id):
        found[village_key(area_id)] += entry.participants
    return dict(found)


def _archived_ballots(campaign: Campaign) -> dict[int | None, int]:
    rows = db.session.execute(
        select(ArchivedCount.area_id, func.sum(ArchivedCount.count))
        .where(ArchivedCount.campaign_id == campaign.id, ArchivedCount.theme_id.is_(None))
        .group_by(ArchivedCount.area_id)
    )
    return {area_id: int(n or 0) for area_id, n in rows}


def _areas(campaign: Campaign) -> list[tuple[int, str, str, int | None]]:
    return [(a.id, a.slug, a.name, a.population) for a in campaign.areas]
