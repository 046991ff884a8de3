"""Villages staff keep: add, rename, retire; population for weighting, postcodes for surveys."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from participation.domain.areas import shared_postcodes
from participation.domain.refusals import Refused
from participation.domain.villages import (
    KnownVillage,
    Problem,
    VillageFields,
    VillageProblem,
    conflicts,
    read_fields,
)
from participation.extensions import db
from participation.models import ArchivedCount, Area, AreaSlugAlias, Ballot, StaffUser
from participation.services import audit
from participation.services.ballots import voting
from participation.timeutil import utcnow

log = logging.getLogger(__name__)
VILLAGE = "village"


@dataclass(frozen=True)
class VillageDetails:
    population: int | None
    postcodes: list[str]


@dataclass(frozen=True)
class VillageInput:
    """A village's fields as typed: name, short name, residents, postcodes."""

    name: str = ""
    slug: str = ""
    population: str = ""
    postcodes: str = ""


@dataclass(frozen=True)
class VillageRow:
    """One line of the villages page: the village and its ballots (archived ones included)."""

    area: Area
    ballots: int
    aliases: list[str]


class PostcodesShared(Refused):
    """A postcode would map to two villages (problems: postcode -> villages); nothing saved."""


class VillageRefused(Refused):
    """The fields break a rule or clash with another village (problems: domain Problem list);
    nothing was stored."""


def all_villages() -> list[Area]:
    return list(db.session.scalars(select(Area).where(Area.kind == VILLAGE).order_by(Area.name)))


def active_villages() -> list[Area]:
    """The villages not retired: the ones the bulk form and new campaigns offer."""
    return [area for area in all_villages() if area.retired_at is None]


def known_villages(leave_out: int | None = None) -> list[KnownVillage]:
    """Every village as plain values with its earlier short names, for the domain's checks."""
    aliases: dict[int, list[str]] = {}
    for slug, area_id in db.session.execute(select(AreaSlugAlias.slug, AreaSlugAlias.area_id)):
        aliases.setdefault(area_id, []).append(slug)
    return [
        KnownVillage(
            id=area.id,
            name=area.name,
            slug=area.slug,
            population=area.population,
            postcodes=tuple(area.postcodes.split()),
            aliases=tuple(sorted(aliases.get(area.id, []))),
            retired=area.retired_at is not None,
        )
        for area in all_villages()
        if area.id != leave_out
    ]


def overview() -> list[VillageRow]:
    """Every village with its number of ballots (stored and archived) and earlier names."""
    counts: dict[int | None, int] = dict(
        db.session.execute(select(Ballot.area_id, func.count()).group_by(Ballot.area_id)).all()
    )
    archived = select(ArchivedCount.area_id, func.sum(ArchivedCount.count)).where(
        ArchivedCount.theme_id.is_(None)
    )
    for area_id, count in db.session.execute(archived.group_by(ArchivedCount.area_id)):
        counts[area_id] = counts.get(area_id, 0) + int(count or 0)
    aliases: dict[int, list[str]] = {}
    for slug, area_id in db.session.execute(select(AreaSlugAlias.slug, AreaSlugAlias.area_id)):
        aliases.setdefault(area_id, []).append(slug)
    return [
        VillageRow(area, counts.get(area.id, 0), sorted(aliases.get(area.id, [])))
        for area in all_villages()
    ]


def aliases_of(area: Area) -> list[str]:
    """The village's earlier short names, which links and QR codes may still carry."""
    found = select(AreaSlugAlias.slug).where(AreaSlugAlias.area_id == area.id)
    return sorted(db.session.scalars(found))


def _checked(given: VillageInput, own_id: int | None) -> VillageFields:
    """The fields, or VillageRefused with every problem at once: a clash with another
    village is reported also when another field cannot be read yet."""
    fields, problems = read_fields(given.name, given.slug, given.population, given.postcodes)
    readable = fields
    for postcodes in (given.postcodes, "") if fields is None else ():
        readable = readable or read_fields(given.name, given.slug, "", postcodes)[0]
    if readable is not None:
        bad = {problem.field for problem in problems}
        clashes = conflicts(readable, known_villages(), own_id)
        problems = problems + [clash for clash in clashes if clash.field not in bad]
    if problems or fields is None:
        log.info("village refused: %s", sorted({p.kind.value for p in problems}))
        raise VillageRefused(problems)
    return fields


def municipality() -> Area | None:
    """The municipality a new village belongs to, when exactly one is stored."""
    found = list(db.session.scalars(select(Area).where(Area.kind == "municipality").limit(2)))
    return found[0] if len(found) == 1 else None


