"""A release's count by cohort: each village's ballots grouped by the release they first
counted in (domain.releases), read at one moment together with the counts kept for display.

Ballots are told apart by id: those up to the first release's newest id are cohort 0, and so
on. Agreed paper counts have no ids; a village's paper that grew since the last release is a
new cohort, forms struck from it leave its oldest cohorts (like excluded ballots), and a
released count whose votes went down or changed without new forms blocks the release (it
would show what the re-read form says). Archived totals (after `flask retention`) count as
cohort 0.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select

from participation.domain.result_data import ChannelCount, Period
from participation.extensions import db
from participation.models import ArchivedCount, Ballot, Campaign, PublicRelease
from participation.services.results.counting import (
    AreaCounts,
    Frozen,
    ballot_counts,
    excluded_ballots,
    with_paper_and_archive,
)
from participation.services.results.public_results import village_key
from participation.services.stands import paper

PAPER = "_paper"  # where a release keeps each village's paper by cohort, beside the dimensions
PAPER_VOTES = "_paper_votes"  # and each village's paper votes per theme


@dataclass(frozen=True)
class Snapshot:
    """What a release now would keep: the counts, and each village's ballots by cohort."""

    frozen: Frozen
    villages: dict[str, list[int]]
    paper: dict[str, list[int]]
    paper_votes: dict[str, dict[str, int]]
    upto: int
    # A released paper count's votes went down or changed without new forms: no release.
    paper_corrected: bool = False


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
    paper_now, votes_now = _paper_per_village(campaign)
    before = earlier[-1].sizes.get(PAPER, {}) if earlier else {}
    votes_before = earlier[-1].sizes.get(PAPER_VOTES, {}) if earlier else {}
    paper_cohorts: dict[str, list[int]] = {}
    corrected = False
    for group in set(paper_now) | set(before):
        kept = [*before.get(group, []), *[0] * cohort_count][: cohort_count - 1]
        change = paper_now.get(group, 0) - sum(kept)
        # Forms struck from a released count leave the oldest cohorts, as excluded ballots
        # do, never hidden among this release's new ones.
        for cohort in range(len(kept)):
            taken = min(kept[cohort], max(0, -change))
            kept[cohort] -= taken
            change += taken
        paper_cohorts[group] = [*kept, change]
        for cohort, n in enumerate(paper_cohorts[group]):
            villages[group][cohort] += n
        # A released count whose votes changed (a form read again) would show what it says.
        old, new = votes_before.get(group, {}), votes_now.get(group, {})
        if any(new.get(theme, 0) < n for theme, n in old.items()) or (
            old and new != old and paper_now.get(group, 0) == sum(before.get(group, []))
        ):
            corrected = True
    for area_id, n in _archived_ballots(campaign).items():
        villages[village_key(area_id)][0] += n
    counts = with_paper_and_archive(campaign, Period(), merged)
    frozen = Frozen(counts, _areas(campaign), excluded_ballots(campaign))
    return Snapshot(frozen, dict(villages), paper_cohorts, votes_now, upto, corrected)


def _add(into: ChannelCount, count: ChannelCount) -> None:
    into.ballots += count.ballots
    for theme_id, n in count.votes.items():
        into.votes[theme_id] += n


def _paper_per_village(campaign: Campaign) -> tuple[dict[str, int], dict[str, dict[str, int]]]:
    forms: dict[str, int] = defaultdict(int)
    votes: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for area_id, entry in paper.agreed_tallies(campaign.id):
        forms[village_key(area_id)] += entry.participants
        for theme_id, n in entry.votes.items():
            votes[village_key(area_id)][str(theme_id)] += n
    return dict(forms), {key: dict(found) for key, found in votes.items()}


def _archived_ballots(campaign: Campaign) -> dict[int | None, int]:
    rows = db.session.execute(
        select(ArchivedCount.area_id, func.sum(ArchivedCount.count))
        .where(ArchivedCount.campaign_id == campaign.id, ArchivedCount.theme_id.is_(None))
        .group_by(ArchivedCount.area_id)
    )
    return {area_id: int(n or 0) for area_id, n in rows}


def _areas(campaign: Campaign) -> list[tuple[int, str, str, int | None]]:
    return [(a.id, a.slug, a.name, a.population) for a in campaign.areas]
