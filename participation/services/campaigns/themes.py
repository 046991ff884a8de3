"""Staff changes to a campaign's themes: one at a time, a list at once, and their order."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import Any, NoReturn

from sqlalchemy.exc import IntegrityError

from participation.domain import theme_import, theme_order
from participation.domain.ballots import THEME_BITS, free_bit
from participation.domain.campaign_edits import EditProblem, check_theme_list_change
from participation.domain.refusals import Refused
from participation.domain.regional_campaigns import (
    check_common_theme_edit,
    check_local_theme_addition,
)
from participation.domain.theme_import import ThemeLine, ThemeList
from participation.extensions import db
from participation.models import Campaign, StaffUser, Theme
from participation.services import audit
from participation.services.ballots import voting
from participation.services.campaigns.campaign_edits import EditRefused, ballots_cast

log = logging.getLogger(__name__)


class OrderRefused(Refused):
    """A new order that does not name every theme of the campaign once (problems:
    OrderProblem); nothing changed."""


class ImportConflict(Refused):
    """Someone changed the campaign's themes while this list was stored; nothing stored."""


def _refuse(problems: list[EditProblem]) -> NoReturn:
    """Nothing of a refused change stays in the session: roll back, then say why."""
    db.session.rollback()
    raise EditRefused(problems)


@dataclass(frozen=True)
class ThemeData:
    title: str
    explanation: str
    safety_field: int
    position: int


def _snapshot(theme: Theme) -> dict[str, Any]:
    return {
        "title": theme.title,
        "explanation": theme.explanation,
        "safety_field": theme.safety_field,
        "position": theme.position,
    }


def _target(campaign: Campaign, theme: Theme | None = None) -> str:
    return f"campaign:{campaign.slug}" + (f"/theme:{theme.id}" if theme else "")


def _new_theme(
    campaign: Campaign, line: ThemeData | ThemeLine, position: int, bit: int, actor: StaffUser
) -> Theme:
    """A theme added to the session with its theme.create audit event, not yet committed."""
    theme = Theme(
        campaign=campaign,
        title=line.title,
        explanation=line.explanation,
        safety_field=line.safety_field,
        position=position,
        bit=bit,
    )
    db.session.add(theme)
    db.session.flush()  # its id, for the audit
    audit.record(
        actor,
        "theme.create",
        _target(campaign, theme),
        audit.describe_changes({}, _snapshot(theme)),
    )
    return theme


def adding_problems(campaign: Campaign) -> list[EditProblem]:
    """Why no theme can be added now (ballots, or all 63 bits taken); empty when one can."""
    taken = [t.bit for t in campaign.themes]
    return check_theme_list_change(
        ballots_cast(campaign), free_bit(taken) is not None
    ) + _local_problems(campaign)


def _local_problems(campaign: Campaign) -> list[EditProblem]:
    """A local theme on an adopted regional campaign only before it opens (issue 30)."""
    return check_local_theme_addition(campaign.regional_campaign_id is not None, campaign.phase())


def add_theme(campaign: Campaign, data: ThemeData, actor: StaffUser) -> Theme:
    bit = free_bit([t.bit for t in campaign.themes])
    problems = check_theme_list_change(ballots_cast(campaign), has_free_bit=bit is not None)
    problems += _local_problems(campaign)
    if problems or bit is None:
        _refuse(problems)
    last = max((t.position for t in campaign.themes), default=0)
    theme = _new_theme(campaign, data, last + 1, bit, actor)
    db.session.commit()
    voting.forget_rules()  # the ballot's cached rules of this worker
    return theme


def update_theme(theme: Theme, data: ThemeData, actor: StaffUser) -> Theme:
    """Wording, field and order may change at any time; the audit log keeps the old text.

    A new position swaps places with the theme that held it; a position past the last theme
    moves it to the end. Votes follow the theme's fixed bit, never its position.
    """
    common = theme.regional_theme_id is not None
    old, new = (theme.title, theme.safety_field), (data.title, data.safety_field)
    if problems := check_common_theme_edit(common, False, old, new):
        _refuse(problems)
    data = replace(data, position=min(data.position, len(theme.campaign.themes)))
    before = _snapshot(theme)
    other = next(
        (t for t in theme.campaign.themes if t.position == data.position and t is not theme), None
    )
    if other is not None:
        # Positions are unique per campaign, so park the other theme while swapping.
        old_position, other.position = theme.position, -1
        db.session.flush()
        theme.position = data.position
        db.session.flush()
        other.position = old_position
    theme.title, theme.explanation = data.title, data.explanation
    theme.safety_field, theme.position = data.safety_field, data.position
    audit.record(
        actor,
        "theme.update",
        _target(theme.campaign, theme),
        audit.describe_changes(before, _snapshot(theme)),
    )
    db.session.commit()
    voting.forget_rules()  # the ballot's cached rules of this worker
    return theme


