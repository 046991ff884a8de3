"""All of one municipality's data as a zip: contract files, every row it owns, a manifest."""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import uuid
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from importlib import metadata
from io import BytesIO
from typing import Any

from sqlalchemy import Table, inspect, select, text

from participation.domain.document_data import BallotRow, CampaignDocument
from participation.domain.outcome_data import OutcomeData
from participation.domain.result_data import CampaignResults
from participation.extensions import db
from participation.models import Campaign, Municipality, Outcome, StaffMembership, StaffUser, Survey
from participation.services.municipality_data.tables import LEFT_OUT, OWNER, tenant_tables
from participation.services.outcome import outcome
from participation.services.results import documents
from participation.services.results.counting import campaign_results
from participation.services.surveys import survey_results
from participation.tenancy import ACROSS_MUNICIPALITIES, acting_for
from participation.timeutil import utcnow

log = logging.getLogger(__name__)

FORMAT = "participation-municipality-export/1"
ACROSS = {ACROSS_MUNICIPALITIES: True}
# Every member of the zip carries this date, so its bytes depend on the data alone.
STEADY_TIME = (1980, 1, 1, 0, 0, 0)

# What the view or chore hands in to turn one campaign into its contract files (services do
# not import renderers): renderers.municipality_export.campaign_files. Each file is (name,
# bytes, data rows or None).
CampaignFiles = Callable[
    [CampaignResults, CampaignDocument, Callable[[], Iterator[BallotRow]], OutcomeData | None],
    list[tuple[str, bytes, int | None]],
]

NOTES = {
    "tables": "tables/<table>.json: every row of every table with a municipality_id, "
    "ordered by primary key; columns as in the database",
    "bytes": "binary values (the logo) as base64 text",
    "times": "times in UTC, ISO 8601, without a zone, as stored",
    "staff": "staff.json: the logins with a membership here (e-mail, display name, role); "
    "never a password hash",
    "campaigns": "campaigns/<slug>/: the contract exports (DESIGN.md): results.json as "
    "/api/v1/campaigns/<slug>/results, tallies.csv, stemmen.csv, uitslag.xlsx, and "
    "outcome.json once there is an outcome",
    "surveys": "surveys/<slug>/: results.json as /api/v1/surveys/<slug>/results, and "
    "resultaten.csv",
    "rows": "data rows per file: table rows, CSV records; null for workbooks and documents",
}


class UnknownMunicipality(LookupError):
    """No municipality has this id."""


@dataclass(frozen=True, order=True)
class ExportFile:
    name: str
    data: bytes
    rows: int | None
    columns: tuple[str, ...] | None = None

    def listed(self) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "name": self.name,
            "sha256": hashlib.sha256(self.data).hexdigest(),
            "bytes": len(self.data),
            "rows": self.rows,
        }
        if self.columns is not None:
            entry["columns"] = list(self.columns)
        return entry


def export_zip(
    municipality_id: int, campaign_files: CampaignFiles, made_at: datetime | None = None
) -> bytes:
    """The municipality's data as a zip, the same bytes for the same data but for the
    manifest's "made_at". Only reads, and only while working for that municipality (so on
    PostgreSQL its row-level security holds too)."""
    with acting_for(municipality_id):
        row = db.session.scalar(
            select(Municipality)
            .where(Municipality.id == municipality_id)
            .execution_options(**ACROSS)
        )
        if row is None:
            raise UnknownMunicipality(municipality_id)
        files = [_municipality_file(municipality_id), _staff_file(municipality_id)]
        files += [
            _table_file(t, municipality_id) for t in tenant_tables() if t.name not in LEFT_OUT
        ]
        files += _campaign_files(campaign_files)
        files += _survey_files()
        manifest = _manifest(row, sorted(files), made_at or utcnow())
        log.info("municipality %s exported (%d files)", row.slug, len(files))
        return _zipped([manifest, *sorted(files)])


def _zipped(files: list[ExportFile]) -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for each in files:
            info = zipfile.ZipInfo(each.name, date_time=STEADY_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, each.data)
    return buffer.getvalue()


def _manifest(row: Municipality, files: list[ExportFile], made_at: datetime) -> ExportFile:
    shown = {
        "format": FORMAT,
        "municipality": {"id": row.id, "slug": row.slug, "name": row.name},
        "made_at": made_at.replace(microsecond=0).isoformat() + "Z",
        "app_version": _app_version(),
        "alembic_revision": _revision(),
        "notes": NOTES,
        "left_out": {
            **{f"tables/{name}.json": why for name, why in LEFT_OUT.items()},
            "staff_user.password_hash": "never exported",
        },
        "files": [each.listed() for each in files],
    }
    return ExportFile("manifest.json", _json(shown), None)


