"""The Excel workbook for analysts, and the anonymised ballots, written as a stream.

openpyxl's write-only mode writes rows to a temporary file as they come, so a million
ballots cost disk, not memory. The data comes from services.results.documents: a
CampaignDocument, and the ballots as a stream of plain rows.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Iterable, Iterator

from openpyxl import Workbook

from participation.domain.document_data import BallotRow, CampaignDocument
from participation.domain.result_data import CampaignResults, Comparison
from participation.domain.safe_cells import PLAIN, CsvDialect, SafeCsvWriter
from participation.domain.survey_data import SurveyResults
from participation.domain.tally import ThemeRef
from participation.domain.vocabulary import CHANNEL_NAMES, ELSEWHERE_NAME, TRUST_NAMES
from participation.renderers.sheets import Column, Table, write_table

# The Dutch names by the value a count is keyed with ("qr", "code"); others as they are.
CHANNELS: dict[str, str] = {str(key): name for key, name in CHANNEL_NAMES.items()}
TRUSTS: dict[str, str] = {str(key): name for key, name in TRUST_NAMES.items()}

METHOD = [
    "Aandeel = stemmen voor het thema ÷ aantal stemmers in die groep. Iedereen koos meerdere "
    "thema's, dus de aandelen tellen op tot veel meer dan 100%.",
    "Rangorde: op aantal stemmen; gelijke aantallen delen een plaats (1, 2, 2, 4).",
    "Marge: 95%-betrouwbaarheidsinterval volgens Wilson.",
    "Groepen met minder dan 30 stemmen zijn onzeker; zie de kolom 'kleine groep'.",
    "Papier: tellingen van stands, door twee medewerkers gelijk ingevoerd; kanaal 'papier'.",
    "Stemmen die medewerkers met een reden hebben uitgesloten, tellen niet mee.",
    "Aandelen staan als breuk (0,53) met de opmaak procent (53%); aantallen als gehele getallen.",
]
SURVEY_KINDS = {
    "single": "één antwoord",
    "multiple": "meer antwoorden",
    "ysn": "ja / soms / nee",
    "score": "rapportcijfer",
    "text": "open vraag",
    "village": "dorp",
    "postcode": "postcode",
}

RANK = Column("plaats", "int", "plaats in de rangorde (gelijke aantallen delen een plaats)")
THEME = Column("thema", meaning="het veiligheidsthema")
VOTES = Column("stemmen", "count", "hoeveel stemmers dit thema kozen")
VOTERS = Column("stemmers", "count", "hoeveel mensen in deze groep stemden")
SHARE = Column("aandeel", "share", "stemmen ÷ stemmers")
LOW = Column("marge laag", "share", "ondergrens van het 95%-interval (Wilson)")
HIGH = Column("marge hoog", "share", "bovengrens van het 95%-interval (Wilson)")
VILLAGE = Column("dorp", meaning="het dorp dat de stemmer koos")
CHANNEL = Column("kanaal", meaning="hoe de stem binnenkwam: weblink, QR-code, standtablet, papier")


def _totals(book: Workbook, results: CampaignResults) -> Table:
    weighted = results.weighted
    columns = [RANK, THEME, VOTES, VOTERS, SHARE, LOW, HIGH]
    if weighted:
        columns.append(
            Column("gewogen aandeel", "share", "aandeel als elk dorp naar inwoners woog")
        )
    table = Table("Totaal", "alle stemmen samen, thema's op volgorde", columns)
    rows = []
    for row in results.total.themes:
        values: list[object] = [row.rank, row.theme.title, row.votes, results.total.ballots]
        values += [round(row.share, 4), round(row.low, 4), round(row.high, 4)]
        if weighted:
            values.append(round(weighted.shares[row.theme.id], 4))
        rows.append(values)
    write_table(book, table, rows)
    return table


def _comparison(book: Workbook, comparison: Comparison) -> Table:
    """The change since the previous cycle, per theme (in today's order)."""
    columns = [
        Column("thema"),
        Column("plaats toen", "int", f"plaats in {comparison.previous.title}"),
        Column("plaats nu", "int"),
        Column("aandeel toen", "share"),
        Column("aandeel nu", "share"),
        Column("verschil", "share", "aandeel nu min aandeel toen, in procentpunten"),
        Column("verschil laag", "share", "ondergrens van het 95%-interval (Newcombe)"),
        Column("verschil hoog", "share", "bovengrens van het 95%-interval (Newcombe)"),
        Column("duidelijk", "text", "ja als het interval nul uitsluit; anders kan het toeval zijn"),
    ]
    table = Table("Vergelijking", "de verandering sinds de vorige raadpleging", columns)
    rows = []
    for change in comparison.changes:
        then, bounds = change.previous, change.interval
        rows.append(
            [
                comparison.titles[change.theme_id],
                then.rank if then else None,
                change.now.rank,
                round(then.share, 4) if then else None,
                round(change.now.share, 4),
                round(change.share_diff, 4) if change.share_diff is not None else None,
                round(bounds[0], 4) if bounds else None,
                round(bounds[1], 4) if bounds else None,
                ("ja" if change.marked else "nee") if then else "nieuw thema",
            ]
        )
    write_table(book, table, rows)
    return table


def _villages(book: Workbook, results: CampaignResults) -> Table:
    small = Column("kleine groep", meaning="ja: minder dan 30 stemmers, lees met voorzichtigheid")
    columns = [VILLAGE, RANK, THEME, VOTES, VOTERS, SHARE, LOW, HIGH, small]
    table = Table("Per dorp", "per dorp de thema's op volgorde", columns)
    rows = [
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
        ]
        for village in results.villages
        for row in village.tally.themes
    ]
    write_table(book, table, rows)
    return table


