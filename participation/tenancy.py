"""Whose data a unit of work touches: the current municipality, and the ORM rule (wall one) that
keeps every ORM query inside it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar, Token

from sqlalchemy import Column, ForeignKey, UniqueConstraint, event
from sqlalchemy.orm import (
    Mapped,
    ORMExecuteState,
    Session,
    declared_attr,
    mapped_column,
    with_loader_criteria,
)

# The municipality a request (set from its host) or a CLI chore (`--gemeente`) works for.
# A ContextVar rather than flask.g: the rule below runs in the ORM, which knows no Flask, and a
# CLI chore or a worker job sets it the same way a request does.
_current: ContextVar[int | None] = ContextVar("participation.municipality", default=None)
# The region the unit of work belongs to (its municipality's, or the region a region host
# serves), for RegionOwned rows: the regional campaign, its themes, memberships.
_region: ContextVar[int | None] = ContextVar("participation.region", default=None)
# Other municipalities whose rows may be READ (never written) in this unit of work: those of
# the region, for a region host's pages, its coordinators and partners (issue 30).
_readable: ContextVar[frozenset[int]] = ContextVar("participation.readable", default=frozenset())

# The execution option that lets one statement read across municipalities: install-level work
# only (resolving a host to its municipality, the install admin's list, export and erasure of
# a whole municipality, migrations). Each use names itself; grep for it.
ACROSS_MUNICIPALITIES = "across_municipalities"


class NoMunicipality(RuntimeError):
    """Tenant data was touched with no municipality chosen: a bug, never a reason to show all."""


class TenantOwned:
    """Mixin for every table that belongs to one municipality (all but the municipality itself
    and the install-wide login).

    The column is filled from the current municipality when a row is added without one, so
    ORM code never passes it; Core inserts on the hot path pass it explicitly.
    """

    @declared_attr
    def municipality_id(cls) -> Mapped[int]:
        return mapped_column(
            ForeignKey("municipality.id", ondelete="RESTRICT"),
            index=True,
            default=current_id,
        )


class RegionOwned:
    """Mixin for every table that belongs to one region (the regional campaign, its themes,
    the phones counted across the region): shown only to work of that region."""

    @declared_attr
    def region_id(cls) -> Mapped[int]:
        return mapped_column(
            ForeignKey("region.id", ondelete="RESTRICT"), index=True, default=current_region_id
        )


def tenant_column() -> Column[int]:
    """The municipality column of a plain association table (campaign_area, remark_theme)."""
    return Column(
        "municipality_id",
        ForeignKey("municipality.id", ondelete="RESTRICT"),
        nullable=False,
        index=True,
        default=current_id,
    )


def per_municipality(table: str, column: str) -> UniqueConstraint:
    """A short name unique within one municipality (two may both run "ivp-2027")."""
    return UniqueConstraint("municipality_id", column, name=f"uq_{table}_municipality_id_{column}")


def current_id() -> int:
    """The current municipality's id; NoMunicipality when none was chosen."""
    chosen = _current.get()
    if chosen is None:
        raise NoMunicipality("no municipality chosen for this request or chore")
    return chosen


def chosen_id() -> int | None:
    """The current municipality's id, or None outside any (an unknown host, install work)."""
    return _current.get()


def current_region_id() -> int:
    """The current region's id; NoMunicipality when the work belongs to none."""
    chosen = _region.get()
    if chosen is None:
        raise NoMunicipality("no region chosen for this request or chore")
    return chosen


def chosen_region_id() -> int | None:
    return _region.get()


def readable_ids() -> frozenset[int]:
    """The municipalities whose rows this work may read: the current one and, for regional
    work, the others of its region."""
    chosen = _current.get()
    extra = _readable.get()
    return extra | {chosen} if chosen is not None else extra


@contextmanager
def in_region(region_id: int | None, readable: frozenset[int] = frozenset()) -> Iterator[None]:
    """Work for this region inside the block, reading also these municipalities' rows."""
    region_token = _region.set(region_id)
    readable_token = _readable.set(frozenset(readable))
    try:
        yield
    finally:
        _readable.reset(readable_token)
        _region.reset(region_token)


def kept_for_later() -> Callable[[], AbstractContextManager[None]]:
    """The municipality and region chosen now, to work for again later: after the response
    has gone (a streamed export, work done once it is sent), the request's hooks that chose
    them have been undone. `with kept(): ...` then works for them."""
    municipality, region, readable = _current.get(), _region.get(), _readable.get()

    @contextmanager
    def kept() -> Iterator[None]:
        with acting_for(municipality), in_region(region, readable):
            yield

    return kept


def choose_region(
    region_id: int | None, readable: frozenset[int] = frozenset()
) -> tuple[Token[int | None], Token[frozenset[int]]]:
    """Work for this region until `restore_region(tokens)`: a request's hooks."""
    return _region.set(region_id), _readable.set(frozenset(readable))


def restore_region(tokens: tuple[Token[int | None], Token[frozenset[int]]]) -> None:
    _region.reset(tokens[0])
    _readable.reset(tokens[1])


@contextmanager
def acting_for(municipality_id: int | None) -> Iterator[None]:
    """Work for this municipality inside the block (None: for none), then restore the last."""
    token = _current.set(municipality_id)
    try:
        yield
    finally:
        _current.reset(token)


def choose(municipality_id: int | None) -> Token[int | None]:
    """Work for this municipality until `restore(token)`: a request's before/teardown hooks."""
    return _current.set(municipality_id)


def restore(token: Token[int | None]) -> None:
    """Undo a `choose` (the token it returned)."""
    _current.reset(token)


def keep_queries_inside(session_class: type[Session] | Session) -> None:
    """Wall one: every ORM SELECT, UPDATE and DELETE on a TenantOwned entity is limited to the
    current municipality (with_loader_criteria also reaches joins, relationships loaded with
    the rows, and lazy loads of them). No municipality chosen is an error, never everything."""
    if event.contains(session_class, "do_orm_execute", _limit_to_current):
        return
    event.listen(session_class, "do_orm_execute", _limit_to_current)


def _limit_to_current(state: ORMExecuteState) -> None:
    if not (state.is_select or state.is_update or state.is_delete):
        return
    # Lazy loads and column loads carry the criteria of the query that loaded their parent.
    if state.is_column_load or state.is_relationship_load:
        return
    if state.execution_options.get(ACROSS_MUNICIPALITIES, False):
        return
    municipality_id = _current.get()
    region_id = _region.get()
    readable = _readable.get() if state.is_select else frozenset()
    if region_id is not None or _touches(state, RegionOwned):
        state.statement = state.statement.options(
            with_loader_criteria(
                RegionOwned, lambda cls: cls.region_id == region_id, include_aliases=True
            )
        )
    if municipality_id is None and not readable:
        if _touches(state, TenantOwned):
            raise NoMunicipality("no municipality chosen for this request or chore")
        return
    if readable:
        # Regional reading: these municipalities' rows (and the current one's), never more.
        ids = sorted(readable | ({municipality_id} if municipality_id is not None else set()))
        state.statement = state.statement.options(
            with_loader_criteria(
                TenantOwned, lambda cls: cls.municipality_id.in_(ids), include_aliases=True
            )
        )
        return
    state.statement = state.statement.options(
        with_loader_criteria(
            TenantOwned,
            lambda cls: cls.municipality_id == municipality_id,
            include_aliases=True,
        )
    )


def _touches(state: ORMExecuteState, owned: type) -> bool:
    """Whether the statement names an entity of this kind (a login or the municipality list
    needs no municipality chosen)."""
    return any(issubclass(mapper.class_, owned) for mapper in state.all_mappers)