def _app_version() -> str:
    try:
        return metadata.version("participation")
    except metadata.PackageNotFoundError:
        return "unknown"


def _revision() -> str | None:
    """The database's migration (alembic) revision; None on a database made without them."""
    if not inspect(db.session.connection()).has_table("alembic_version"):
        return None
    found = db.session.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    return " ".join(sorted(found)) or None


def _json(data: Any, sort_keys: bool = False) -> bytes:
    """Indented UTF-8 JSON; contract documents with sorted keys, as the API answers them."""
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=sort_keys) + "\n").encode()


def _plain(value: Any) -> Any:
    """A stored value as JSON can hold it."""
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, uuid.UUID | Decimal):
        return str(value)
    return value


def _rows_json(rows: Sequence[Mapping[str, Any]]) -> bytes:
    """A JSON list with one row per line (pandas.read_json reads it; a diff shows rows)."""
    lines = [json.dumps({k: _plain(v) for k, v in r.items()}, ensure_ascii=False) for r in rows]
    return ("[\n" + ",\n".join(lines) + "\n]\n" if lines else "[]\n").encode()


def _table_file(table: Table, municipality_id: int) -> ExportFile:
    statement = (
        select(table).where(table.c[OWNER] == municipality_id).order_by(*table.primary_key.columns)
    )
    rows = [dict(r) for r in db.session.execute(statement).mappings()]
    columns = tuple(column.name for column in table.c)
    return ExportFile(f"tables/{table.name}.json", _rows_json(rows), len(rows), columns)


def _municipality_file(municipality_id: int) -> ExportFile:
    table = Municipality.__table__
    statement = select(table).where(table.c.id == municipality_id)
    found = dict(db.session.execute(statement.execution_options(**ACROSS)).mappings().one())
    shown = {key: _plain(value) for key, value in found.items()}
    return ExportFile("municipality.json", _json(shown), 1, tuple(shown))


def _staff_file(municipality_id: int) -> ExportFile:
    """The logins with a membership here: who they are and their role, no password hash."""
    statement = (
        select(
            StaffUser.id,
            StaffUser.email,
            StaffUser.display_name,
            StaffMembership.role,
            StaffUser.active,
            StaffUser.invite_pending,
        )
        .join(StaffMembership, StaffMembership.user_id == StaffUser.id)
        .where(StaffMembership.municipality_id == municipality_id)
        .order_by(StaffUser.email, StaffUser.id)
    )
    rows = [dict(r) for r in db.session.execute(statement).mappings()]
    return ExportFile("staff.json", _rows_json(rows), len(rows), tuple(rows[0]) if rows else None)


def _campaign_files(render: CampaignFiles) -> list[ExportFile]:
    found = []
    for campaign in db.session.scalars(select(Campaign).order_by(Campaign.slug)).all():
        results = campaign_results(campaign)
        document = documents.campaign_document(campaign, results)
        decided = _outcome(campaign)

        def ballots(results: CampaignResults = results) -> Iterator[BallotRow]:
            return documents.ballot_rows(results)

        for name, data, rows in render(results, document, ballots, decided):
            found.append(ExportFile(f"campaigns/{campaign.slug}/{name}", data, rows))
    return found


def _outcome(campaign: Campaign) -> OutcomeData | None:
    """The outcome as its JSON shows it (staff's view, before publication too), once one
    was saved; None before."""
    saved = db.session.scalar(select(Outcome.campaign_id).where(Outcome.campaign_id == campaign.id))
    if saved is None:
        return None
    return outcome.outcome_data(outcome.gather(campaign, public=True))


def _survey_files() -> list[ExportFile]:
    found = []
    for survey in db.session.scalars(select(Survey).order_by(Survey.slug)).all():
        results = survey_results.survey_results(survey)
        listed = _json(survey_results.results_json(results), sort_keys=True)
        table = survey_results.results_csv(results).encode()
        records = len(survey_results.result_rows(results))
        found += [
            ExportFile(f"surveys/{survey.slug}/results.json", listed, None),
            ExportFile(f"surveys/{survey.slug}/resultaten.csv", table, records),
        ]
    return found
