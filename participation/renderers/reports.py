"""The printable report for the council: charts, tables, method and caveats, as PDF.

The same content is an HTML page with print CSS (templates/results/report.html); this
module builds the PDF with reportlab's platypus, with the charts as print-quality PNGs.
"""

from __future__ import annotations

import io
from datetime import date
from xml.sax.saxutils import escape

from babel.dates import format_date
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (
    Image,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from participation.domain.stats import whole_percent
from participation.domain.vocabulary import CHANNEL_NAMES
from participation.renderers import charts
from participation.renderers.brand import DEFAULT_COLOUR, Brand, draw_logo
from participation.renderers.charts import number
from participation.services.results.documents import CampaignDocument
from participation.services.results.results import CampaignResults

TRUST_NAMES = {"stand": "bij een stand", "code": "met een stemcode", "device": "op een telefoon"}
CAVEATS = [
    "Meedoen was vrijwillig. De stemmers zijn dus geen steekproef: wie zich zorgen maakt over "
    "een thema, stemt misschien eerder. De marges gaan uit van een steekproef en zijn daarom "
    "een ondergrens voor de onzekerheid.",
    "Het aandeel is het deel van de stemmers in een groep dat het thema koos. Iedereen koos "
    "meerdere thema's, dus de aandelen tellen op tot veel meer dan 100%.",
    "Thema's met evenveel stemmen delen een plaats (1, 2, 2, 4).",
    "De marge is het 95%-interval volgens Wilson. Groepen met minder dan 30 stemmen zijn "
    "gemarkeerd met *: lees die met voorzichtigheid.",
    "Het gewogen totaal rekent elk dorp mee naar zijn aantal inwoners (poststratificatie). Het "
    "gewone totaal is het hoofdcijfer; het gewogen totaal laat zien of de verdeling over de "
    "dorpen de uitkomst kleurt.",
    "Papieren formulieren en stickers van de stands zijn door twee medewerkers apart geteld en "
    "tellen mee als kanaal 'papier'.",
    "Eén stem per persoon is zo goed mogelijk bewaakt zonder persoonsgegevens: bij de stand "
    "door medewerkers, met stemcodes, of met één stem per telefoon (de zwakste controle).",
]


def pdf_styles(colour: str = DEFAULT_COLOUR) -> dict[str, ParagraphStyle]:
    """Headings in the house colour (checked for contrast on white when it was set)."""
    brand = colors.HexColor(colour)
    sheet = getSampleStyleSheet()
    base = ParagraphStyle(
        "base",
        parent=sheet["Normal"],
        fontName="Helvetica",
        fontSize=9.5,
        leading=13,
        alignment=TA_LEFT,
    )
    return {
        "title": ParagraphStyle(
            "title",
            parent=base,
            fontName="Helvetica-Bold",
            fontSize=20,
            leading=24,
            textColor=brand,
            spaceAfter=6,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontName="Helvetica-Bold",
            fontSize=13,
            leading=16,
            spaceBefore=10,
            spaceAfter=4,
            textColor=brand,
        ),
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10),
    }


