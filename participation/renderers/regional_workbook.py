"""A regional campaign's results as an Excel workbook: one sheet per level, then Toelichting."""

from __future__ import annotations

import io

from openpyxl import Workbook

from participation.domain.regional_data import MunicipalityFigures, RegionalResults
from participation.domain.stats import half_up
from participation.renderers.sheets import Column, Table, write_table
from participation.renderers.workbook import HIGH, LOW, RANK, SHARE, THEME, VOTERS, VOTES

MUNICIPALITY = Column("gemeente", meaning="de gemeente (of: gemeenten samen, voor het publiek)")
VILLAGE = Column("dorp", meaning="het dorp dat de stemmer koos")
PER_1000 = Column("per 1.000 inwoners", "number", "stemmers per 1.000 inwoners (opkomst)")
OWN_MENU = Column(
    "eigen thema's",
    meaning="ja: de gemeente voegde eigen thema's toe; vergelijk alleen de gemeenschappelijke",
)
METHOD = [
    "Aandeel = stemmen voor het thema ÷ aantal stemmers in die groep.",
    "Rangorde: op aantal stemmen; gelijke aantallen delen een plaats (1, 2, 2, 4).",
    "Marge: 95%-betrouwbaarheidsinterval volgens Wilson.",
    "De regio en elke vergelijking tussen gemeenten gebruiken alleen de gemeenschappelijke "
    "thema's. Een gemeente met eigen thema's had een andere keuzelijst; dat staat erbij.",
    "Gewogen: elke gemeente telt mee naar haar aantal inwoners (poststratificatie); de "
    "effectieve n (Kish) zegt hoeveel stemmers de weging waard is.",
    "Verschil met de rest van de regio: aandeel in de gemeente min aandeel in de andere "
    "gemeenten samen, met het 95%-interval volgens Newcombe; duidelijk als het nul uitsluit.",
    "Papier: tellingen van stands, door twee medewerkers gelijk ingevoerd.",
]


def _region(book: Workbook, results: RegionalResults) -> Table:
    columns = [RANK, THEME, VOTES, VOTERS, SHARE, LOW, HIGH, PER_1000]
    table = Table("Regio", "de regio samen, op de gemeenschappelijke thema's", columns)
    turnout = results.per_1000
    rows = [
        [
            row.rank,
            row.theme.title,
            row.votes,
            results.total.ballots,
            round(row.share, 4),
            round(row.low, 4),
            round(row.high, 4),
            _turnout(turnout),
        ]
        for row in results.total.themes
    ]
    write_table(book, table, rows)
    return table


def _weighted(book: Workbook, results: RegionalResults) -> Table:
    columns = [
        THEME,
        Column("gewogen aandeel", "share", "aandeel als elke gemeente naar inwoners woog"),
        LOW,
        HIGH,
        VOTERS,
        Column("effectieve n", "number", "de stemmers die de weging waard is (Kish)"),
    ]
    table = Table("Regio gewogen", "de regio gewogen naar inwoners per gemeente", columns)
    weighted = results.weighted
    rows = []
    if weighted is not None:
        n_eff = float(half_up(weighted.effective_n, 1))
        for theme in results.themes:
            low, high = weighted.interval(theme.id)
            share = round(weighted.shares[theme.id], 4)
            rows.append(
                [theme.title, share, round(low, 4), round(high, 4), weighted.ballots, n_eff]
            )
    write_table(book, table, rows)
    return table


def _municipality_rows(municipality: MunicipalityFigures) -> list[list[object]]:
    rows: list[list[object]] = []
    for row in municipality.tally.themes:
        common = municipality.regional_id(row.theme.id)
        found = municipality.difference(common) if common is not None else None
        cells: list[object] = [municipality.name, row.rank, row.theme.title]
        cells += ["gemeenschappelijk" if common is not None else "eigen thema"]
        cells += [row.votes, municipality.tally.ballots, round(row.share, 4)]
        cells += [round(row.low, 4), round(row.high, 4), _turnout(municipality.per_1000)]
        cells += ["ja" if municipality.own_menu else "nee"]
        if found is None:
            cells += [None] * 5
        else:
            cells += [round(found.rest_share, 4), round(found.difference, 4)]
            cells += [round(found.low, 4), round(found.high, 4), "ja" if found.marked else "nee"]
        rows.append(cells)
    return rows