def delete_theme(theme: Theme, actor: StaffUser) -> None:
    problems = check_common_theme_edit(
        theme.regional_theme_id is not None, True, (theme.title, theme.safety_field)
    ) or check_theme_list_change(ballots_cast(theme.campaign))
    if problems:
        _refuse(problems)
    audit.record(
        actor,
        "theme.delete",
        _target(theme.campaign, theme),
        audit.describe_changes(_snapshot(theme), {}) or theme.title,
    )
    db.session.delete(theme)
    db.session.commit()
    voting.forget_rules()  # the ballot's cached rules of this worker


def _room(campaign: Campaign) -> int:
    return THEME_BITS - len(campaign.themes)


def read_list(campaign: Campaign, text: str) -> ThemeList:
    """A pasted list checked against the campaign's themes; nothing is stored."""
    return theme_import.read_text(text, [t.title for t in campaign.themes], _room(campaign))


def read_file(campaign: Campaign, data: bytes) -> ThemeList | None:
    """An uploaded CSV file checked like a pasted list; None when it is not UTF-8."""
    text = theme_import.decode_upload(data)
    if text is None:
        return None
    return theme_import.read_csv(text, [t.title for t in campaign.themes], _room(campaign))


def import_list(campaign: Campaign, text: str, actor: StaffUser) -> ThemeList:
    """Add the good lines of a list after the existing themes, all in one transaction.

    Each theme gets its own free bit, as add_theme gives it, and a theme.create audit event.
    Refused whole (EditRefused) once the campaign has ballots, like adding one theme; a
    clash with a theme stored at the same moment (ImportConflict) leaves nothing stored.
    """
    problems = adding_problems(campaign)
    if problems:
        _refuse(problems)
    found = read_list(campaign, text)
    taken = [t.bit for t in campaign.themes]
    last = max((t.position for t in campaign.themes), default=0)
    try:
        for offset, line in enumerate(found.themes, start=1):
            bit = free_bit(taken)
            if bit is None:  # read_list leaves no more lines than free bits
                _refuse([EditProblem.TOO_MANY_THEMES])
            taken.append(bit)
            _new_theme(campaign, line, last + offset, bit, actor)
        db.session.commit()
    except IntegrityError as error:
        db.session.rollback()
        log.info("theme import clashed with another change of campaign %s", campaign.id)
        raise ImportConflict([]) from error
    voting.forget_rules()  # the ballot's cached rules of this worker
    return found


def _apply_order(campaign: Campaign, order: list[int], actor: StaffUser) -> bool:
    """Give the themes positions 1, 2, … in this order; False when nothing changed.

    Positions are unique per campaign, so every theme is parked at a negative position first:
    no two themes ever hold the same one, whatever the old positions were. Bits stay.
    """
    by_id = {t.id: t for t in campaign.themes}
    old = [t.id for t in campaign.themes]
    if order == old and all(t.position == n for n, t in enumerate(campaign.themes, start=1)):
        return False
    for n, theme in enumerate(campaign.themes, start=1):
        theme.position = -n
    db.session.flush()
    for n, theme_id in enumerate(order, start=1):
        by_id[theme_id].position = n
    db.session.flush()
    audit.record(
        actor,
        "theme.reorder",
        _target(campaign),
        f"{', '.join(map(str, old))} → {', '.join(map(str, order))}",
    )
    db.session.commit()
    voting.forget_rules()  # the ballot's cached rules of this worker
    return True


def move_theme(theme: Theme, direction: str, actor: StaffUser) -> bool:
    """One place up or down (direction 'up' or 'down'); False at the top or bottom.

    Allowed with ballots: only the display order changes, never a theme's bit.
    """
    campaign = theme.campaign
    current = [t.id for t in campaign.themes]
    order = theme_order.moved(current, theme.id, direction)
    return order != current and _apply_order(campaign, order, actor)


def reorder_themes(campaign: Campaign, given: list[str], actor: StaffUser) -> bool:
    """The themes in the order of `given` (theme ids as sent); OrderRefused when it does not
    name every theme of the campaign exactly once. False when the order stayed the same."""
    order, problems = theme_order.new_order([t.id for t in campaign.themes], given)
    if problems:
        db.session.rollback()
        raise OrderRefused(problems)
    return _apply_order(campaign, order, actor)
