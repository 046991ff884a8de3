"""The install's municipalities: which one a host name serves, and making a new one."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from sqlalchemy import select

from participation import row_security
from participation.domain.refusals import Refused
from participation.extensions import db
from participation.models import Municipality, Region, StaffMembership, StaffRole, StaffUser
from participation.services import audit
from participation.tenancy import ACROSS_MUNICIPALITIES, acting_for

ACROSS = {ACROSS_MUNICIPALITIES: True}
SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$")
HOST = re.compile(r"^(?=.{1,253}$)[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$")


def host_names(row: Municipality | Region) -> set[str]:
    """The host names that serve this municipality: its public address's and the aliases."""
    names = {name.lower() for name in row.hosts.split()}
    public = urlsplit(row.public_url).hostname if row.public_url else None
    if public:
        names.add(public.lower())
    return names


@dataclass(frozen=True)
class HostMap:
    """Which municipality each host name serves; `only` when the install has just one."""

    by_host: dict[str, int]
    only: int | None
    # Each municipality's short name, for log lines (participation.log_privacy).
    slugs: dict[int, str] = field(default_factory=dict)
    # Regions (issue 30): which region each host name serves, each municipality's region,
    # each region's municipalities, and (region, municipality slug) -> municipality for the
    # region host's /<slug>/ paths.
    regions_by_host: dict[str, int] = field(default_factory=dict)
    region_of: dict[int, int] = field(default_factory=dict)
    members: dict[int, frozenset[int]] = field(default_factory=dict)
    in_region: dict[tuple[int, str], int] = field(default_factory=dict)

    def region_for_host(self, host: str) -> int | None:
        """The region whose host this is (port ignored), or None."""
        if not self.regions_by_host:
            return None
        return self.regions_by_host.get(_bare(host))

    def for_host(self, host: str) -> int | None:
        """The municipality this Host header names (port ignored), or None.

        One municipality serves every host, as before there were several; with more, only
        the host names given to each (an unknown host then gets a plain 404, never somebody's
        data).
        """
        if self.only is not None:
            return self.only
        return self.by_host.get(_bare(host))


def _bare(host: str) -> str:
    name = host.rpartition(":")[0] if host.count(":") == 1 else host
    return name.strip("[]").lower()


def host_map() -> HostMap:
    rows = db.session.scalars(select(Municipality).execution_options(**ACROSS)).all()
    regions = db.session.scalars(select(Region)).all()
    by_host = {name: row.id for row in rows for name in host_names(row)}
    slugs = {row.id: row.slug for row in rows}
    region_of = {row.id: row.region_id for row in rows if row.region_id is not None}
    members = {
        region.id: frozenset(m for m, r in region_of.items() if r == region.id)
        for region in regions
    }
    return HostMap(
        by_host,
        rows[0].id if len(rows) == 1 else None,
        slugs,
        regions_by_host={name: region.id for region in regions for name in host_names(region)},
        region_of=region_of,
        members=members,
        in_region={(region_of[row.id], row.slug): row.id for row in rows if row.id in region_of},
    )


def all_municipalities() -> list[Municipality]:
    """Every municipality of the install, by name (install work only)."""
    statement = select(Municipality).order_by(Municipality.name)
    return list(db.session.scalars(statement.execution_options(**ACROSS)))


def by_slug(slug: str) -> Municipality | None:
    statement = select(Municipality).where(Municipality.slug == slug)
    return db.session.scalar(statement.execution_options(**ACROSS))


@dataclass(frozen=True)
class NewMunicipality:
    name: str
    slug: str
    public_url: str
    population: int | None = None
    hosts: str = ""


class MunicipalityRefused(Refused):
    """problems: short Dutch-translatable keys (see MUNICIPALITY_PROBLEMS in the views)."""


def check(given: NewMunicipality) -> list[str]:
    """What is wrong with a new municipality's details (empty: nothing)."""
    problems = []
    if not given.name.strip():
        problems.append("name")
    if not SLUG.match(given.slug):
        problems.append("slug")
    elif by_slug(given.slug) is not None:
        problems.append("slug_taken")
    problems += address_problems(given.public_url, given.hosts)
    if given.population is not None and not 0 < given.population < 10_000_000:
        problems.append("population")
    if not problems and any(not host_names(row) for row in all_municipalities()):
        # The one municipality served every host; with a second, it needs its own address.
        problems.append("first_has_no_address")
    return problems


