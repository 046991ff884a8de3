"""What the public sees of a campaign's results: a release's figures, blocks shown together.

Staff see every group, live. Anyone without a login (the public page, the results JSON, the
tallies CSV, the charts, the outcome) sees the latest release instead (services.results.
releases), with the villages, channels and trust levels that the release shows together
(domain.releases) merged into one group each: 'overige-dorpen' (then 'overige-dorpen-2', ...)
and 'overig'. Each village's own channel and trust breakdown is left out, as are the weighted
shares when villages were shown together (they would let one solve for them).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from flask_babel import lazy_gettext as _l

from participation.domain.result_data import ELSEWHERE, CampaignResults, VillageResult, summed
from participation.services.results.counting import tally_channels

OTHER_VILLAGES = "overige-dorpen"
OTHER = "overig"

# Dimension -> blocks of group keys; a village's key is village_key(area id) or ELSEWHERE.
Blocks = Mapping[str, Sequence[Sequence[str]]]


def village_key(area_id: int | None) -> str:
    return ELSEWHERE if area_id is None else f"area:{area_id}"


def for_public(
    results: CampaignResults, blocks: Blocks, keys: Mapping[str, str]
) -> CampaignResults:
    """The results as a release shows them. `keys` maps each village's slug to its group key."""
    themes = list(results.campaign.themes)
    villages: list[VillageResult] = []
    joint = 0
    for block in blocks.get("villages", []):
        members = [v for v in results.villages if keys[v.slug] in block]  # in the page's order
        if len(block) == 1 and members:
            villages.append(dataclasses.replace(members[0], channels={}, trust={}))
        elif len(block) > 1:
            joint += 1
            merged = {OTHER: summed(c for v in members for c in v.channels.values())}
            villages.append(
                VillageResult(
                    OTHER_VILLAGES if joint == 1 else f"{OTHER_VILLAGES}-{joint}",
                    _joint_name(joint),
                    tally_channels(themes, merged),
                    {},
                    {},
                    members=tuple(v.name for v in members),
                )
            )
    return dataclasses.replace(
        results,
        villages=villages,
        # Beside the villages, a channel or trust level gave back a village's few ballots of
        # one channel (services.results.releases): the public gets neither.
        channels={},
        trust={},
        weighted=results.weighted if not joint else None,
    )


def _joint_name(number: int) -> str:
    if number == 1:
        return str(_l("Other villages together"))
    return str(_l("Other villages together (%(number)d)", number=number))
