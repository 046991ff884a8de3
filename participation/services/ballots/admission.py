"""Who may cast one more ballot: a phone within its allowance, or an unspent voting code.

Both checks run inside the ballot's own transaction, so two submissions at once cannot both
pass on the same phone or the same code.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from sqlalchemy import Connection, Table, Update, bindparam, false, true, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Dialect

from participation import tenancy
from participation.domain.vocabulary import TrustLevel
from participation.models import DeviceTally, RegionalDeviceTally, VotingCode
from participation.services.ballots import prepared


class Refused(Exception):
    """This ballot may not be cast; nothing may be stored."""


@dataclass
class DeviceLimitReached(Refused):
    """The phone already cast the ballots the campaign allows."""

    allowance: int


class CodeRefused(Refused):
    """The voting code is unknown, already used, or not a code at all."""


@dataclass(frozen=True)
class Admission:
    trust_level: TrustLevel
    device_seq: int | None = None


def admit(
    connection: Connection,
    campaign_id: int,
    allowance: int,
    device_hash: str | None,
    code: str | None,
    trust_level: TrustLevel,
    regional: tuple[int, str] | None = None,
) -> Admission:
    """Spend the code, or count the phone; a code lets a household share a phone.

    `regional`: for a campaign adopted from a regional campaign, its id and the phone's key
    there. The phone is then counted in the region too (one extra statement), so it votes
    within its allowance once in the region, whichever municipality's poster it came from.
    """
    if code is not None:
        spent = connection.execute(_SPEND_CODE, {"for_campaign": campaign_id, "typed": code})
        if spent.rowcount != 1:
            raise CodeRefused
        return Admission(TrustLevel.CODE)
    if device_hash is None:
        return Admission(trust_level)
    values = {
        "campaign_id": campaign_id,
        "device_hash": device_hash,
        "ballots": 1,
        "municipality_id": tenancy.current_id(),
    }
    (seq,) = prepared.execute(connection, _count_device(connection.dialect), values)
    if regional is not None:
        across = {
            "regional_campaign_id": regional[0],
            "device_hash": regional[1],
            "ballots": 1,
            "region_id": tenancy.current_region_id(),
        }
        (in_region,) = prepared.execute(connection, _count_regional(connection.dialect), across)
        seq = max(seq, in_region)  # the phone's n-th ballot in the regional campaign
    if seq > allowance:
        raise DeviceLimitReached(allowance)
    return Admission(trust_level, seq)


_SPEND_CODE: Update = (
    update(VotingCode)
    .where(
        VotingCode.campaign_id == bindparam("for_campaign"),
        VotingCode.code == bindparam("typed"),
        VotingCode.used == false(),
    )
    .values(used=true())
)


@functools.cache
def _count_device(dialect: Dialect) -> prepared.Prepared:
    """INSERT … ON CONFLICT DO UPDATE ballots + 1 RETURNING ballots: one atomic count per phone,
    compiled once for this database (services.ballots.prepared)."""
    keys = ("campaign_id", "device_hash", "ballots", "municipality_id")
    return _upsert_count(dialect, DeviceTally.__table__, keys)


@functools.cache
def _count_regional(dialect: Dialect) -> prepared.Prepared:
    """The same count per phone across a regional campaign (issue 30)."""
    keys = ("regional_campaign_id", "device_hash", "ballots", "region_id")
    return _upsert_count(dialect, RegionalDeviceTally.__table__, keys)


def _upsert_count(dialect: Dialect, table: object, keys: tuple[str, ...]) -> prepared.Prepared:
    insert = postgresql.insert if dialect.name == "postgresql" else sqlite.insert
    assert isinstance(table, Table)  # declarative models map plain Tables (typed FromClause)
    statement = (
        insert(table)
        .on_conflict_do_update(index_elements=list(keys[:2]), set_={"ballots": table.c.ballots + 1})
        .returning(table.c.ballots)
    )
    return prepared.prepare(statement, dialect, keys)
