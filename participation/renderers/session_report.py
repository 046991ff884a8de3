"""The session memo as an Excel workbook (always Dutch); the page and its PDF are one template,
templates/staff/session_report.html."""

from __future__ import annotations

from participation.domain.memo_data import MemoData, ShortlistRow
from participation.domain.priorities import GROUPS
from participation.domain.vocabulary import GROUP_NAMES, SAFETY_FIELDS, TREND_NAMES
from participation.renderers.sheets import SimpleSheet, simple_workbook


def _why(item: ShortlistRow, too_few: bool) -> str:
    """Why a theme is on the shortlist, in Dutch as the memo is; with fewer than 5 voters in
    all, without the figures drafted from them (a reason staff typed stays)."""
    label = {"top": "Top van het totaal van de inwoners", "stands_out": "Valt op in een dorp"}
    why = label.get(item.origin, "Toegevoegd door de gemeente")
    reason = "" if too_few and item.origin != "staff" else item.reason
    return f"{why}: {reason}" if reason else why


def _rank(memo: MemoData, theme_id: int) -> int | str:
    """The theme's rank among the residents; none with fewer than 5 voters in all."""
    return TOO_FEW if memo.too_few else memo.total.by_theme(theme_id).rank


# What the memo says instead of the figures of fewer than 5 voters (a group that small).
TOO_FEW = "< 5"
TOO_FEW_ROW = "minder dan 5 stemmers: te klein om te tonen, zodat niemands keuze te herleiden is"


def _residents(memo: MemoData) -> list[list[object]]:
    """The residents' ranking: none with fewer than 5 voters, marked under 30."""
    total, listed = memo.total, {item.theme_id for item in memo.shortlist}
    if memo.too_few:
        return [[None, TOO_FEW_ROW, None, TOO_FEW, None, "", ""]]
    small = "ja: minder dan 30 stemmers, lees met voorzichtigheid" if total.small else "nee"
    return [
        [
            r.rank,
            r.theme.title,
            r.votes,
            total.ballots,
            round(r.share, 4),
            "ja" if r.theme.id in listed else "nee",
            small,
        ]
        for r in total.themes
    ]


def workbook(memo: MemoData) -> bytes:
    """The memo's tables as a workbook, one per sheet (see renderers.sheets), from
    services.sessions.memo.memo_data."""
    count, whole = "count", "int"
    tables: list[SimpleSheet] = [
        (
            "Besluiten",
            ["thema", "gekozen", "veiligheidsveld", ("plaats inwoners", whole), "reden"],
            [
                [
                    d.title,
                    "ja" if d.chosen else "nee",
                    SAFETY_FIELDS.get(d.safety_field or 0, ""),
                    _rank(memo, d.theme_id),
                    d.rationale,
                ]
                for d in memo.decisions
            ],
        ),
        (
            "Shortlist",
            ["thema", "waarom op de shortlist"],
            [[item.title, _why(item, memo.too_few)] for item in memo.shortlist],
        ),
        (
            "Uitslag inwoners",
            [
                ("plaats", whole),
                "thema",
                ("stemmen", count),
                ("stemmers", count),
                ("aandeel", "share"),
                "op de shortlist",
                "kleine groep",
            ],
            _residents(memo),
        ),
        (
            "Dorpsbelangen",
            [
                "dorp",
                "dorpsbelang",
                ("versie", whole),
                ("plaats", whole),
                "thema",
                "reden",
                "algemene opmerkingen",
            ],
            [
                [v.village, v.association, v.version, v.rank, v.theme, v.reason, v.remarks]
                for v in memo.views
            ],
        ),
        (
            "Indicatoren",
            ["thema", "indicator", "bron", ("jaar", whole), ("waarde", "number"), "trend"],
            [
                [i.theme, i.name, i.source, year, value, TREND_NAMES.get(i.trend, i.trend)]
                for i in memo.indicators
                for year, value in i.values
            ],
        ),
        (
            "Stippen",
            [
                ("ronde", whole),
                "thema",
                *((GROUP_NAMES[g], count) for g in GROUPS),
                ("totaal", count),
            ],
            [
                [
                    r.number,
                    item.title,
                    *(r.by_theme.get(item.theme_id, {}).get(g, 0) for g in GROUPS),
                    r.by_theme.get(item.theme_id, {}).get("total", 0),
                ]
                for r in memo.rounds
                for item in memo.shortlist
            ],
        ),
    ]
    return simple_workbook(tables)
