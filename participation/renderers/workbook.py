"""The Excel workbook for analysts, and the anonymised ballots, written as a stream.

openpyxl's write-only mode writes rows to a temporary file as they come, so a million
ballots cost disk, not memory. The data comes from services.results.documents: a
CampaignDocument, and the ballots as a stream of plain rows.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Iterable, Iterator
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from participation.domain.vocabulary import CHANNEL_NAMES, TRUST_NAMES
from participation.renderers.safe_cells import (
    PLAIN,
    CsvDialect,
    SafeCsvWriter,
    append_row,
    text_cell,
)
from participation.services.results.documents import CampaignDocument
from participation.services.results.results import CampaignResults
from participation.services.surveys import survey_results

# A ballot as services.results.documents.ballot_rows gives it.
BallotRow = tuple[str, str, str, date, int]
METHOD = [
    "Aandeel = stemmen voor het thema ÷ aantal stemmers in die groep. Iedereen koos meerdere "
    "thema's, dus de aandelen tellen op tot veel meer dan 100%.",
    "Rangorde: op aantal stemmen; gelijke aantallen delen een plaats (1, 2, 2, 4).",
    "Marge: 95%-betrouwbaarheidsinterval volgens Wilson.",
    "Groepen met minder dan 30 stemmen zijn onzeker; zie de kolom 'kleine groep'.",
    "Papier: tellingen van stands, door twee medewerkers gelijk ingevoerd; kanaal 'papier'.",
    "Stemmen die medewerkers met een reden hebben uitgesloten, tellen niet mee.",
]


def header_row(sheet: WriteOnlyWorksheet, *titles: str) -> None:
    """A bold header; theme titles among the titles are typed by staff, so kept as text."""
    cells = []
    for title in titles:
        cell = text_cell(sheet, title)
        cell.font = Font(bold=True)
        cells.append(cell)
    sheet.append(cells)


def _totals(book: Workbook, results: CampaignResults) -> None:
    sheet = book.create_sheet("Totaal")
    sheet.freeze_panes = "A2"
    columns = ["plaats", "thema", "stemmen", "stemmers", "aandeel", "marge laag", "marge hoog"]
    weighted = results.weighted
    if weighted:
        columns.append("gewogen aandeel")
    header_row(sheet, *columns)
    for row in results.total.themes:
        values = [row.rank, row.theme.title, row.votes, results.total.ballots]
        values += [round(row.share, 4), round(row.low, 4), round(row.high, 4)]
        if weighted:
            values.append(round(weighted.shares[row.theme.id], 4))
        append_row(sheet, values)


def _villages(book: Workbook, results: CampaignResults) -> None:
    sheet = book.create_sheet("Per dorp")
    sheet.freeze_panes = "A2"
    header_row(
        sheet,
        "dorp",
        "plaats",
        "thema",
        "stemmen",
        "stemmers",
        "aandeel",
        "marge laag",
        "marge hoog",
        "kleine groep",
    )
    for village in results.villages:
        for row in village.tally.themes:
            append_row(
                sheet,
                [
                    village.name,
                    row.rank,
                    row.theme.title,
                    row.votes,
                    village.tally.ballots,
                    round(row.share, 4),
                    round(row.low, 4),
                    round(row.high, 4),
                    "ja" if village.tally.small else "nee",
                ],
            )


def _channels(book: Workbook, document: CampaignDocument) -> None:
    results = document.results
    sheet = book.create_sheet("Per kanaal")
    themes = [row.theme for row in sorted(results.total.themes, key=lambda r: r.theme.position)]
    header_row(sheet, "dorp", "kanaal", "stemmers", *(theme.title for theme in themes))
    groups = [(v.name, v.channels) for v in results.villages] + [("Totaal", results.channels)]
    for name, channels in groups:
        for channel, count in sorted(channels.items()):
            votes = [count.votes.get(theme.id, 0) for theme in themes]
            append_row(sheet, [name, CHANNEL_NAMES.get(channel, channel), count.ballots, *votes])
    append_row(sheet, [])
    header_row(sheet, "dorp", "betrouwbaarheid", "stemmers")
    for name, trust in [(v.name, v.trust) for v in results.villages] + [("Totaal", results.trust)]:
        for level, count in sorted(trust.items()):
            append_row(sheet, [name, TRUST_NAMES.get(level, level), count.ballots])
    append_row(sheet, [])
    header_row(sheet, "kanaal", "bron (QR-poster, flyer, banner)", "stemmers")
    for channel, source, ballots in document.sources:
        append_row(sheet, [CHANNEL_NAMES.get(channel, channel), source or "", ballots])


def _remarks(book: Workbook, document: CampaignDocument) -> None:
    sheet = book.create_sheet("Opmerkingen")
    header_row(sheet, "dorp", "datum", "opmerking", "thema's")
    for remark in document.remarks:
        append_row(sheet, [remark.village, remark.day, remark.text, ", ".join(remark.themes)])


def _associations(book: Workbook, document: CampaignDocument) -> None:
    """Every version of every association's view; the current one is marked. Only if any."""
    if not document.view_history:
        return
    sheet = book.create_sheet("Dorpsbelangen")
    header_row(
        sheet,
        "dorp",
        "dorpsbelang",
        "versie",
        "huidig",
        "datum",
        "plaats",
        "thema",
        "reden",
        "opmerkingen",
    )
    for row in document.view_history:
        append_row(
            sheet,
            [
                row.village,
                row.association,
                row.version,
                "ja" if row.current else "nee",
                row.day,
                row.rank,
                row.theme,
                row.reason,
                row.remarks,
            ],
        )