def pdf_table(rows: list[list[object]], widths: list[float], numeric_from: int = 1) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 8.5),
                ("FONT", (0, 1), (-1, -1), "Helvetica", 8.5),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#b0b8bd")),
                ("ALIGN", (numeric_from, 0), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def _chart(results: CampaignResults, name: str, width: float) -> Image:
    chart = charts.CHARTS[name](results)
    data = charts.render(chart, "png")
    w, h = chart.figure.get_size_inches()
    return Image(io.BytesIO(data), width=width, height=width * h / w)


def _pct(value: float) -> str:
    return whole_percent(value)  # half up, as on the pages


def report_pdf(document: CampaignDocument, brand: Brand, today: date | None = None) -> bytes:
    """The report as A4 PDF: participation, the ranking, villages, what stands out, method."""
    results = document.results
    municipality = brand.name
    styles, story = pdf_styles(brand.colour), []
    campaign = results.campaign
    today = today or date.today()
    width = A4[0] - 36 * mm
    story += [
        Paragraph(escape(f"Uitslag: {campaign.title}"), styles["title"]),
        Paragraph(
            escape(
                f"{municipality} · raadpleging over veiligheid · stand van "
                f"{format_date(today, 'd MMMM y', locale='nl')}"
            ),
            styles["body"],
        ),
        Spacer(1, 4 * mm),
        Paragraph(
            f"{number(results.total.ballots)} inwoners stemden. "
            + (
                f"{number(results.excluded)} stemmen zijn door medewerkers met een reden "
                "uitgesloten en tellen niet mee. "
                if results.excluded
                else ""
            )
            + "De uitslag is een begin van het gesprek over de prioriteiten, geen besluit.",
            styles["body"],
        ),
        Paragraph("Deelname per dorp en kanaal", styles["h2"]),
    ]
    channels = [c for c in ("qr", "web", "stand", "paper") if c in results.channels]
    rows: list[list[object]] = [["Dorp", "Stemmers", *(CHANNEL_NAMES[c] for c in channels)]]
    for village in results.villages:
        marker = " *" if village.tally.small else ""
        rows.append(
            [
                f"{village.name}{marker}",
                number(village.tally.ballots),
                *(
                    number(village.channels[c].ballots) if c in village.channels else "0"
                    for c in channels
                ),
            ]
        )
    rows.append(
        [
            "Totaal",
            number(results.total.ballots),
            *(number(results.channels[c].ballots) for c in channels),
        ]
    )
    story.append(
        pdf_table(rows, [55 * mm] + [(width - 55 * mm) / (len(channels) + 1)] * (len(channels) + 1))
    )
    trust = ", ".join(
        f"{TRUST_NAMES[level]} {number(results.trust[level].ballots)}"
        for level in ("stand", "code", "device")
        if level in results.trust
    )
    story.append(Paragraph(f"Betrouwbaarheid: {trust}. * minder dan 30 stemmen.", styles["small"]))

    story += [
        Paragraph("Wat inwoners het belangrijkst vinden", styles["h2"]),
        _chart(results, "totaal", width * 0.9),
    ]
    header = ["Plaats", "Thema", "Stemmen", "Aandeel", "Marge (95%)"]
    if results.weighted:
        header.append("Gewogen")
    rows = [header]
    for row in results.total.themes:
        line = [
            row.rank,
            Paragraph(escape(row.theme.title), styles["small"]),
            number(row.votes),
            _pct(row.share),
            f"{_pct(row.low)}–{_pct(row.high)}",
        ]
        if results.weighted:
            line.append(_pct(results.weighted.shares[row.theme.id]))
        rows.append(line)
    first = [14 * mm, 70 * mm]
    rest = (width - sum(first)) / (len(header) - 2)
    story.append(KeepTogether(pdf_table(rows, first + [rest] * (len(header) - 2), numeric_from=2)))
    if results.weighted:
        story.append(
            Paragraph(
                f"Gewogen naar inwoners op basis van {number(results.weighted.ballots)} stemmen; "
                f"effectieve steekproefomvang {results.weighted.effective_n:.0f}.",
                styles["small"],
            )
        )

    story += [PageBreak(), Paragraph("Per dorp", styles["h2"]), _chart(results, "dorpen", width)]
    story += [
        PageBreak(),
        Paragraph("Per dorp en thema", styles["h2"]),
        _chart(results, "warmtekaart", width),
    ]
    stand_outs = [
        f"<b>{village.name}</b>: "
        + "; ".join(
            f"{_title(results, item.theme_id)} {'vaker' if item.difference > 0 else 'minder vaak'}"
            f" gekozen ({_pct(item.village_share)} tegen {_pct(item.total_share)})"
            for item in village.stand_outs
        )
        for village in results.villages
        if village.stand_outs
    ]
    story.append(Paragraph("Wat opvalt per dorp", styles["h2"]))
    if stand_outs:
        story += [Paragraph(escape(line), styles["body"]) for line in stand_outs]
    else:
        story.append(
            Paragraph("Geen dorp wijkt duidelijk af van de hele gemeente.", styles["body"])
        )
    story += [
        Paragraph("Hoe de stemmen binnenkwamen", styles["h2"]),
        _chart(results, "kanalen", width * 0.85),
    ]
    story += _association_sections(document, styles, width)
    story += _survey_sections(document, styles, width)
    story += [Paragraph("Werkwijze en kanttekeningen", styles["h2"])]
    story += [Paragraph(f"• {line}", styles["body"]) for line in CAVEATS]

    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=f"Uitslag: {campaign.title}",
        author=municipality,
    )

    def first_page(canvas, doc) -> None:  # type: ignore[no-untyped-def]
        # The logo in the top margin's right corner, at most 12 mm tall.
        draw_logo(canvas, brand, A4[0] - 18 * mm - 45 * mm, A4[1] - 15 * mm, 45 * mm, 12 * mm)
        footer(canvas, doc)

    def footer(canvas, doc) -> None:  # type: ignore[no-untyped-def]
        canvas.saveState()
        canvas.setFont("Helvetica", 7.5)
        canvas.setFillColor(colors.HexColor("#555555"))
        canvas.drawString(18 * mm, 9 * mm, f"{municipality} · {campaign.title}")
        canvas.drawRightString(A4[0] - 18 * mm, 9 * mm, f"pagina {doc.page}")
        canvas.restoreState()

    document.build(story, onFirstPage=first_page, onLaterPages=footer)
    return buffer.getvalue()


