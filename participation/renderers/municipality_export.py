"""One campaign's contract files for a municipality's export zip, each the same every time."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from participation.domain.document_data import BallotRow, CampaignDocument
from participation.domain.outcome_data import OutcomeData
from participation.domain.result_data import CampaignResults
from participation.renderers import exports, workbook

# (name inside the campaign's folder, bytes, data rows: CSV records, None for the others)
ContractFile = tuple[str, bytes, int | None]

# The earliest time a zip can carry: a file's bytes then depend on its content alone.
STEADY_TIME = (1980, 1, 1, 0, 0, 0)
# openpyxl writes the moment of saving into the workbook's properties; the manifest of the
# export says when it was made, so the workbook says nothing of it.
_SAVED_AT = re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>")


def contract_json(data: Any) -> bytes:
    """JSON as the export writes it: sorted keys (as the API answers), indented, UTF-8."""
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def _records(text: str) -> int:
    """The data rows of a CSV text (its header not counted)."""
    return max(sum(1 for _ in csv.reader(io.StringIO(text))) - 1, 0)


def steady_workbook(chunks: Iterable[bytes]) -> bytes:
    """The workbook with its members dated STEADY_TIME and no save time in its properties."""
    made = io.BytesIO(b"".join(chunks))
    steady = io.BytesIO()
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(steady, "w") as target:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "docProps/core.xml":
                data = _SAVED_AT.sub(b"", data)
            info = zipfile.ZipInfo(member.filename, date_time=STEADY_TIME)
            info.compress_type = member.compress_type
            info.external_attr = member.external_attr
            target.writestr(info, data)
    return steady.getvalue()


def campaign_files(
    results: CampaignResults,
    document: CampaignDocument,
    ballots: Callable[[], Iterator[BallotRow]],
    outcome: OutcomeData | None,
) -> list[ContractFile]:
    """The campaign as staff download it (DESIGN.md's contracts): the results JSON, the
    tallies CSV, the anonymised ballots CSV, the full workbook (uitslag.xlsx) and, once it
    has one, the outcome JSON. `ballots` reads the ballot rows afresh for each file."""
    tallies = exports.tallies_csv(results)
    ballot_text = "".join(workbook.ballots_csv(results, ballots()))
    files: list[ContractFile] = [
        ("results.json", contract_json(exports.results_json(results)), None),
        ("tallies.csv", tallies.encode(), _records(tallies)),
        ("stemmen.csv", ballot_text.encode(), _records(ballot_text)),
        ("uitslag.xlsx", steady_workbook(workbook.workbook(document, ballots())), None),
    ]
    if outcome is not None:
        files.append(("outcome.json", contract_json(exports.outcome_json(outcome)), None))
    return files