def _surveys(book: Workbook, document: CampaignDocument) -> None:
    """One sheet per survey of the campaign: every question's base, counts and percentages."""
    for index, outcome in enumerate(document.surveys, start=1):
        sheet = book.create_sheet(f"Vragenlijst {index}")
        append_row(sheet, [outcome.survey.title])
        header_row(sheet, "vraag", "soort", "basis", "antwoord", "aantal", "procent")
        for row in survey_results.result_rows(outcome):
            append_row(sheet, list(row[1:]))


def _method(book: Workbook, results: CampaignResults) -> None:
    sheet = book.create_sheet("Toelichting")
    append_row(sheet, [results.campaign.title])
    append_row(sheet, [f"Stemmers: {results.total.ballots}"])
    if results.excluded:
        append_row(sheet, [f"Uitgesloten door medewerkers: {results.excluded}"])
    for line in METHOD:
        append_row(sheet, [line])


def _ballot_cells(results: CampaignResults, rows: Iterable[BallotRow]) -> Iterator[list[object]]:
    """Village, channel, trust level, date, and 0/1 per theme in ballot order."""
    themes = sorted(results.campaign.themes, key=lambda theme: theme.position)
    for village, channel, trust, day, mask in rows:
        yield [
            village,
            CHANNEL_NAMES.get(channel, channel),
            TRUST_NAMES.get(trust, trust),
            day,
            *(mask >> theme.bit & 1 for theme in themes),
        ]


def ballot_header(results: CampaignResults) -> list[str]:
    themes = sorted(results.campaign.themes, key=lambda theme: theme.position)
    return ["dorp", "kanaal", "betrouwbaarheid", "datum", *(theme.title for theme in themes)]


def _ballots(book: Workbook, results: CampaignResults, rows: Iterable[BallotRow]) -> None:
    sheet = book.create_sheet("Stemmen")
    sheet.freeze_panes = "A2"
    header_row(sheet, *ballot_header(results))
    for cells in _ballot_cells(results, rows):
        append_row(sheet, cells)


def workbook(
    document: CampaignDocument, ballots: Iterable[BallotRow] | None = None
) -> Iterator[bytes]:
    """The workbook as chunks of bytes: total, villages, channels, [ballots,] remarks, method."""
    results = document.results
    book = Workbook(write_only=True)
    _totals(book, results)
    _villages(book, results)
    _channels(book, document)
    if ballots is not None:
        _ballots(book, results, ballots)
    _remarks(book, document)
    _associations(book, document)
    _surveys(book, document)
    _method(book, results)
    with tempfile.TemporaryFile() as spool:
        book.save(spool)
        spool.seek(0)
        while chunk := spool.read(256 * 1024):
            yield chunk


def ballots_csv(
    results: CampaignResults, rows: Iterable[BallotRow], dialect: CsvDialect = PLAIN
) -> Iterator[str]:
    """The anonymised ballots as CSV text, produced row by row."""
    buffer = io.StringIO()
    writer = SafeCsvWriter(buffer, dialect)
    writer.writerow(ballot_header(results))
    for cells in _ballot_cells(results, rows):
        writer.writerow(cells)
        if buffer.tell() > 64 * 1024:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