def create(given: VillageInput, actor: StaffUser | None) -> Area:
    """A new village; VillageRefused when a field breaks a rule or another village has it."""
    fields = _checked(given, None)
    area = Area(
        kind=VILLAGE,
        name=fields.name,
        slug=fields.slug,
        population=fields.population,
        postcodes=" ".join(fields.postcodes),
        parent=municipality(),
    )
    db.session.add(area)
    flush_or_refuse()
    audit.record(actor, "area.create", area.slug, describe(None, fields))
    db.session.commit()
    return area


def update(area: Area, given: VillageInput, actor: StaffUser | None) -> None:
    """Change a village's fields. A new short name keeps the old one as an earlier short name,
    so printed QR codes with ?dorp=<old> still choose this village."""
    fields = _checked(given, area.id)
    apply_fields(area, fields, actor)
    flush_or_refuse()
    db.session.commit()
    voting.forget_rules()  # the ballot's cached village slugs of this worker


def apply_fields(area: Area, fields: VillageFields, actor: StaffUser | None) -> None:
    """Set the fields on the village and audit them (area.rename for a new name or short
    name, area.update for residents and postcodes); the caller commits."""
    before = _fields_of(area)
    if (fields.name, fields.slug) != (area.name, area.slug):
        old_slug = area.slug
        _take_slug(area, fields.slug)
        area.name = fields.name
        audit.record(actor, "area.rename", area.slug, describe(before, fields, ("name", "slug")))
        log.info("village %s renamed (short name %s → %s)", area.id, old_slug, area.slug)
    if (fields.population, fields.postcodes) != (before.population, before.postcodes):
        area.population, area.postcodes = fields.population, " ".join(fields.postcodes)
        audit.record(
            actor, "area.update", area.slug, describe(before, fields, ("population", "postcodes"))
        )


def _take_slug(area: Area, slug: str) -> None:
    """Give the village a new short name and keep the old one as an alias (taking back an
    earlier short name of its own removes that alias)."""
    if slug == area.slug:
        return
    own = db.session.scalar(select(AreaSlugAlias).where(AreaSlugAlias.slug == slug))
    if own is not None:
        db.session.delete(own)
        db.session.flush()
    db.session.add(AreaSlugAlias(slug=area.slug, area_id=area.id))
    area.slug = slug


def flush_or_refuse() -> None:
    """Flush; a short name another request took meanwhile is refused, not a 500."""
    try:
        db.session.flush()
    except IntegrityError as clash:
        db.session.rollback()
        log.info("village refused: the database found a clash")
        raise VillageRefused([Problem("slug", VillageProblem.SLUG_TAKEN)]) from clash


def _fields_of(area: Area) -> VillageFields:
    return VillageFields(area.name, area.slug, area.population, tuple(area.postcodes.split()))


def describe(
    before: VillageFields | None, after: VillageFields, names: tuple[str, ...] = ()
) -> str:
    """'name: 'A' → 'B'; …' for the audit log (a new village lists every field)."""
    names = names or ("name", "slug", "population", "postcodes")
    old = {n: getattr(before, n) for n in names} if before else {}
    new = {n: getattr(after, n) for n in names}
    for values in (old, new):
        if "postcodes" in values:
            values["postcodes"] = " ".join(values["postcodes"])
    return audit.describe_changes(old, new)


def retire(area: Area, actor: StaffUser) -> None:
    """No longer offered for new campaigns; it stays in every campaign that has it."""
    if area.retired_at is None:
        area.retired_at = utcnow()
        audit.record(actor, "area.retire", area.slug, area.name)
        db.session.commit()


def reactivate(area: Area, actor: StaffUser) -> None:
    if area.retired_at is not None:
        area.retired_at = None
        audit.record(actor, "area.reactivate", area.slug, area.name)
        db.session.commit()


def save_details(changes: dict[Area, VillageDetails], actor: StaffUser) -> None:
    """Save every village's details at once, or none if a postcode would map to two villages."""
    others = {
        area.name: area.postcodes.split()
        for area in all_villages()
        if area not in changes and area.postcodes
    }
    given = {area.name: details.postcodes for area, details in changes.items()}
    shared = shared_postcodes({**others, **given})
    if shared:
        raise PostcodesShared(shared)
    for area, details in changes.items():
        before = (area.population, area.postcodes)
        area.population, area.postcodes = details.population, " ".join(details.postcodes)
        if before != (area.population, area.postcodes):
            audit.record(
                actor,
                "area.update",
                area.slug,
                f"population {before[0]} → {area.population}; "
                f"postcodes {before[1]!r} → {area.postcodes!r}",
            )
    db.session.commit()
