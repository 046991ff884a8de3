"""Which groups a public release may show apart, so that no release, and no two compared,
give away what fewer than 5 residents chose.

The public gets releases (snapshots), not a live feed. Each release of one dimension (the
villages, the channels or the trust levels) splits its groups into blocks and shows each
block's ballots and votes: a block of one group shows that group, a block of several shows
them together. Someone who keeps every release can add and subtract any of those figures.

The smallest things they can tell apart are 'classes': the ballots of a group that came in
between two releases (an 'epoch'), grouped while every release put them in the same block.
Any figure they can work out is a sum of whole classes. So a release is safe when every class
holds 0 ballots or at least 5 (HIDE_BELOW): then every worked-out figure covers 0 or at least
5 residents too (when ballots are only added; an exclusion between releases counts by its net
change). A group with 1 to 4 new ballots since the last release is therefore shown together
with others, and a group once shown with 1 to 4 stays shown together with the same groups, in
every later release. When even one block of everything is not safe (1 to 4 new ballots in
all), there is no release: wait for more.

Ballots can also leave the count (an exclusion) after a release. A group's net change would
then hide a small group inside two large ones (5 leave, then 6 come: one new ballot), so each
group's ballots are counted by *cohort*: the release they first counted in. A cohort can only
shrink; the ballots that left it between two releases are units of their own, like the ones
that came. Putting ballots back after a release, or moving them to another village, cannot be
told apart from new ones and is refused where it happens (services), and here too: a cohort
that grows makes the release unsafe.

Within one release, someone who knows the rule also knows that a group shown together with
others had fewer than 5 ballots (or was added to make up 5): a block of two such groups with
8 would give both away (4 + 4). Such a block takes in another group as well.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from participation.domain.stats import HIDE_BELOW

Block = frozenset[str]
Sizes = int | Sequence[int]


def _total(size: Sizes) -> int:
    return size if isinstance(size, int) else sum(size)


@dataclass(frozen=True)
class Released:
    """One earlier release of one dimension: every group's ballots then, and its blocks.

    A group's ballots are either one number (when ballots are only ever added) or a list by
    cohort: entry a holds the ballots still counted that first counted in release a (the
    last entry: those new in this release)."""

    sizes: Mapping[str, Sizes]
    blocks: Sequence[Block]

    def total(self, group: str) -> int:
        return _total(self.sizes.get(group, 0))


@dataclass(frozen=True)
class Plan:
    """The blocks of a new release, or None when no release is possible, and why."""

    blocks: list[Block] | None
    new_ballots: int  # since the last release, in all
    held_back: list[str]  # groups shown together because of too few new or earlier ballots


def _is_safe(count: int, minimum: int) -> bool:
    return count == 0 or count >= minimum


def _cohorts(releases: Sequence[Released]) -> list[dict[str, list[int]]]:
    """Per release, per group: its ballots by cohort. A plain number counts as its growth
    since the release before (ballots only added); a shrinking number cannot be attributed
    and counts as a cohort of minus that many, which is never safe."""
    found: list[dict[str, list[int]]] = []
    for index, release in enumerate(releases):
        row: dict[str, list[int]] = {}
        groups = set(release.sizes) | (set(found[-1]) if found else set())
        for group in groups:
            earlier = (found[-1].get(group, []) if found else []) + [0] * index
            size = release.sizes.get(group, 0)
            if isinstance(size, int):
                row[group] = [*earlier[:index], size - sum(earlier[:index])]
            else:
                row[group] = [*size, *[0] * (index + 1 - len(size))][: index + 1]
        found.append(row)
    return found


def classes(releases: Sequence[Released]) -> list[tuple[frozenset[tuple[str, int]], int]]:
    """The smallest sets of ballots someone holding every release can count, each with its
    ballots, as sets of (group, cohort). A ballot of cohort a that left between release d-1
    and d was counted in releases a to d-1, in the blocks its group was in; ballots with the
    same releases and blocks form one class."""
    cohorts = _cohorts(releases)
    last = len(releases)
    groups = sorted({g for row in cohorts for g in row} | _members(releases))
    found: dict[tuple[object, ...], tuple[set[tuple[str, int]], int]] = {}

    def add(group: str, cohort: int, until: int, count: int) -> None:
        blocks = tuple(_block_of(releases[r].blocks, group) for r in range(cohort, until))
        signature = (cohort, until, *blocks)
        atoms, total = found.get(signature, (set(), 0))
        atoms.add((group, cohort))
        found[signature] = (atoms, total + count)

    for group in groups:
        for cohort in range(last):
            counts = [cohorts[r].get(group, [0] * (r + 1))[cohort] for r in range(cohort, last)]
            for step in range(1, len(counts)):
                # Left between two releases; a cohort that grows is a negative, unsafe unit.
                add(group, cohort, cohort + step, counts[step - 1] - counts[step])
            add(group, cohort, last, counts[-1])
    return [(frozenset(atoms), count) for atoms, count in found.values()]


def _members(releases: Sequence[Released]) -> set[str]:
    return {g for release in releases for block in release.blocks for g in block}


def _block_of(blocks: Sequence[Block], group: str) -> int:
    return next((i for i, block in enumerate(blocks) if group in block), -1)


def unsafe(releases: Sequence[Released], minimum: int = HIDE_BELOW) -> list[frozenset[str]]:
    """The groups of each class with 1 to minimum-1 ballots, plus each block whose members a
    rule-aware reader can pin down (see pinned); empty when the releases are safe."""
    found = [
        frozenset(g for g, _ in atoms)
        for atoms, count in classes(releases)
        if not _is_safe(count, minimum)
    ]
    latest = releases[-1]
    alone = [latest.total(g) for b in latest.blocks if len(b) == 1 for g in b]
    largest = min((n for n in alone if n >= minimum), default=None)
    totals = {g: latest.total(g) for g in latest.sizes}
    found += [block for block in latest.blocks if pinned(block, totals, minimum, largest)]
    return found


def pinned(
    block: Block,
    sizes: Mapping[str, int],
    minimum: int = HIDE_BELOW,
    largest: int | None = None,
) -> bool:
    """Whether a block of several groups lets one work out a member's ballots, for someone who
    knows each small member holds 0 to minimum-1 and every other at least minimum, and (the
    rule takes the smallest group in) at most `largest`: the smallest group shown alone."""
    if len(block) < 2:
        return False
    total = sum(sizes.get(g, 0) for g in block)
    high = total if largest is None else min(total, largest)
    ranges = {
        g: (0, minimum - 1) if sizes.get(g, 0) < minimum else (minimum, max(minimum, high))
        for g in block
    }
    for group, (low, high) in ranges.items():
        others_low = sum(r[0] for g, r in ranges.items() if g != group)
        others_high = sum(r[1] for g, r in ranges.items() if g != group)
        if 0 < sizes.get(group, 0) < minimum and (
            max(low, total - others_high) == min(high, total - others_low)
        ):
            return True
    return False


def plan(
    history: Sequence[Released], sizes: Mapping[str, Sizes], minimum: int = HIDE_BELOW
) -> Plan:
    """The finest safe blocks for a release of `sizes` after `history` (oldest first).

    Starting from every group on its own, the block holding an unsafe class is joined with
    the other block that leaves the fewest unsafe classes (ties: the smallest in ballots, then
    the first listed), until nothing is unsafe or one block remains. Groups that never had a
    ballot join a block holding a small group, when there is one, so that both look alike.
    """
    order = list(sizes)
    totals = {g: _total(n) for g, n in sizes.items()}
    before = history[-1] if history else None
    new_ballots = sum(totals.values()) - (
        sum(before.total(g) for g in before.sizes) if before else 0
    )
    blocks: list[set[str]] = [{g} for g in order]

    def trial(candidate: list[set[str]]) -> list[frozenset[str]]:
        frozen = [frozenset(b) for b in candidate]
        return unsafe([*history, Released(sizes, frozen)], minimum)

    problems = trial(blocks)
    while problems and len(blocks) > 1:
        target = next(i for i, b in enumerate(blocks) if b & problems[0])
        options = []
        for other in range(len(blocks)):
            if other == target:
                continue
            merged = _merge(blocks, target, other)
            size = sum(totals.get(g, 0) for g in blocks[target] | blocks[other])
            options.append((len(trial(merged)), size, other, merged))
        _, _, _, blocks = min(options, key=lambda o: o[:3])
        problems = trial(blocks)
    if problems:
        return Plan(None, new_ballots, [])
    blocks = _with_empty_groups_hidden(blocks, history, totals)
    held = sorted(g for b in blocks if len(b) > 1 for g in b if totals.get(g, 0) > 0)
    ordered = sorted(blocks, key=lambda b: min(order.index(g) for g in b))
    return Plan([frozenset(b) for b in ordered], new_ballots, held)


def _merge(blocks: list[set[str]], one: int, other: int) -> list[set[str]]:
    keep = [b for i, b in enumerate(blocks) if i not in (one, other)]
    return [*keep, blocks[one] | blocks[other]]


def _with_empty_groups_hidden(
    blocks: list[set[str]], history: Sequence[Released], sizes: Mapping[str, int]
) -> list[set[str]]:
    """Groups without a ballot, now and in every release, join the first block of several
    that holds a small group: among them, a small group cannot be told from an empty one."""
    joint = next(
        (b for b in blocks if len(b) > 1 and any(0 < sizes.get(g, 0) < HIDE_BELOW for g in b)),
        None,
    )
    if joint is None:
        return blocks
    never = {
        g
        for g, n in sizes.items()
        if n == 0 and all(r.total(g) == 0 for r in history) and g not in joint
    }
    hidden = []
    for block in blocks:
        if block is joint:
            hidden.append(block | never)
        elif block - never:
            hidden.append(block - never)
    return hidden
