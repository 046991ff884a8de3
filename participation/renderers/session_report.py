"""The session memo for the safety plan: results, association views, indicators, dots, decisions.

As a page (print CSS), a PDF and an Excel workbook; files are always Dutch.
"""

from __future__ import annotations

import io
from datetime import date
from xml.sax.saxutils import escape

from babel.dates import format_date
from openpyxl import Workbook
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from participation.domain.priorities import GROUPS
from participation.domain.vocabulary import GROUP_NAMES, SAFETY_FIELDS, TREND_NAMES
from participation.renderers.reports import pdf_styles, pdf_table
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


def pdf(found: dict, today: date | None = None) -> bytes:
    """The memo as an A4 PDF, from services.sessions.memo.context."""
    session = found["session"]
    style = pdf_styles()
    width = A4[0] - 36 * mm
    day = format_date(today or date.today(), format="long", locale="nl")
    story = [
        Paragraph(f"Prioritering: {escape(session.title)}", style["title"]),
        Paragraph(f"{escape(found['campaign'].title)} · {day}", style["body"]),
        Paragraph("Gekozen prioriteiten", style["h2"]),
    ]
    rows = [["Thema", "Veiligheidsveld", "Plaats", "Waarom"]]
    for d in found["chosen"]:
        field = SAFETY_FIELDS.get(d.safety_field or 0, "")
        reason = Paragraph(escape(d.rationale), style["small"])
        rows.append([d.theme.title, field, _rank(found, d.theme_id), reason])
    story.append(pdf_table(rows, [0.26 * width, 0.22 * width, 0.08 * width, 0.44 * width], 9))
    story.append(Paragraph("Plaats: de plaats van het thema bij de inwoners.", style["small"]))
    story.append(Paragraph("Niet gekozen, met reden", style["h2"]))
    rows = [["Thema", "Plaats", "Waarom niet"]]
    for d in found["not_chosen"]:
        reason = Paragraph(escape(d.rationale), style["small"])
        rows.append([d.theme.title, _rank(found, d.theme_id), reason])
    story.append(pdf_table(rows, [0.26 * width, 0.08 * width, 0.66 * width], 9))
    story.append(Paragraph("Shortlist", style["h2"]))
    rows = [["Thema", "Waarom op de shortlist"]]
    rows += [
        [i.theme.title, Paragraph(escape(_why(i)), style["small"])] for i in found["shortlist"]
    ]
    story.append(pdf_table(rows, [0.35 * width, 0.65 * width], 9))
    story.append(Paragraph("Uitslag inwoners", style["h2"]))
    total = found["results"].total
    rows = [["Plaats", "Thema", "Stemmen", "Aandeel"]]
    rows += [[r.rank, r.theme.title, r.votes, f"{r.share * 100:.0f}%"] for r in total.themes]
    story.append(pdf_table(rows, [0.12 * width, 0.5 * width, 0.18 * width, 0.2 * width], 2))
    story.append(Paragraph(f"{total.ballots} stemmers.", style["small"]))
    story.append(Paragraph("Visie van de dorpsbelangen", style["h2"]))
    for item in found["views"]:
        story.append(
            Paragraph(
                f"<b>{escape(item.association.name)}</b> ({escape(item.association.area.name)},"
                f" versie {item.view.version})",
                style["body"],
            )
        )
        rows = [["Plaats", "Thema", "Reden"]]
        rows += [
            [e.rank, e.theme.title, Paragraph(escape(e.reason), style["small"])]
            for e in item.view.themes
        ]
        story.append(pdf_table(rows, [0.1 * width, 0.3 * width, 0.6 * width], 9))
        if item.view.remarks:
            story.append(Paragraph(escape(item.view.remarks), style["small"]))
    story.append(Paragraph("Cijfers uit de veiligheidsanalyse", style["h2"]))
    rows = [["Thema", "Indicator", "Bron", "Waarden", "Trend"]]
    for i in found["indicators"]:
        rows.append(
            [
                i.theme.title,
                Paragraph(escape(i.name), style["small"]),
                Paragraph(escape(i.source), style["small"]),
                Paragraph(_values(i), style["small"]),
                TREND_NAMES.get(i.trend, i.trend),
            ]
        )
    story.append(
        pdf_table(rows, [0.2 * width, 0.25 * width, 0.17 * width, 0.26 * width, 0.12 * width], 9)
    )
    for found_round in found["rounds"]:
        story.append(
            Paragraph(
                f"Stippen, ronde {found_round.number} ({found_round.participants} deelnemers)",
                style["h2"],
            )
        )
        rows = [["Thema", *(GROUP_NAMES[g] for g in GROUPS), "totaal"]]
        for item in found["shortlist"]:
            dots = found_round.by_theme.get(item.theme_id, {})
            rows.append([item.theme.title, *(dots.get(g, 0) for g in GROUPS), dots.get("total", 0)])
        share = 0.7 * width / (len(GROUPS) + 1)
        story.append(pdf_table(rows, [0.3 * width, *([share] * (len(GROUPS) + 1))], 1))
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        title=f"Prioritering {session.title}",
    ).build([*story, Spacer(1, 4)])
    return buffer.getvalue()


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
