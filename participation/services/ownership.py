"""The one rule for a row named from outside (a URL, a form, a file): it exists and is ours."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import select

from participation import tenancy
from participation.extensions import db
from participation.models import Campaign, PrioritySession, StaffUser, Stand, Survey

M = TypeVar("M")

# Postgres integer keys: an id beyond them names no row (and must not reach the driver).
MAX_ID = 2**31 - 1

# How a row finds the campaign it belongs to: the first of these columns it holds, followed
# until a campaign. A row with none of them (a village, an account, a survey without a
# campaign) belongs to the municipality itself.
PARENTS: tuple[tuple[str, type[Any]], ...] = (
    ("campaign_id", Campaign),
    ("session_id", PrioritySession),
    ("stand_id", Stand),
)


def owned(model: type[M], row_id: object, **belongs_to: object) -> M | None:
    """The row of `model` with this id if it is within reach and holds `belongs_to`, else None.

    Every lookup of a row by an id that came from a request goes through here (web.access's
    owned_or_404 for views; services given ids in forms or files call it directly), so there
    is one answer to "may this id be used": the id is a plausible key, the row exists, it
    holds what the caller names (e.g. campaign_id=campaign.id, session_id=session.id), and
    it is within reach (see `within_reach`). A row that fails any of these is None, like a
    missing one, so ids reveal nothing (flaskr's get_post, redash's get_by_id_and_org).
    """
    if type(row_id) is not int or not 0 < row_id <= MAX_ID:
        return None
    row = db.session.get(model, row_id)
    if row is None or any(getattr(row, name) != value for name, value in belongs_to.items()):
        return None
    return row if within_reach(row) else None


def within_reach(row: object) -> bool:
    """Whether this request may use `row`: the campaign it belongs to (by PARENTS) exists
    and is ours, or, for a row of the municipality itself, the row is ours.

    "Ours" is the current municipality's (`_ours`): the ORM rule and, on PostgreSQL, the
    row-level security already keep other municipalities' rows out of queries, but a row
    already in the session (loaded while a chore worked for another municipality) comes back
    from `session.get` without a query, so the owner is compared here too.
    """
    if row is None:
        return False
    if isinstance(row, Campaign):
        return _ours(row)
    for column, parent_model in PARENTS:
        parent_id = getattr(row, column, None)
        if parent_id is not None:
            return within_reach(db.session.get(parent_model, parent_id))
    return _ours(row)


def campaign_of(row: object) -> Campaign | None:
    """The campaign `row` belongs to, following PARENTS; None for a municipality's own row
    (or one whose parent is gone)."""
    if isinstance(row, Campaign):
        return row
    for column, parent_model in PARENTS:
        parent_id = getattr(row, column, None)
        if parent_id is not None:
            return campaign_of(db.session.get(parent_model, parent_id))
    return None


def _ours(root: object) -> bool:
    """Whether a campaign, or a row of the municipality itself, is this municipality's: a
    login by its membership here, every other row by its municipality_id."""
    if isinstance(root, StaffUser):
        return root.role is not None
    owner = getattr(root, "municipality_id", None)
    return owner is not None and owner == tenancy.chosen_id()


def campaign(slug: str) -> Campaign | None:
    """The campaign with this short name, if it is within reach."""
    found = db.session.scalar(select(Campaign).where(Campaign.slug == slug))
    return found if found is not None and within_reach(found) else None


def survey(slug: str) -> Survey | None:
    """The survey with this short name, if it is within reach."""
    found = db.session.scalar(select(Survey).where(Survey.slug == slug))
    return found if found is not None and within_reach(found) else None
