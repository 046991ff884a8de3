"""The partner view as an Excel workbook (always Dutch), one sheet per table of the page."""

from __future__ import annotations

from participation.domain.partner_view import COMMON, PartnerView
from participation.domain.vocabulary import (
    ACTION_STATUS_NAMES,
    DIRECTION_NAMES,
    PROGRESS_NAMES,
    TREND_NAMES,
)
from participation.renderers.sheets import SimpleSheet, simple_workbook

WHOLE, SHARE, NUMBER = "int", "share", "number"
LEVELS = {"region": "regio", "municipality": "gemeente", "core": "kern"}
KINDS = {"common": "gemeenschappelijk", "local": "lokaal"}


def workbook(view: PartnerView) -> bytes:
    """One sheet per table of the page; a long shape where a column per municipality would
    not fit (the figures: one row per value)."""
    names = [m.name for m in view.municipalities]
    side: list[str | tuple[str, str]] = ["thema", ("plaats regio", WHOLE), ("aandeel regio", SHARE)]
    for name in names:
        side += [(f"plaats {name}", WHOLE), (f"aandeel {name}", SHARE)]
    rows = []
    for row in view.side_by_side():
        cells: list[object] = [row.theme.title, row.region.rank, round(row.region.share, 4)]
        for found in row.municipalities:
            cells += [found.rank, round(found.share, 4)] if found else [None, None]
        rows.append(cells)
    own = [
        [
            m.name,
            t.theme.title,
            "ja" if t.theme.id in m.regional_ids else "nee (lokaal thema)",
            t.rank,
            t.votes,
            m.tally.ballots,
            round(t.share, 4),
        ]
        for m in view.municipalities
        for t in m.tally.themes
    ]
    tables: list[SimpleSheet] = [
        ("Naast elkaar", side, rows),
        (
            "Per gemeente",
            [
                "gemeente",
                "thema",
                "gemeenschappelijk thema",
                ("plaats", WHOLE),
                ("stemmen", "count"),
                ("stemmers", "count"),
                ("aandeel", SHARE),
            ],
            own,
        ),
        (
            "Cijfers",
            [
                "niveau",
                "gebied",
                "gemeente",
                "thema",
                "indicator",
                "bron",
                "trend",
                ("jaar", WHOLE),
                ("waarde", NUMBER),
            ],
            [
                [
                    LEVELS[f.level],
                    f.area,
                    f.municipality,
                    f.theme,
                    f.indicator,
                    f.source,
                    TREND_NAMES.get(f.trend, f.trend),
                    year,
                    value,
                ]
                for f in view.figures
                for year, value in f.values
            ],
        ),
        (
            "Prioriteiten",
            [
                "soort",
                "gemeente",
                "prioriteit",
                ("plaats inwoners", WHOLE),
                ("aandeel inwoners", SHARE),
                "reden",
            ],
            [
                [
                    KINDS[p.kind],
                    p.municipality if p.kind != COMMON else "",
                    p.theme,
                    p.rank,
                    round(p.share, 4) if p.share is not None else None,
                    p.reason,
                ]
                for p in view.priorities
            ],
        ),
        (
            "Doelen",
            [
                "soort",
                "gemeente",
                "prioriteit",
                "doel",
                "stand",
                "indicator",
                "richting",
                ("doeljaar", WHOLE),
                ("doelwaarde", NUMBER),
                ("laatste jaar", WHOLE),
                ("laatste waarde", NUMBER),
            ],
            [
                [
                    KINDS[p.kind],
                    p.municipality,
                    p.theme,
                    g.description,
                    PROGRESS_NAMES[g.progress.value],
                    g.indicator or "",
                    DIRECTION_NAMES.get(g.direction or "", ""),
                    g.target_year,
                    g.target_value,
                    g.latest[0] if g.latest else None,
                    g.latest[1] if g.latest else None,
                ]
                for p in view.priorities
                for g in p.goals
            ],
        ),
        (
            "Acties",
            ["soort", "gemeente", "prioriteit", "actie", "partner", ("wanneer", "date"), "status"],
            [
                [
                    KINDS[p.kind],
                    p.municipality,
                    p.theme,
                    a.what,
                    a.partner,
                    a.due_on,
                    ACTION_STATUS_NAMES[a.status],
                ]
                for p in view.priorities
                for a in p.actions
            ],
        ),
    ]
    return simple_workbook(tables)
