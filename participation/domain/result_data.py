"""A campaign's counted results as plain values: what services fill and renderers draw."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from participation.domain.cycles import ThemeChange
from participation.domain.stats import HIDE_BELOW, StandOut, WeightedTotal
from participation.domain.tally import GroupTally, ThemeRef

# The group (and the ballot's village choice) of residents from outside the villages in
# scope, or who would rather not say; their ballots store no village.
ELSEWHERE = "elders"


@dataclass(frozen=True)
class Period:
    """A span of time in naive UTC; either end may be open."""

    since: datetime | None = None
    until: datetime | None = None


ANY_TIME = Period()  # no limit: every ballot of the campaign


@dataclass
class ChannelCount:
    """Ballots and votes per theme that reached a group through one channel.

    Not frozen: the services add counts into it while they read them (GROUP BY rows, paper,
    archived totals, releases); once in a CampaignResults nothing changes it."""

    ballots: int = 0
    votes: dict[int, int] = field(default_factory=lambda: defaultdict(int))


def summed(counts: Iterable[ChannelCount]) -> ChannelCount:
    """Ballots and votes per theme of several groups, as one (groups shown together)."""
    total = ChannelCount()
    for count in counts:
        total.ballots += count.ballots
        for theme_id, n in count.votes.items():
            total.votes[theme_id] += n
    return total


@dataclass(frozen=True)
class CampaignRef:
    """The campaign as its figures name it: short name, title and themes, no database row."""

    id: int
    slug: str
    title: str
    themes: tuple[ThemeRef, ...]  # in ballot order (position)
    # Theme id -> its bit in a ballot's choice mask (domain.ballots.choice_mask).
    bits: Mapping[int, int] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class VillageResult:
    """One village's tally; slug ELSEWHERE groups ballots from outside or without a village."""

    slug: str
    name: str
    tally: GroupTally
    channels: dict[str, ChannelCount]
    trust: dict[str, ChannelCount]
    population: int | None = None
    stand_outs: list[StandOut] = field(default_factory=list)
    # For villages shown together (services.results.public_results): the names of those in it.
    members: tuple[str, ...] = ()


@dataclass(frozen=True)
class CampaignResults:
    """The total and per-village tallies of one campaign."""

    campaign: CampaignRef
    total: GroupTally
    villages: list[VillageResult]
    channels: dict[str, ChannelCount]
    trust: dict[str, ChannelCount]  # every level, also when the count is limited
    # Limited to this trust level and surer ones; None counts every ballot.
    min_trust: str | None = None
    excluded: int = 0
    # Post-stratified by village population, when at least two villages have both.
    weighted: WeightedTotal | None = None
    period: Period | None = None
    # The public release these figures come from (services.results.releases); None: live.
    release: int | None = None
    released_at: datetime | None = None

    def village(self, slug: str) -> VillageResult | None:
        return next((v for v in self.villages if v.slug == slug), None)

    def village_or_block(self, name: str) -> VillageResult | None:
        """The village by name, or the block of villages shown together that holds it."""
        return next((v for v in self.villages if v.name == name or name in v.members), None)


@dataclass(frozen=True)
class Outside:
    """The results for outsiders (services.results.outside), and what was left out of them."""

    results: CampaignResults
    folded: list[str] = field(default_factory=list)  # villages not shown on their own
    # Every village with voters merged into one: then no village is named, not even an
    # empty one (the ones left out would be the merged ones).
    unnamed: bool = False

    @property
    def too_few(self) -> bool:
        """Fewer than 5 ballots in all: the documents show no figure of them."""
        return 0 < self.results.total.ballots < HIDE_BELOW


@dataclass(frozen=True)
class Comparison:
    """This campaign's total beside the previous cycle's, theme by theme (in today's order)."""

    previous: CampaignRef
    previous_ballots: int
    changes: list[ThemeChange]
    titles: dict[int, str]  # theme id now -> title
    # What tells the two apart in a table's head: the years they ran ("2022", "2026"), or
    # their titles when the years do not (services.outcome.cycles.cycle_labels).
    then_label: str = ""
    now_label: str = ""

    def for_theme(self, theme_id: int) -> ThemeChange | None:
        return next((c for c in self.changes if c.theme_id == theme_id), None)