def _municipalities(book: Workbook, results: RegionalResults) -> Table:
    columns = [
        MUNICIPALITY,
        RANK,
        THEME,
        Column("soort thema", meaning="gemeenschappelijk (de regio) of eigen thema (de gemeente)"),
        VOTES,
        VOTERS,
        SHARE,
        LOW,
        HIGH,
        PER_1000,
        OWN_MENU,
        Column("aandeel rest regio", "share", "aandeel in de andere gemeenten samen"),
        Column("verschil", "share", "aandeel hier min aandeel in de rest van de regio"),
        Column("verschil laag", "share", "ondergrens van het 95%-interval (Newcombe)"),
        Column("verschil hoog", "share", "bovengrens van het 95%-interval (Newcombe)"),
        Column("duidelijk", meaning="ja als het interval nul uitsluit; anders kan het toeval zijn"),
    ]
    table = Table("Per gemeente", "per gemeente haar eigen thema's op volgorde", columns)
    rows = [row for m in results.municipalities for row in _municipality_rows(m)]
    write_table(book, table, rows)
    return table


def _villages(book: Workbook, results: RegionalResults) -> Table:
    small = Column("kleine groep", meaning="ja: minder dan 30 stemmers, lees met voorzichtigheid")
    columns = [MUNICIPALITY, VILLAGE, RANK, THEME, VOTES, VOTERS, SHARE, LOW, HIGH, PER_1000, small]
    table = Table("Per dorp", "per dorp de thema's van zijn gemeente op volgorde", columns)
    rows = [
        [
            municipality.name,
            village.name,
            row.rank,
            row.theme.title,
            row.votes,
            village.tally.ballots,
            round(row.share, 4),
            round(row.low, 4),
            round(row.high, 4),
            _turnout(village.per_1000),
            "ja" if village.tally.small else "nee",
        ]
        for municipality in results.municipalities
        for village in municipality.villages
        for row in village.tally.themes
    ]
    write_table(book, table, rows)
    return table


def _turnout(value: float | None) -> float | None:
    """Turnout as the CSV gives it: two decimals, halves away from zero."""
    return None if value is None else float(half_up(value, 2))


def _explanation(book: Workbook, results: RegionalResults, tables: list[Table]) -> None:
    rows: list[list[object]] = [
        ["(regio)", "", results.region],
        ["(raadpleging)", "", results.title],
        ["(raadpleging)", "stemmers", f"{results.total.ballots:,}".replace(",", ".")],
    ]
    if results.public:
        rows.append(["(raadpleging)", "", "Cijfers zoals elke gemeente ze vrijgaf."])
    rows += [["(raadpleging)", "niet vrijgegeven", name] for name in results.not_released]
    rows += [["(raadpleging)", "eigen thema's", m.name] for m in results.own_menus]
    rows += [["(werkwijze)", "", line] for line in METHOD]
    for table in tables:
        rows.append([table.name, "", table.about])
        rows += [[table.name, c.title, c.meaning] for c in table.columns if c.meaning]
    columns = [Column("blad"), Column("kolom"), Column("uitleg")]
    write_table(book, Table("Toelichting", "", columns), rows)


def regional_workbook(results: RegionalResults) -> bytes:
    """The workbook: Regio, Regio gewogen, Per gemeente, Per dorp, Toelichting."""
    book = Workbook(write_only=True)
    tables = [
        _region(book, results),
        _weighted(book, results),
        _municipalities(book, results),
        _villages(book, results),
    ]
    _explanation(book, results, tables)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
