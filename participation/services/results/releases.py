"""Public releases of a campaign's results: what a release now would show, making one, and
the figures of the latest one, which is all that anonymous visitors see.

A release keeps the counts as they were, so later ballots, exclusions or village changes
never alter what was published, and checks its blocks against every earlier release
(domain.releases), each village's ballots by cohort (services.results.cohorts): fewer than 5
new ballots in all since the last release, no release. The public sees villages only: a
breakdown by channel or trust level beside them would give back a village's few ballots of
one channel (a stand's tablet against the village), so those stay with staff.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from flask import current_app
from sqlalchemy import update

from participation.domain.refusals import Refused
from participation.domain.releases import Plan, Released, plan
from participation.domain.result_data import ELSEWHERE, CampaignResults, ChannelCount
from participation.extensions import db
from participation.models import Campaign, PublicRelease, StaffUser
from participation.services import audit, release_rows
from participation.services.results import cohorts
from participation.services.results.counting import AreaCounts, Frozen, campaign_results
from participation.services.results.public_results import for_public, village_key
from participation.timeutil import utcnow

DIMENSIONS = ("villages",)


class ReleaseRefused(Refused):
    """No release now: fewer than 5 ballots since the last one (problems: ['too_few'])."""


@dataclass(frozen=True)
class ReleasePreview:
    """What a release now would show, per dimension, and the last release."""

    plans: dict[str, Plan]
    sizes: dict[str, dict[str, list[int]]]
    last: PublicRelease | None
    names: dict[str, str]  # group key -> village name, channel or trust level

    @property
    def possible(self) -> bool:
        return all(p.blocks is not None for p in self.plans.values())

    @property
    def new_ballots(self) -> int:
        return self.plans["villages"].new_ballots

    def shown_together(self, dimension: str) -> list[list[str]]:
        """The names of the groups a release now would show together, block by block."""
        blocks = self.plans[dimension].blocks or []
        return [sorted(self.names.get(g, g) for g in b) for b in blocks if len(b) > 1]


def releases(campaign: Campaign) -> list[PublicRelease]:
    """Every release of the campaign, oldest first."""
    return release_rows.of(campaign_id=campaign.id)


def latest(campaign: Campaign) -> PublicRelease | None:
    """The release the public sees, or None before the first."""
    return release_rows.latest(campaign_id=campaign.id)


def _history(earlier: list[PublicRelease], dimension: str) -> list[Released]:
    return [
        Released(r.sizes.get(dimension, {}), [frozenset(b) for b in r.blocks.get(dimension, [])])
        for r in earlier
    ]


def _keys(areas: list[tuple[int, str, str, int | None]]) -> dict[str, str]:
    keys = {slug: village_key(area_id) for area_id, slug, _, _ in areas}
    keys[ELSEWHERE] = village_key(None)
    return keys


def _areas(campaign: Campaign) -> list[tuple[int, str, str, int | None]]:
    return [(a.id, a.slug, a.name, a.population) for a in campaign.areas]


def preview(campaign: Campaign, snapshot: cohorts.Snapshot | None = None) -> ReleasePreview:
    """The blocks a release of today's counts would show after the earlier releases."""
    earlier = releases(campaign)
    snapshot = snapshot or cohorts.take(campaign, earlier)
    results = campaign_results(campaign, frozen=snapshot.frozen)
    keys = _keys(snapshot.frozen.villages)
    sizes = {"villages": snapshot.villages}
    history = _history(earlier, "villages")
    # A village that is gone (merged: refused once released) counts as 0 now.
    gone = {g: 0 for r in history for g in r.sizes if g not in sizes["villages"]}
    plans = {"villages": plan(history, {**sizes["villages"], **gone})}
    if snapshot.paper_corrected:
        plans["villages"] = Plan(None, plans["villages"].new_ballots, [])
    names = {keys[v.slug]: v.name for v in results.villages}
    return ReleasePreview(plans, sizes, earlier[-1] if earlier else None, names)


def release(campaign: Campaign, actor: StaffUser | None) -> PublicRelease:
    """Release today's counts to the public, or refuse (ReleaseRefused) and store nothing."""
    # Two releases at once must not both be checked against the same last one: a no-op write
    # on the campaign row makes the second wait for the first (SQLite locks the file anyway).
    db.session.execute(
        update(Campaign).where(Campaign.id == campaign.id).values(slug=Campaign.slug)
    )
    snapshot = cohorts.take(campaign, releases(campaign))
    found = preview(campaign, snapshot)
    if not found.possible:
        db.session.rollback()
        raise ReleaseRefused(["too_few"])
    row = PublicRelease(
        campaign_id=campaign.id,
        number=(found.last.number + 1) if found.last else 1,
        released_at=utcnow(),
        released_by_id=actor.id if actor else None,
        sizes={
            **found.sizes,
            cohorts.PAPER: snapshot.paper,
            cohorts.PAPER_VOTES: snapshot.paper_votes,
        },
        blocks={d: [sorted(b) for b in p.blocks or []] for d, p in found.plans.items()},
        counts=_serialise(snapshot.frozen.counts),
        villages=[list(area) for area in snapshot.frozen.villages],
        excluded=snapshot.frozen.excluded,
        upto_ballot_id=snapshot.upto,
    )
    db.session.add(row)
    db.session.flush()
    audit.record(actor, "results.release", f"campaign:{campaign.slug}", f"release {row.number}")
    db.session.commit()
    current_app.logger.info(
        "results released", extra={"campaign": campaign.slug, "release": row.number}
    )
    return row


def _serialise(counts: AreaCounts) -> list[Any]:
    return [
        [area_id, channel, trust, count.ballots, {str(t): n for t, n in count.votes.items()}]
        for area_id, groups in counts.items()
        for (channel, trust), count in groups.items()
        if count.ballots or count.votes
    ]


def _thaw(rows: list[Any]) -> AreaCounts:
    counts: AreaCounts = defaultdict(lambda: defaultdict(ChannelCount))
    for area_id, channel, trust, ballots, votes in rows:
        count = counts[area_id][channel, trust]
        count.ballots = ballots
        for theme_id, n in votes.items():
            count.votes[int(theme_id)] = n
    return counts


def released_results(
    campaign: Campaign, row: PublicRelease | None = None
) -> CampaignResults | None:
    """The latest release (or `row`) as the public sees it; None before the first release."""
    row = row or latest(campaign)
    if row is None:
        return None
    areas = [tuple(area) for area in row.villages]
    frozen = Frozen(_thaw(row.counts), areas, row.excluded)
    results = campaign_results(campaign, frozen=frozen)
    results = dataclasses.replace(results, release=row.number, released_at=row.released_at)
    return for_public(results, row.blocks, _keys(areas))


def preview_results(campaign: Campaign) -> CampaignResults:
    """Today's counts as a release now would show them (staff previewing public pages before
    a release); when no release is possible, every village in one block."""
    snapshot = cohorts.take(campaign, releases(campaign))
    found = preview(campaign, snapshot)
    results = campaign_results(campaign, frozen=snapshot.frozen)
    keys = _keys(snapshot.frozen.villages)
    if found.possible:
        blocks = {d: [sorted(b) for b in p.blocks or []] for d, p in found.plans.items()}
    else:
        blocks = {d: [sorted(found.sizes[d])] for d in DIMENSIONS}
    return for_public(results, blocks, keys)