def create(given: NewMunicipality, actor: StaffUser | None, admin: StaffUser | None) -> int:
    """Add a municipality (with `admin` as its first admin); returns its id. Refused as a whole
    when anything is wrong."""
    problems = check(given)
    if problems:
        raise MunicipalityRefused(problems)
    row = Municipality(
        name=given.name.strip(),
        slug=given.slug,
        public_url=given.public_url.rstrip("/"),
        hosts=" ".join(alias.lower() for alias in given.hosts.split()),
        population=given.population,
        version=0,
    )
    db.session.add(row)
    db.session.flush()
    with acting_for(row.id):
        if admin is not None:
            db.session.add(
                StaffMembership(
                    user_id=admin.id, role=StaffRole.ADMIN.value, municipality_id=row.id
                )
            )
        audit.record(actor, "municipality.create", f"{row.slug}: {row.name}")
        db.session.commit()
    return row.id


def _hosts_in_use(leaving_out: int | None = None) -> set[str]:
    """Every host name a municipality (but `leaving_out`) or a region already answers on."""
    rows: list[Municipality | Region] = [
        row for row in all_municipalities() if row.id != leaving_out
    ]
    rows += db.session.scalars(select(Region)).all()
    return set().union(*(host_names(row) for row in rows))


def address_problems(public_url: str, hosts: str, leaving_out: int | None = None) -> list[str]:
    """What is wrong with a public address and further host names (empty: nothing); the
    names of municipality `leaving_out` may be given to it again."""
    problems = []
    in_use = _hosts_in_use(leaving_out)
    parts = urlsplit(public_url)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path not in ("", "/"):
        problems.append("public_url")
    elif parts.hostname.lower() in in_use:
        problems.append("host_taken")
    if any(not HOST.match(alias.lower()) for alias in hosts.split()):
        problems.append("hosts")
    elif {alias.lower() for alias in hosts.split()} & in_use:
        problems.append("host_taken")
    return list(dict.fromkeys(problems))


def set_address(slug: str, public_url: str, hosts: str, actor: StaffUser | None) -> None:
    """Give an existing municipality its public address (print, QR codes, mail) and host
    names, e.g. the first one before a second joins. Refused as a whole when anything is
    wrong."""
    row = by_slug(slug)
    if row is None:
        raise MunicipalityRefused(["unknown"])
    problems = address_problems(public_url, hosts, leaving_out=row.id)
    if problems:
        raise MunicipalityRefused(problems)
    row.public_url = public_url.rstrip("/")
    row.hosts = " ".join(alias.lower() for alias in hosts.split())
    row.version += 1
    with acting_for(row.id):
        audit.record(actor, "municipality.address", row.slug, f"{row.public_url} {row.hosts}")
        db.session.commit()


def memberships_of(user_id: int) -> list[Municipality]:
    """The municipalities a login holds a membership in (its own, across the install)."""
    row_security.let_login_read_its_memberships(db.session, user_id)
    statement = (
        select(Municipality)
        .join(StaffMembership, StaffMembership.municipality_id == Municipality.id)
        .where(StaffMembership.user_id == user_id)
        .order_by(Municipality.name)
    )
    return list(db.session.scalars(statement.execution_options(**ACROSS)))


def own_address(row: Municipality | Region, scheme: str, port: str) -> str:
    """A municipality's or region's address without a trailing slash: its public address,
    else its first host name on this server's scheme and port (a local demo); "" without."""
    if row.public_url:
        return row.public_url.rstrip("/")
    names = row.hosts.split()
    return f"{scheme}://{names[0]}{port}" if names else ""


def staff_address(row: Municipality, scheme: str, port: str) -> str | None:
    """Where this municipality's staff pages are (own_address); None without an address."""
    address = own_address(row, scheme, port)
    return address + "/staff/" if address else None
