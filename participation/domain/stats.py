"""The honest numbers around a share: Wilson intervals, small groups, weighting, stand-outs."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from fractions import Fraction

Z95 = 1.959964  # two-sided 95 %
SMALL_GROUP = 30  # groups under this many ballots are marked as uncertain
HIDE_BELOW = 5  # public pages never show a count from 1 to 4, nor a group that small
STANDS_OUT_BY = 0.10  # ten percentage points


def wilson_interval(successes: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval for successes / n; (0, 0) for an empty group.

    Unlike the normal approximation it stays within [0, 1] and behaves at 0 % and 100 %.
    """
    if n <= 0:
        return 0.0, 0.0
    return wilson_for_share(successes / n, n, z)


def wilson_for_share(p: float, n: float, z: float = Z95) -> tuple[float, float]:
    """The Wilson interval for a share p from n observations; n may be an effective size."""
    if n <= 0:
        return 0.0, 0.0
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    # At 0 % and 100 % the bound is exactly 0 or 1; say so instead of 0.9999999.
    low = 0.0 if p <= 0 else max(0.0, centre - half)
    high = 1.0 if p >= 1 else min(1.0, centre + half)
    return low, high


def is_small(ballots: int) -> bool:
    return ballots < SMALL_GROUP


@dataclass(frozen=True)
class Stratum:
    """One village for weighting: its population, ballots, votes per theme id, and its name."""

    population: int
    ballots: int
    votes: Mapping[int, int]
    label: str = ""


@dataclass(frozen=True)
class WeightedTotal:
    """Shares per theme id as if each village had voted in proportion to its population."""

    shares: dict[int, float]
    effective_n: float
    ballots: int  # the ballots that took part (villages with a population and ballots)
    # The villages counted as one stratum because one had fewer than SMALL_GROUP ballots:
    # each tuple the labels of one merged stratum, in the order the strata were given.
    merged: tuple[tuple[str, ...], ...] = ()

    def interval(self, theme_id: int) -> tuple[float, float]:
        """The Wilson interval of a weighted share, on the effective sample size."""
        return wilson_for_share(self.shares[theme_id], self.effective_n)


@dataclass(frozen=True)
class MergedStratum:
    """Strata counted as one: positions in the given order, and their sums."""

    members: tuple[int, ...]
    population: int
    ballots: int
    votes: dict[int, int]

    def plus(self, other: MergedStratum) -> MergedStratum:
        votes = dict(self.votes)
        for theme_id, n in other.votes.items():
            votes[theme_id] = votes.get(theme_id, 0) + n
        return MergedStratum(
            tuple(sorted(self.members + other.members)),
            self.population + other.population,
            self.ballots + other.ballots,
            votes,
        )


def merge_small_strata(
    strata: Sequence[Stratum], minimum: int = SMALL_GROUP
) -> list[MergedStratum]:
    """The strata to weight by, none under `minimum` ballots unless only one is left.

    Strata without population or ballots are left out. Then, while more than one stratum
    remains and one has fewer than `minimum` ballots, the one with the fewest ballots (ties:
    the first given) is merged with its nearest neighbour: the stratum whose population is
    closest to its own (ties: the first given). A merged stratum has the summed population,
    ballots and votes, and stands at the place of its first member; its population is what
    later distances are measured from.
    """
    groups = [
        MergedStratum((index,), s.population, s.ballots, dict(s.votes))
        for index, s in enumerate(strata)
        if s.population > 0 and s.ballots > 0
    ]
    while len(groups) > 1:
        small = [g for g in groups if g.ballots < minimum]
        if not small:
            break
        smallest = min(small, key=lambda g: (g.ballots, g.members[0]))
        nearest = min(
            (g for g in groups if g is not smallest),
            key=lambda g: (abs(g.population - smallest.population), g.members[0]),
        )
        merged = smallest.plus(nearest)
        groups = [g for g in groups if g is not smallest and g is not nearest] + [merged]
        groups.sort(key=lambda g: g.members[0])
    return groups