def _channels(book: Workbook, document: CampaignDocument) -> list[Table]:
    """Three tables, a sheet each: per channel (with the votes per theme), per trust level,
    and per source tag."""
    results = document.results
    themes = [row.theme for row in sorted(results.total.themes, key=lambda r: r.theme.position)]
    theme_columns = [Column(t.title, "count", "stemmen voor dit thema") for t in themes]
    per_channel = Table(
        "Per kanaal",
        "per dorp en kanaal de stemmers en de stemmen per thema; 'Totaal' is alle dorpen",
        [VILLAGE, CHANNEL, VOTERS, *theme_columns],
    )
    groups = [(v.name, v.channels) for v in results.villages] + [("Totaal", results.channels)]
    write_table(
        book,
        per_channel,
        [
            [
                name,
                CHANNELS.get(ch, ch),
                count.ballots,
                *(count.votes.get(t.id, 0) for t in themes),
            ]
            for name, channels in groups
            for ch, count in sorted(channels.items())
        ],
    )
    trust = Column("betrouwbaarheid", meaning="stand, stemcode of telefoon (zwakste controle)")
    per_trust = Table(
        "Per betrouwbaarheid", "per dorp de stemmers per betrouwbaarheid", [VILLAGE, trust, VOTERS]
    )
    levels = [(v.name, v.trust) for v in results.villages] + [("Totaal", results.trust)]
    write_table(
        book,
        per_trust,
        [
            [name, TRUSTS.get(lv, lv), c.ballots]
            for name, tr in levels
            for lv, c in sorted(tr.items())
        ],
    )
    source = Column("bron", meaning="de bron-code van de QR-poster, flyer of banner (leeg: geen)")
    per_source = Table(
        "Per bron", "welke poster, flyer of banner werkte", [CHANNEL, source, VOTERS]
    )
    write_table(
        book,
        per_source,
        [[CHANNELS.get(ch, ch), src or None, n] for ch, src, n in document.sources],
    )
    return [per_channel, per_trust, per_source]


def _remarks(book: Workbook, document: CampaignDocument) -> Table:
    columns = [
        VILLAGE,
        Column("datum", "date", "de dag van de stand"),
        Column("opmerking", meaning="wat de inwoner zei, genoteerd door een medewerker"),
        Column("thema's", meaning="de thema's waar de opmerking over gaat"),
    ]
    table = Table("Opmerkingen", "opmerkingen van inwoners bij de stands", columns)
    write_table(
        book,
        table,
        [[r.village, r.day, r.text, ", ".join(r.themes)] for r in document.remarks],
    )
    return table


def _associations(book: Workbook, document: CampaignDocument) -> list[Table]:
    """Every version of every association's view; the current one is marked. Only if any."""
    if not document.view_history:
        return []
    columns = [
        VILLAGE,
        Column("dorpsbelang", meaning="de naam van het dorpsbelang"),
        Column("versie", "int", "1 is de eerste visie, hogere nummers latere"),
        Column("huidig", meaning="ja: de visie die nu geldt"),
        Column("datum", "date", "wanneer de visie werd ingediend"),
        RANK,
        THEME,
        Column("reden", meaning="waarom het dorpsbelang dit thema noemt"),
        Column("opmerkingen", meaning="algemene opmerkingen bij de visie"),
    ]
    table = Table("Dorpsbelangen", "de visies van de dorpsbelangen, elke versie", columns)
    rows = [
        [
            r.village,
            r.association,
            r.version,
            "ja" if r.current else "nee",
            r.day,
            r.rank,
            r.theme,
            r.reason,
            r.remarks,
        ]
        for r in document.view_history
    ]
    write_table(book, table, rows)
    return [table]


SURVEY_COLUMNS = [
    Column("vraag", meaning="de vraag"),
    Column("soort", meaning="het soort vraag"),
    Column("basis", "count", "hoeveel mensen de vraag kregen en beantwoordden"),
    Column("antwoord", meaning="het antwoord, of de tekst van een open antwoord"),
    Column("aantal", "count", "hoe vaak dit antwoord gegeven is"),
    Column("aandeel", "share1", "aantal ÷ basis"),
    Column("gemiddelde", "number", "bij een rapportcijfer: het gemiddelde"),
]


def _survey_rows(outcome: SurveyResults) -> Iterator[list[object]]:
    for item in outcome.questions:
        q = item.question
        kind = SURVEY_KINDS.get(q.kind, q.kind)
        for option in item.options:
            share = option.percent / 100 if option.percent is not None else None
            yield [q.text, kind, item.base, option.label, option.count, share, None]
        if item.mean is not None:
            yield [q.text, kind, item.base, "gemiddelde", None, None, item.mean]
        for text in item.texts:
            yield [q.text, kind, item.base, text, None, None, None]


