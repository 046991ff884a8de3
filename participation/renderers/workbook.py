"""The Excel workbook for analysts, and the anonymised ballots, written as a stream.

openpyxl's write-only mode writes rows to a temporary file as they come, so a million
ballots cost disk, not memory. The ballots are read from the database in chunks.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Iterator

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from sqlalchemy import select

from participation.extensions import db
from participation.models import Area, Ballot, Remark, Stand, Survey
from participation.renderers.labels import CHANNEL_NAMES, TRUST_NAMES
from participation.renderers.safe_cells import SafeCsvWriter, append_row, text_cell
from participation.services.ballots.voting import ELSEWHERE
from participation.services.campaigns import associations
from participation.services.results.results import CampaignResults, ballots_by_source
from participation.services.surveys import survey_results
from participation.timeutil import utc_to_local

CHUNK = 5_000
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


def _channels(book: Workbook, results: CampaignResults) -> None:
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
    for channel, source, ballots in ballots_by_source(results.campaign):
        append_row(sheet, [CHANNEL_NAMES.get(channel, channel), source or "", ballots])


def _remarks(book: Workbook, results: CampaignResults) -> None:
    sheet = book.create_sheet("Opmerkingen")
    header_row(sheet, "dorp", "datum", "opmerking", "thema's")
    remarks = db.session.execute(
        select(Remark, Area.name)
        .join(Stand, Stand.id == Remark.stand_id)
        .join(Area, Area.id == Stand.area_id)
        .where(Stand.campaign_id == results.campaign.id)
        .order_by(Remark.created_at)
    )
    for remark, village in remarks:
        append_row(
            sheet,
            [
                village,
                utc_to_local(remark.created_at).date(),  # type: ignore[union-attr]
                remark.text,
                ", ".join(theme.title for theme in remark.themes),
            ],
        )


def _associations(book: Workbook, results: CampaignResults) -> None:
    """Every version of every association's view; the current one is marked. Only if any."""
    registered = associations.for_campaign(results.campaign)
    if not any(association.views for association in registered):
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
    for association in registered:
        for view in association.views:
            current = "ja" if view is association.current_view else "nee"
            day = utc_to_local(view.submitted_at).date()  # type: ignore[union-attr]
            for entry in view.themes:
                append_row(
                    sheet,
                    [
                        association.area.name,
                        association.name,
                        view.version,
                        current,
                        day,
                        entry.rank,
                        entry.theme.title,
                        entry.reason,
                        view.remarks,
                    ],
                )


def _surveys(book: Workbook, results: CampaignResults) -> None:
    """One sheet per survey of the campaign: every question's base, counts and percentages."""
    found = db.session.scalars(
        select(Survey).where(Survey.campaign_id == results.campaign.id).order_by(Survey.id)
    )
    for index, survey in enumerate(found, start=1):
        sheet = book.create_sheet(f"Vragenlijst {index}")
        append_row(sheet, [survey.title])
        header_row(sheet, "vraag", "soort", "basis", "antwoord", "aantal", "procent")
        for row in survey_results.result_rows(survey_results.survey_results(survey)):
            append_row(sheet, list(row[1:]))


def _method(book: Workbook, results: CampaignResults) -> None:
    sheet = book.create_sheet("Toelichting")
    append_row(sheet, [results.campaign.title])
    append_row(sheet, [f"Stemmers: {results.total.ballots}"])
    if results.excluded:
        append_row(sheet, [f"Uitgesloten door medewerkers: {results.excluded}"])
    for line in METHOD:
        append_row(sheet, [line])


def ballot_rows(results: CampaignResults) -> Iterator[list[object]]:
    """One row per counted ballot: village, channel, trust level, date, and 0/1 per theme.

    The date, not the time: a time could be matched with who stood at a stand when.
    """
    themes = sorted(results.campaign.themes, key=lambda theme: theme.position)
    query = (
        select(Area.name, Ballot.channel, Ballot.trust_level, Ballot.created_at, Ballot.choice_mask)
        .outerjoin(Area, Area.id == Ballot.area_id)
        .where(Ballot.campaign_id == results.campaign.id, Ballot.exclusion_id.is_(None))
        # Not the order of arrival, which staff who watched a stand could match with
        # visitors: the ballot keys are random UUIDs, so their order is a shuffle.
        .order_by(Ballot.ballot_key)
        .execution_options(yield_per=CHUNK)
    )
    for village, channel, trust, created_at, mask in db.session.execute(query):
        yield [
            village or ELSEWHERE,
            CHANNEL_NAMES.get(channel, channel),
            TRUST_NAMES.get(trust, trust),
            utc_to_local(created_at).date(),  # type: ignore[union-attr]
            *(mask >> theme.bit & 1 for theme in themes),
        ]


def ballot_header(results: CampaignResults) -> list[str]:
    themes = sorted(results.campaign.themes, key=lambda theme: theme.position)
    return ["dorp", "kanaal", "betrouwbaarheid", "datum", *(theme.title for theme in themes)]


def _ballots(book: Workbook, results: CampaignResults) -> None:
    sheet = book.create_sheet("Stemmen")
    sheet.freeze_panes = "A2"
    header_row(sheet, *ballot_header(results))
    for row in ballot_rows(results):
        append_row(sheet, row)


def workbook(results: CampaignResults, with_ballots: bool = True) -> Iterator[bytes]:
    """The workbook as chunks of bytes: total, villages, channels, [ballots,] remarks, method."""
    book = Workbook(write_only=True)
    for write in (_totals, _villages, _channels):
        write(book, results)
    if with_ballots:
        _ballots(book, results)
    _remarks(book, results)
    _associations(book, results)
    _surveys(book, results)
    _method(book, results)
    with tempfile.TemporaryFile() as spool:
        book.save(spool)
        spool.seek(0)
        while chunk := spool.read(256 * 1024):
            yield chunk


def ballots_csv(results: CampaignResults) -> Iterator[str]:
    """The anonymised ballots as CSV text, produced row by row."""
    buffer = io.StringIO()
    writer = SafeCsvWriter(buffer)
    writer.writerow(ballot_header(results))
    for row in ballot_rows(results):
        writer.writerow(row)
        if buffer.tell() > 64 * 1024:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