def _association_sections(
    document: CampaignDocument, styles: dict[str, ParagraphStyle], width: float
) -> list[object]:
    """The current view of each village association: beside the votes, not counted in them."""
    views = document.current_views
    if not views:
        return []
    story: list[object] = [
        Paragraph("Visie van de dorpsbelangen", styles["h2"]),
        Paragraph(
            "De eigen rangorde van elk dorpsbelang, met redenen. Deze staat naast de stemmen "
            "van inwoners en telt daarin niet mee.",
            styles["small"],
        ),
    ]
    for item in views:
        title = (
            f"{item.association.name} ({item.association.area.name}, versie {item.view.version})"
        )
        story.append(Paragraph(f"<b>{escape(title)}</b>", styles["body"]))
        rows: list[list[object]] = [["Plaats", "Thema", "Reden"]]
        rows += [
            [entry.rank, entry.theme.title, Paragraph(escape(entry.reason), styles["small"])]
            for entry in item.view.themes
        ]
        story.append(pdf_table(rows, [0.1 * width, 0.3 * width, 0.6 * width], numeric_from=9))
        if item.view.remarks:
            story.append(Paragraph(escape(item.view.remarks), styles["small"]))
    return story


def _survey_sections(
    document: CampaignDocument, styles: dict[str, ParagraphStyle], width: float
) -> list[object]:
    """Each survey of the campaign: per closed question its base and percentages."""
    story: list[object] = []
    for outcome in document.surveys:
        survey = outcome.survey
        story += [
            PageBreak(),
            Paragraph(escape(f"Vragenlijst: {survey.title}"), styles["h2"]),
            Paragraph(
                f"{number(outcome.respondents)} inwoners vulden de vragenlijst in. Percentages "
                "zijn van wie de vraag beantwoordde (de basis).",
                styles["body"],
            ),
        ]
        for index, item in enumerate(outcome.questions, start=1):
            if not item.options:
                continue
            rows: list[list[object]] = [["Antwoord", "Aantal", "Procent"]]
            rows += [
                [Paragraph(escape(o.label), styles["small"]), number(o.count), f"{o.percent:.1f}%"]
                for o in item.options
            ]
            mean = f"; gemiddeld cijfer {item.mean}" if item.mean is not None else ""
            story.append(
                KeepTogether(
                    [
                        Paragraph(
                            escape(
                                f"{index}. {item.question.text} (basis: {number(item.base)}{mean})"
                            ),
                            styles["body"],
                        ),
                        pdf_table(rows, [width * 0.6, width * 0.2, width * 0.2]),
                        Spacer(1, 3 * mm),
                    ]
                )
            )
    return story


def _title(results: CampaignResults, theme_id: int) -> str:
    return next(t.title for t in results.campaign.themes if t.id == theme_id)