def _surveys(book: Workbook, document: CampaignDocument) -> list[Table]:
    """One sheet per survey of the campaign: every question's base, counts and shares."""
    tables = []
    for index, outcome in enumerate(document.surveys, start=1):
        table = Table(
            f"Vragenlijst {index}", f"vragenlijst '{outcome.survey.title}'", SURVEY_COLUMNS
        )
        write_table(book, table, _survey_rows(outcome))
        tables.append(table)
    return tables


def _explanation(book: Workbook, results: CampaignResults, tables: list[Table]) -> None:
    """Toelichting: the campaign, the method, and every sheet and column explained."""
    columns = [Column("blad"), Column("kolom"), Column("uitleg")]
    rows: list[list[object]] = [
        ["(raadpleging)", "", results.campaign.title],
        ["(raadpleging)", "stemmers", f"{results.total.ballots:,}".replace(",", ".")],
    ]
    if results.excluded:
        rows.append(["(raadpleging)", "uitgesloten", f"{results.excluded} stemmen, met een reden"])
    rows += [["(werkwijze)", "", line] for line in METHOD]
    if results.weighted:
        rows.append(["(werkwijze)", "gewogen aandeel", weighting_note(results.weighted.merged)])
    for table in tables:
        rows.append([table.name, "", table.about])
        rows += [[table.name, c.title, c.meaning] for c in table.columns if c.meaning]
    write_table(book, Table("Toelichting", "", columns), rows)


def weighting_note(merged: tuple[tuple[str, ...], ...]) -> str:
    """How the weighted share is made, and which villages it took together, in Dutch."""
    note = "Elk dorp telt mee naar zijn aantal inwoners (poststratificatie)."
    if not merged or not merged[0][0]:  # nothing merged, or no names to list
        return (
            f"{note} Een dorp met minder dan 30 stemmers telt samen met het dorp dat qua "
            "inwonertal het dichtst in de buurt komt."
        )
    groups = "; ".join(f"{group[0]} met {_listed(group[1:])}" for group in merged)
    return (
        f"{note} Voor de gewogen telling zijn kleine dorpen (minder dan 30 stemmers) "
        f"samengenomen met het dorp met het dichtstbijzijnde inwonertal: {groups}."
    )


def _listed(names: tuple[str, ...]) -> str:
    """'A', 'A en B', 'A, B en C'."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} en {names[-1]}"


def _ballot_cells(results: CampaignResults, rows: Iterable[BallotRow]) -> Iterator[list[object]]:
    """Village, channel, trust level, date, and 0/1 per theme in ballot order."""
    campaign = results.campaign
    bits = [campaign.bits[theme.id] for theme in _in_ballot_order(results)]
    for village, channel, trust, day, mask in rows:
        yield [
            village,
            CHANNELS.get(channel, channel),
            TRUSTS.get(trust, trust),
            day,
            *(mask >> bit & 1 for bit in bits),
        ]


def _in_ballot_order(results: CampaignResults) -> list[ThemeRef]:
    return sorted(results.campaign.themes, key=lambda theme: theme.position)


def ballot_header(results: CampaignResults) -> list[str]:
    themes = _in_ballot_order(results)
    return ["dorp", "kanaal", "betrouwbaarheid", "datum", *(theme.title for theme in themes)]


def _ballots(book: Workbook, results: CampaignResults, rows: Iterable[BallotRow]) -> Table:
    """A million rows are streamed: the widths come from what the columns can hold."""
    titles = ballot_header(results)
    columns = [
        VILLAGE,
        CHANNEL,
        Column("betrouwbaarheid", meaning="stand, stemcode of telefoon"),
        Column("datum", "date", "de dag van de stem (geen tijd, om stemmers te beschermen)"),
        *(Column(title, "int", "1: gekozen, 0: niet gekozen") for title in titles[4:]),
    ]
    longest_village = max([len(v.name) for v in results.villages] + [len(ELSEWHERE_NAME)])
    widths = [longest_village + 2, 13, 17, 12, *(min(max(len(t) + 2, 6), 30) for t in titles[4:])]
    table = Table("Stemmen", "elke stem, zonder tijd en in willekeurige volgorde", columns)
    write_table(book, table, _ballot_cells(results, rows), widths)
    return table


def workbook(
    document: CampaignDocument, ballots: Iterable[BallotRow] | None = None
) -> Iterator[bytes]:
    """The workbook as chunks of bytes: one table per sheet, then Toelichting explaining each."""
    results = document.results
    book = Workbook(write_only=True)
    tables = [_totals(book, results)]
    if document.comparison is not None:
        tables.append(_comparison(book, document.comparison))
    tables += [_villages(book, results), *_channels(book, document)]
    if ballots is not None:
        tables.append(_ballots(book, results, ballots))
    tables.append(_remarks(book, document))
    tables += _associations(book, document)
    tables += _surveys(book, document)
    _explanation(book, results, tables)
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
