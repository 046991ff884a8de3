"""The session memo as an Excel workbook (always Dutch); the page and its PDF are one template,
templates/staff/session_report.html."""

from __future__ import annotations

import io

from openpyxl import Workbook

from participation.domain.priorities import GROUPS
from participation.domain.vocabulary import GROUP_NAMES, SAFETY_FIELDS, TREND_NAMES
from participation.renderers.safe_cells import append_row


def _values(indicator) -> str:  # type: ignore[no-untyped-def]
    return ", ".join(f"{v.year}: {v.value:g}" for v in indicator.values)


def _why(item) -> str:  # type: ignore[no-untyped-def]
    """Why a theme is on the shortlist, in Dutch as the memo is."""
    label = {"top": "Top van het totaal van de inwoners", "stands_out": "Valt op in een dorp"}
    why = label.get(item.origin, "Toegevoegd door de gemeente")
    return f"{why}: {item.reason}" if item.reason else why


def _rank(found: dict, theme_id: int) -> int:
    return found["results"].total.by_theme(theme_id).rank


def workbook(found: dict) -> bytes:
    """The memo's tables as a workbook, from services.sessions.memo.context."""
    session = found["session"]
    book = Workbook()
    sheet = book.active
    sheet.title = "Besluiten"
    append_row(sheet, ["thema", "gekozen", "veiligheidsveld", "plaats inwoners", "reden"])
    for d in session.decisions:
        field = SAFETY_FIELDS.get(d.safety_field or 0, "")
        append_row(
            sheet,
            [
                d.theme.title,
                "ja" if d.chosen else "nee",
                field,
                _rank(found, d.theme_id),
                d.rationale,
            ],
        )
    sheet = book.create_sheet("Shortlist")
    append_row(sheet, ["thema", "waarom op de shortlist"])
    for item in found["shortlist"]:
        append_row(sheet, [item.theme.title, _why(item)])
    sheet = book.create_sheet("Uitslag inwoners")
    append_row(sheet, ["plaats", "thema", "stemmen", "stemmers", "aandeel", "op de shortlist"])
    listed = {item.theme_id for item in found["shortlist"]}
    total = found["results"].total
    for r in total.themes:
        append_row(
            sheet,
            [
                r.rank,
                r.theme.title,
                r.votes,
                total.ballots,
                round(r.share, 4),
                "ja" if r.theme.id in listed else "nee",
            ],
        )
    sheet = book.create_sheet("Dorpsbelangen")
    append_row(
        sheet, ["dorp", "dorpsbelang", "versie", "plaats", "thema", "reden", "algemene opmerkingen"]
    )
    for item in found["views"]:
        for e in item.view.themes:
            append_row(
                sheet,
                [
                    item.association.area.name,
                    item.association.name,
                    item.view.version,
                    e.rank,
                    e.theme.title,
                    e.reason,
                    item.view.remarks,
                ],
            )
    sheet = book.create_sheet("Indicatoren")
    append_row(sheet, ["thema", "indicator", "bron", "jaar", "waarde", "trend"])
    for i in found["indicators"]:
        for v in i.values:
            append_row(
                sheet,
                [
                    i.theme.title,
                    i.name,
                    i.source,
                    v.year,
                    v.value,
                    TREND_NAMES.get(i.trend, i.trend),
                ],
            )
    sheet = book.create_sheet("Stippen")
    append_row(sheet, ["ronde", "thema", *(GROUP_NAMES[g] for g in GROUPS), "totaal"])
    for found_round in found["rounds"]:
        for item in found["shortlist"]:
            dots = found_round.by_theme.get(item.theme_id, {})
            append_row(
                sheet,
                [
                    found_round.number,
                    item.theme.title,
                    *(dots.get(g, 0) for g in GROUPS),
                    dots.get("total", 0),
                ],
            )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
