"""A regional campaign's numbers at three levels, and which small groups the public sees together.

Every comparison across municipalities uses the common themes only (a municipality that added
local themes had a different menu, and says so); its own level keeps its local themes. The
region's total is given plain and weighted by the municipalities' populations (post-
stratified, domain.stats.weighted_total with the municipalities as strata, with Kish's n_eff).
A municipality differs clearly from the rest of the region on a theme when Newcombe's 95 %
interval for the difference of the two shares leaves out zero.

For the public, no group of 1 to 4 voters is shown or can be worked out between the levels:
a municipality under 5 is shown together with others (domain.small_groups), so the region
minus the municipalities shown gives 0 or at least 5; within each municipality shown the same
holds for its villages, so the municipality minus its villages gives 0 or at least 5.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime

from participation.domain.cycles import newcombe_interval
from participation.domain.regional_data import (
    Difference,
    MunicipalityCounts,
    MunicipalityFigures,
    RegionalResults,
    VillageCounts,
    VillageFigures,
)
from participation.domain.small_groups import groups_to_fold
from participation.domain.stats import HIDE_BELOW, Stratum, weighted_total
from participation.domain.tally import GroupTally, ThemeRef, tally_group

OTHER_MUNICIPALITIES = "overige-gemeenten"
OTHER_VILLAGES = "overige-dorpen"


def common_votes(
    counts: MunicipalityCounts | VillageCounts, regional_ids: Mapping[int, int]
) -> dict[int, int]:
    """Votes per regional theme id: the common themes only."""
    return {regional: counts.votes.get(own, 0) for own, regional in regional_ids.items()}


def _summed(groups: Sequence[Mapping[int, int]]) -> dict[int, int]:
    total: dict[int, int] = {}
    for votes in groups:
        for theme_id, n in votes.items():
            total[theme_id] = total.get(theme_id, 0) + n
    return total


def _names(group: MunicipalityCounts | VillageCounts) -> tuple[str, ...]:
    return group.members or (group.name,)


def fold_municipalities(
    themes: Sequence[ThemeRef], groups: Sequence[MunicipalityCounts], name: str
) -> list[MunicipalityCounts]:
    """The municipalities as the public sees them: those of 1 to 4 voters (and, when they
    make fewer than 5 together, the smallest other one) as one group on the common themes."""
    fold = groups_to_fold({group.slug: group.ballots for group in groups})
    if not fold:
        return list(groups)
    folded = [group for group in groups if group.slug in fold]
    populations = [group.population for group in folded]
    merged = MunicipalityCounts(
        OTHER_MUNICIPALITIES,
        name,
        sum(p for p in populations if p) if all(populations) else None,
        "",
        tuple(themes),
        {theme.id: theme.id for theme in themes},
        sum(group.ballots for group in folded),
        _summed([common_votes(group, group.regional_ids) for group in folded]),
        members=tuple(n for group in folded for n in _names(group)),
        menus_differed=any(group.own_menu for group in folded),
    )
    return [group for group in groups if group.slug not in fold] + [merged]


def fold_villages(villages: Sequence[VillageCounts], name: str) -> list[VillageCounts]:
    """A municipality's villages as the public sees them: none of 1 to 4 voters on its own."""
    fold = groups_to_fold({village.slug: village.ballots for village in villages})
    if not fold:
        return list(villages)
    folded = [village for village in villages if village.slug in fold]
    taken = {village.slug for village in villages if village.slug not in fold}
    slug = next(
        s for n in range(1, len(villages) + 2) if (s := _numbered(OTHER_VILLAGES, n)) not in taken
    )
    merged = VillageCounts(
        slug,
        name,
        None,
        sum(village.ballots for village in folded),
        _summed([village.votes for village in folded]),
        members=tuple(n for village in folded for n in _names(village)),
    )
    return [village for village in villages if village.slug not in fold] + [merged]


def _numbered(slug: str, number: int) -> str:
    return slug if number == 1 else f"{slug}-{number}"


def differences(
    themes: Sequence[ThemeRef], common: GroupTally, total: GroupTally
) -> tuple[Difference, ...]:
    """Per common theme: this municipality against the region without it (Newcombe)."""
    rest_ballots = total.ballots - common.ballots
    if not common.ballots or rest_ballots <= 0:
        return ()
    found = []
    for theme in themes:
        votes = common.by_theme(theme.id).votes
        rest = total.by_theme(theme.id).votes - votes
        low, high = newcombe_interval(votes, common.ballots, rest, rest_ballots)
        found.append(Difference(theme.id, votes / common.ballots, rest / rest_ballots, low, high))
    return tuple(found)


def regional_results(
    region: str,
    campaign: tuple[str, str],
    themes: Sequence[ThemeRef],
    groups: Sequence[MunicipalityCounts],
    public: bool = False,
    labels: tuple[str, str] = ("Overige gemeenten samen", "Overige dorpen samen"),
    published_at: datetime | None = None,
    not_released: tuple[str, ...] = (),
) -> RegionalResults:
    """The three levels of a regional campaign (`campaign`: its short name and title) from
    each adopting municipality's counts. `public` folds small groups (`labels`: the names of
    the municipalities and the villages shown together)."""
    themes = sorted(themes, key=lambda theme: theme.position)
    if public and 0 < sum(group.ballots for group in groups) < HIDE_BELOW:
        # Fewer than 5 in the whole region: no figure at all, as for a municipality's own.
        not_released += tuple(name for group in groups for name in _names(group))
        groups = []
    if public:
        groups = [
            _with_villages(group, fold_villages(group.villages, labels[1]))
            for group in fold_municipalities(themes, groups, labels[0])
        ]
    commons = [
        tally_group(themes, common_votes(group, group.regional_ids), group.ballots)
        for group in groups
    ]
    total = tally_group(
        themes,
        _summed([{row.theme.id: row.votes for row in common.themes} for common in commons]),
        sum(group.ballots for group in groups),
    )
    weighted = weighted_total(
        [theme.id for theme in themes],
        [
            Stratum(
                group.population or 0,
                group.ballots,
                {row.theme.id: row.votes for row in common.themes},
                group.name,
            )
            for group, common in zip(groups, commons, strict=True)
        ],
    )
    municipalities = tuple(
        _figures(group, common, differences(themes, common, total))
        for group, common in zip(groups, commons, strict=True)
    )
    return RegionalResults(
        region,
        campaign[0],
        campaign[1],
        tuple(themes),
        total,
        weighted,
        municipalities,
        public,
        published_at,
        not_released,
    )


def _with_villages(group: MunicipalityCounts, villages: list[VillageCounts]) -> MunicipalityCounts:
    return replace(group, villages=tuple(villages))


def _figures(
    group: MunicipalityCounts, common: GroupTally, found: tuple[Difference, ...]
) -> MunicipalityFigures:
    menu = list(group.themes)
    return MunicipalityFigures(
        group.slug,
        group.name,
        group.population,
        group.campaign_slug,
        tally_group(menu, group.votes, group.ballots),
        common,
        dict(group.regional_ids),
        group.own_menu,
        tuple(
            VillageFigures(
                village.slug,
                village.name,
                village.population,
                tally_group(menu, village.votes, village.ballots),
                village.members,
            )
            for village in group.villages
        ),
        found,
        group.members,
        group.release,
        group.released_at,
    )
