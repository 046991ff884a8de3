"""Which changes to a campaign keep the ballots already cast meaningful."""

from __future__ import annotations

import enum
from collections.abc import Collection


class EditProblem(enum.Enum):
    """Why a change to a campaign is refused."""

    PICK_RULE_LOCKED = "pick_rule_locked"
    THEMES_LOCKED = "themes_locked"
    VILLAGE_HAS_BALLOTS = "village_has_ballots"
    TOO_MANY_THEMES = "too_many_themes"
    SLUG_TAKEN = "slug_taken"
    # Residents may be offered e-mail only once a test e-mail showed the mail server works.
    MAIL_UNTESTED = "mail_untested"
    # An adopted regional campaign (issue 30): the region's method and period, its common
    # themes, and local themes only before the campaign opens (domain.regional_campaigns).
    REGIONAL_PICKS = "regional_picks"
    REGIONAL_PERIOD = "regional_period"
    COMMON_THEME = "common_theme"
    LOCAL_THEME_TOO_LATE = "local_theme_too_late"


def check_campaign_edit(
    ballots_cast: int,
    old_picks: tuple[int, int],
    new_picks: tuple[int, int],
    removed_villages: Collection[str],
    villages_with_ballots: Collection[str],
) -> list[EditProblem]:
    """Once ballots exist, the pick rule is fixed and a village with ballots stays in scope.

    Changing how many themes a resident picks would make earlier and later ballots
    incomparable; dropping a village would hide ballots from the results.
    """
    problems = []
    if ballots_cast and old_picks != new_picks:
        problems.append(EditProblem.PICK_RULE_LOCKED)
    if set(removed_villages) & set(villages_with_ballots):
        problems.append(EditProblem.VILLAGE_HAS_BALLOTS)
    return problems


def check_theme_list_change(ballots_cast: int, has_free_bit: bool = True) -> list[EditProblem]:
    """Themes can be added or removed only before the first ballot; wording and order may
    still change. A campaign holds at most 63 themes (one bit each in a choice mask)."""
    problems = [EditProblem.THEMES_LOCKED] if ballots_cast else []
    if not has_free_bit:
        problems.append(EditProblem.TOO_MANY_THEMES)
    return problems
