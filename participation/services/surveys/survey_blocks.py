"""A survey release's blocks as the public sees them: each block of groups as one figure.

A release (services.surveys.survey_releases) keeps, per dimension, every group's size and
the blocks it shows (domain.releases): a block of one group shows that group, a block of
several shows them together, named 'Together: A, B'. The public figures are counted again
from the responses the release covers; a block whose groups no longer add up to what was
released (a village merged into another since) is shown together with the other such
blocks, so that every figure shown is a sum of figures that were released.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from flask_babel import lazy_gettext as _l

from participation.services.surveys.survey_counts import NONE

Blocks = list[list[str]]


def ordered_blocks(blocks: Sequence[frozenset[str]], order: Sequence[str]) -> Blocks:
    """Blocks as stored: each block's groups in the dimension's order."""
    return [[g for g in order if g in block] + sorted(block - set(order)) for block in blocks]


def shown_blocks(
    released: Mapping[str, int], blocks: Sequence[Sequence[str]], now: Mapping[str, int]
) -> Blocks:
    """The release's blocks, with those whose count `now` (over the same responses) differs
    from the released one joined into one block, with any group the release did not have."""
    kept: Blocks = []
    changed: list[str] = []
    for block in blocks:
        if sum(now.get(g, 0) for g in block) == sum(released.get(g, 0) for g in block):
            kept.append(list(block))
        else:
            changed.extend(block)
    placed = {g for block in blocks for g in block}
    changed.extend(g for g, n in now.items() if n and g not in placed)
    if changed:
        kept.append(changed)
    return kept


def none_apart(blocks: Sequence[Sequence[str]]) -> bool:
    """Whether those who gave no answer are not shown together with an answer (so the
    number who answered, the base, can be shown)."""
    return not any(NONE in block and len(block) > 1 for block in blocks)


def group_name(group: str, labels: Mapping[str, str]) -> str:
    """A group's name; one that is gone since (a village merged, an answer removed) is named
    as such."""
    return labels.get(group) or str(_l("one no longer listed"))


def joint_label(block: Sequence[str], labels: Mapping[str, str]) -> str:
    """A group's own name, or 'Together: A, B' (and no answer) for a block of several."""
    if len(block) == 1:
        return group_name(block[0], labels)
    names = ", ".join(group_name(g, labels) for g in block if g != NONE)
    if NONE in block:
        return str(_l("Together: %(answers)s and no answer", answers=names))
    return str(_l("Together: %(answers)s", answers=names))


def block_counts(
    blocks: Sequence[Sequence[str]], now: Mapping[str, int], labels: Mapping[str, str]
) -> list[tuple[str, int]]:
    """Each block's name and count, leaving out a block of only those who gave no answer."""
    return [
        (joint_label(block, labels), sum(now.get(g, 0) for g in block))
        for block in blocks
        if list(block) != [NONE]
    ]