def weighted_total(theme_ids: Sequence[int], strata: Sequence[Stratum]) -> WeightedTotal | None:
    """Post-stratified shares: Σ (population share × village share) over villages with ballots.

    Each ballot in village v weighs w_v = (pop_v / pop) / (n_v / n). The effective sample size
    is Kish's (Σw)² / Σw² = n² / Σ n_v·w_v². Villages without ballots or population are left
    out. A village with fewer than SMALL_GROUP (30) ballots would weigh its few voters heavily
    (4 voters could move a theme by 10 points), so it is first merged with its nearest
    neighbour in population (merge_small_strata), and `merged` says which were. None when
    fewer than two strata remain, since weighting then changes nothing.
    """
    used = merge_small_strata(strata)
    if len(used) < 2:
        return None
    population = sum(s.population for s in used)
    n = sum(s.ballots for s in used)
    shares = {
        theme_id: sum(
            (s.population / population) * (s.votes.get(theme_id, 0) / s.ballots) for s in used
        )
        for theme_id in theme_ids
    }
    weights_squared = sum(
        s.ballots * ((s.population / population) / (s.ballots / n)) ** 2 for s in used
    )
    merged = tuple(tuple(strata[i].label for i in s.members) for s in used if len(s.members) > 1)
    return WeightedTotal(shares, n * n / weights_squared, n, merged)


@dataclass(frozen=True)
class StandOut:
    """A theme a village picked clearly more (or less) often than the whole municipality."""

    theme_id: int
    village_share: float
    total_share: float

    @property
    def difference(self) -> float:
        return self.village_share - self.total_share


def stand_outs(
    village_votes: Mapping[int, int],
    village_ballots: int,
    total_shares: Mapping[int, float],
) -> list[StandOut]:
    """Themes whose share in the village differs from the total by at least ten points, and
    where the total's share lies outside the village's 95 % Wilson interval.

    Largest differences first; both directions are listed (more and less often).
    """
    found = []
    for theme_id, total_share in total_shares.items():
        votes = village_votes.get(theme_id, 0)
        share = votes / village_ballots if village_ballots else 0.0
        low, high = wilson_interval(votes, village_ballots)
        if abs(share - total_share) >= STANDS_OUT_BY and not low <= total_share <= high:
            found.append(StandOut(theme_id, share, total_share))
    return sorted(found, key=lambda s: -abs(s.difference))


# Binary floats carry an error in their last bits (0.435 − 0.35 is 0.08499999999999996):
# snapped to this many decimals first, a true tie is a tie again. Shares, means and goal
# paths are ratios of small whole numbers and typed figures, far coarser than this.
SNAP = Decimal("1e-12")


def half_up(value: float | Decimal | Fraction, places: int = 0) -> Decimal:
    """The one rounding rule for every number a person reads: on decimals, halves away from
    zero (8.5 → 9, 7.25 → 7.3, 52.5 → 53, −8.5 → −9), never banker's rounding and never the
    binary float's own error (0.435 − 0.35 points to 8.5, so 9)."""
    if isinstance(value, Fraction):
        exact = Decimal(value.numerator) / Decimal(value.denominator)
    else:
        exact = value if isinstance(value, Decimal) else Decimal(str(value))
    snapped = exact.quantize(SNAP, rounding=ROUND_HALF_EVEN)
    return snapped.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def whole_points(share: float) -> int:
    """A share (or a difference of shares) in whole percentage points, half rounded away from
    zero as Dutch readers expect: 0.525 → 53, −0.525 → −53, 0.435 − 0.35 → 9."""
    return int(half_up(Decimal(str(share)) * 100))


def whole_percent(share: float) -> str:
    """A share as a whole percentage: 0.525 → '53%'."""
    return f"{whole_points(share)}%"
