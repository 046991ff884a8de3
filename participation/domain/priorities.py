"""Rules for the road from results to priorities: association views, indicators, shortlist, dots.

Residents' votes are input, not the decision. Association views and indicators stand beside
them; the prioritisation session's dots are counted per stakeholder group; decisions carry
their reasons. Pure rules on plain values.
"""

from __future__ import annotations

import enum
import secrets
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from participation.domain.codes import ALPHABET
from participation.domain.vocabulary import GROUP_NAMES, TREND_NAMES

MAX_VIEW_THEMES = 6
MAX_REASON = 500
JOIN_CODE_LENGTH = 6
# Stakeholder groups at the session, in the order the board shows them.
GROUPS = tuple(GROUP_NAMES)  # the stakeholder groups, defined once in domain.vocabulary
TRENDS = tuple(TREND_NAMES)
# A change of less than this between the first and the last year counts as stable.
STABLE_WITHIN = 0.05


class ViewProblem(enum.Enum):
    EMPTY = "empty"
    TOO_MANY = "too_many"
    DUPLICATE = "duplicate"
    UNKNOWN_THEME = "unknown_theme"
    REASON_TOO_LONG = "reason_too_long"
    CLOSED = "closed"


def check_view(
    ranking: Sequence[tuple[int, str]], themes: Collection[int], campaign_open: bool
) -> list[ViewProblem]:
    """An association's view: 1 to 6 different themes of the campaign in ranked order.

    It can be revised while the campaign is open; after that it stands.
    """
    problems = []
    if not campaign_open:
        problems.append(ViewProblem.CLOSED)
    chosen = [theme for theme, _ in ranking]
    if not chosen:
        problems.append(ViewProblem.EMPTY)
    if len(chosen) > MAX_VIEW_THEMES:
        problems.append(ViewProblem.TOO_MANY)
    if len(set(chosen)) != len(chosen):
        problems.append(ViewProblem.DUPLICATE)
    if set(chosen) - set(themes):
        problems.append(ViewProblem.UNKNOWN_THEME)
    if any(len(reason) > MAX_REASON for _, reason in ranking):
        problems.append(ViewProblem.REASON_TOO_LONG)
    return problems


def trend_of(values: Sequence[tuple[int, float]]) -> str:
    """'rising', 'falling' or 'stable': the last year against the first, within 5 % is stable."""
    ordered = sorted(values)
    if len(ordered) < 2:
        return "stable"
    first, last = ordered[0][1], ordered[-1][1]
    if first == 0:
        return "rising" if last > 0 else "stable"
    change = (last - first) / abs(first)
    if abs(change) < STABLE_WITHIN:
        return "stable"
    return "rising" if change > 0 else "falling"


@dataclass(frozen=True)
class ShortlistEntry:
    theme_id: int
    origin: str  # 'top', 'stands_out' or 'staff'
    villages: tuple[str, ...] = ()  # for 'stands_out': where it stands out, strongest first
    strength: float = 0.0  # for 'stands_out': the largest lead over the total, in share points


def draft_shortlist(
    ranked: Sequence[int],
    stand_outs: Mapping[str, Sequence[tuple[int, float]]],
    top: int,
    extra: int = 3,
) -> list[ShortlistEntry]:
    """The top `top` themes of the total, then at most `extra` themes that stand out in a
    village, the strongest first (once each, with every village where it stands out).

    `ranked` is theme ids by total rank; `stand_outs` maps a village name to (theme, lead)
    for the themes that village picked clearly more often than the municipality, the lead
    being the village's share minus the total's.
    """
    entries = [ShortlistEntry(theme, "top") for theme in ranked[:top]]
    taken = set(ranked[:top])
    leads: dict[int, list[tuple[float, str]]] = {}
    for village, themes in stand_outs.items():
        for theme, lead in themes:
            if theme not in taken and lead > 0:
                leads.setdefault(theme, []).append((lead, village))
    order = {theme: index for index, theme in enumerate(ranked)}
    strongest = sorted(leads, key=lambda t: (-max(leads[t])[0], order.get(t, len(order))))
    for theme in strongest[: max(extra, 0)]:
        by_lead = sorted(leads[theme], key=lambda pair: (-pair[0], pair[1]))
        entries.append(
            ShortlistEntry(
                theme, "stands_out", tuple(v for _, v in by_lead), round(by_lead[0][0], 6)
            )
        )
    return entries


class DotProblem(enum.Enum):
    ROUND_CLOSED = "round_closed"
    TOO_MANY = "too_many"
    NOT_ON_SHORTLIST = "not_on_shortlist"
    NEGATIVE = "negative"


def check_dots(
    dots: Mapping[int, int], shortlist: Collection[int], budget: int, round_open: bool
) -> list[DotProblem]:
    """A participant's dots: only on shortlisted themes, at most `budget` in all, open round only.

    Several dots on one theme are allowed; fewer than the budget too.
    """
    problems = []
    if not round_open:
        problems.append(DotProblem.ROUND_CLOSED)
    if any(count < 0 for count in dots.values()):
        problems.append(DotProblem.NEGATIVE)
    if {theme for theme, count in dots.items() if count} - set(shortlist):
        problems.append(DotProblem.NOT_ON_SHORTLIST)
    if sum(count for count in dots.values() if count > 0) > budget:
        problems.append(DotProblem.TOO_MANY)
    return problems


def dot_totals(
    dots: Sequence[tuple[int, str, int]],
) -> dict[int, dict[str, int]]:
    """(theme, group, count) rows → per theme the dots per group, plus 'total'."""
    totals: dict[int, dict[str, int]] = {}
    for theme, group, count in dots:
        row = totals.setdefault(theme, {"total": 0})
        row[group] = row.get(group, 0) + count
        row["total"] += count
    return totals


def new_join_code() -> str:
    """A short code to type from the projector: 6 symbols without look-alikes."""
    return "".join(secrets.choice(ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def read_join_code(raw: str | None) -> str | None:
    code = "".join((raw or "").split()).upper().replace("-", "")
    return code if len(code) == JOIN_CODE_LENGTH and set(code) <= set(ALPHABET) else None
