"""What the public may see of a campaign's results: small groups folded, none derivable.

Staff see every group. Anyone without a login (the public page, the results JSON, the tallies
CSV, the charts) sees these results instead: villages, 'elsewhere' and channels or trust
levels with 1-4 ballots are folded into one 'other' group by domain.small_groups, and each
village's own channel and trust breakdown is left out, as are the weighted shares when a
village was folded (they would let one solve for it).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from flask_babel import lazy_gettext as _l

from participation.domain.small_groups import groups_to_fold
from participation.domain.tally import ThemeRef
from participation.services.ballots.voting import ELSEWHERE
from participation.services.results.results import (
    CampaignResults,
    ChannelCount,
    VillageResult,
    tally_channels,
)

OTHER_VILLAGES = "overige-dorpen"
OTHER = "overig"


def for_public(results: CampaignResults) -> CampaignResults:
    """The results with every group under 5 folded, so the public cannot trace anyone."""
    themes = [ThemeRef(t.id, t.title, t.position, t.translations) for t in results.campaign.themes]
    fold = groups_to_fold({v.slug: v.tally.ballots for v in results.villages})
    villages = [
        dataclasses.replace(v, channels={}, trust={})
        for v in results.villages
        if v.slug not in fold
    ]
    folded = [v for v in results.villages if v.slug in fold]
    if folded:
        merged = {OTHER: _sum(c for v in folded for c in v.channels.values())}
        name = str(
            _l("Other villages and elsewhere together")
            if ELSEWHERE in fold
            else _l("Other villages together")
        )
        villages.append(VillageResult(OTHER_VILLAGES, name, tally_channels(themes, merged), {}, {}))
    return dataclasses.replace(
        results,
        villages=villages,
        channels=_fold_breakdown(results.channels),
        trust=_fold_breakdown(results.trust),
        weighted=results.weighted if not folded else None,
    )


def _fold_breakdown(groups: dict[str, ChannelCount]) -> dict[str, ChannelCount]:
    fold = groups_to_fold({key: count.ballots for key, count in groups.items()})
    kept = {key: count for key, count in groups.items() if key not in fold}
    if fold:
        kept[OTHER] = _sum(groups[key] for key in fold)
    return kept


def _sum(counts: Iterable[ChannelCount]) -> ChannelCount:
    """Ballots and votes per theme of several groups, as one."""
    merged = ChannelCount()
    for count in counts:
        merged.ballots += count.ballots
        for theme_id, n in count.votes.items():
            merged.votes[theme_id] += n
    return merged
