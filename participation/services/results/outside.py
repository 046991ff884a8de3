"""The results as documents for outsiders show them: no group under 5 shown or derivable.

Staff see every group on their own pages. The council report (page and PDF) goes to the
council, village associations and police, so it shows these results instead: villages (and
'elsewhere') with 1 to 4 ballots are counted together as 'other villages' (domain.outsiders,
at least what the public page folds), channels and trust levels likewise, and the weighted
total is worked out again from what is shown, so it gives no folded village away.
"""

from __future__ import annotations

import dataclasses

from flask_babel import lazy_gettext as _l

from participation.domain.outsiders import columns_to_merge, groups_to_merge
from participation.domain.result_data import (
    ELSEWHERE,
    CampaignResults,
    ChannelCount,
    Outside,
    VillageResult,
    summed,
)
from participation.domain.stats import Stratum, WeightedTotal, weighted_total
from participation.services.results.counting import tally_channels

OTHER_VILLAGES = "overige-dorpen"  # the slug the public page uses too
OTHER = "overig"  # channels or trust levels counted together


def for_outsiders(results: CampaignResults) -> Outside:
    """The results with every small group counted together (see the module's docstring).

    Applying it twice changes nothing: the merged group is at least 5."""
    themes = list(results.campaign.themes)
    fold = groups_to_merge({v.slug: v.tally.ballots for v in results.villages})
    kept = [v for v in results.villages if v.slug not in fold]
    folded = [v for v in results.villages if v.slug in fold]
    # Every village with voters merged: naming the empty ones would name the merged ones.
    unnamed = bool(folded) and not any(v.tally.ballots for v in kept)
    villages = [] if unnamed else [dataclasses.replace(v, trust={}) for v in kept]
    if folded:
        channels = _merge_keys([v.channels for v in folded])
        name = (
            _l("Other villages and elsewhere together")
            if ELSEWHERE in fold
            else _l("Other villages together")
        )
        populations = [v.population for v in folded]
        population = sum(p or 0 for p in populations) if all(populations) else None
        villages.append(
            VillageResult(
                OTHER_VILLAGES,
                str(name),
                tally_channels(themes, channels),
                channels,
                {},
                population,
            )
        )
    merged_channels = columns_to_merge(
        [{key: count.ballots for key, count in v.channels.items()} for v in villages]
    )
    villages = [
        dataclasses.replace(v, channels=_fold(v.channels, merged_channels)) for v in villages
    ]
    trust_fold = groups_to_merge({key: count.ballots for key, count in results.trust.items()})
    shown = dataclasses.replace(
        results,
        villages=villages,
        channels=_fold(results.channels, merged_channels),
        trust=_fold(results.trust, trust_fold),
    )
    shown = dataclasses.replace(shown, weighted=_weighted(shown))
    return Outside(shown, [] if unnamed else [v.name for v in folded], unnamed)


def _weighted(results: CampaignResults) -> WeightedTotal | None:
    """The weighted total of the shown groups only: the folded villages as one stratum with
    their summed population (left out when 'elsewhere' is among them, which has none)."""
    return weighted_total(
        [row.theme.id for row in results.total.themes],
        [
            Stratum(
                v.population or 0,
                v.tally.ballots,
                {row.theme.id: row.votes for row in v.tally.themes},
                str(_l("the other villages")) if v.slug == OTHER_VILLAGES else v.name,
            )
            for v in results.villages
        ],
    )


def _fold(groups: dict[str, ChannelCount], fold: set[str]) -> dict[str, ChannelCount]:
    kept = {key: count for key, count in groups.items() if key not in fold}
    merged = [count for key, count in groups.items() if key in fold]
    if merged:
        kept[OTHER] = summed(merged)
    return kept


def _merge_keys(groups: list[dict[str, ChannelCount]]) -> dict[str, ChannelCount]:
    """Several villages' channels as one village's: summed per channel."""
    keys = [key for group in groups for key in group]
    return {
        key: summed(group[key] for group in groups if key in group) for key in dict.fromkeys(keys)
    }
