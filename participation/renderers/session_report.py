"""The session memo as an Excel workbook (always Dutch); the page and its PDF are one template,
templates/staff/session_report.html."""

from __future__ import annotations

from participation.domain.priorities import GROUPS
from participation.domain.vocabulary import GROUP_NAMES, SAFETY_FIELDS, TREND_NAMES
from participation.renderers.sheets import simple_workbook


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
    """The memo's tables as a workbook, one per sheet (see renderers.sheets), from
    services.sessions.memo.context."""
    session, total = found["session"], found["results"].total
    listed = {item.theme_id for item in found["shortlist"]}
    count, whole = "count", "int"
    tables = [
        (
            "Besluiten",
            ["thema", "gekozen", "veiligheidsveld", ("plaats inwoners", whole), "reden"],
            [
                [
                    d.theme.title,
                    "ja" if d.chosen else "nee",
                    SAFETY_FIELDS.get(d.safety_field or 0, ""),
                    _rank(found, d.theme_id),
                    d.rationale,
                ]
                for d in session.decisions
            ],
        ),
        (
            "Shortlist",
            ["thema", "waarom op de shortlist"],
            [[item.theme.title, _why(item)] for item in found["shortlist"]],
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
            ],
            [
                [
                    r.rank,
                    r.theme.title,
                    r.votes,
                    total.ballots,
                    round(r.share, 4),
                    "ja" if r.theme.id in listed else "nee",
                ]
                for r in total.themes
            ],
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
                [
                    item.association.area.name,
                    item.association.name,
                    item.view.version,
                    e.rank,
                    e.theme.title,
                    e.reason,
                    item.view.remarks,
                ]
                for item in found["views"]
                for e in item.view.themes
            ],
        ),
        (
            "Indicatoren",
            ["thema", "indicator", "bron", ("jaar", whole), ("waarde", "number"), "trend"],
            [
                [
                    i.theme.title,
                    i.name,
                    i.source,
                    v.year,
                    v.value,
                    TREND_NAMES.get(i.trend, i.trend),
                ]
                for i in found["indicators"]
                for v in i.values
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
                    item.theme.title,
                    *(r.by_theme.get(item.theme_id, {}).get(g, 0) for g in GROUPS),
                    r.by_theme.get(item.theme_id, {}).get("total", 0),
                ]
                for r in found["rounds"]
                for item in found["shortlist"]
            ],
        ),
    ]
    return simple_workbook(tables)
