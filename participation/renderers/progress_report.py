"""The yearly progress report as an Excel workbook (always Dutch); the page and its PDF are
one template, templates/results/progress.html."""

from __future__ import annotations

from participation.domain.outcome_data import OutcomeData
from participation.domain.vocabulary import ACTION_STATUS_NAMES, DIRECTION_NAMES, PROGRESS_NAMES
from participation.renderers.sheets import SimpleSheet, simple_workbook


def workbook(outcome: OutcomeData) -> bytes:
    """Priorities, goals with their progress, and actions with every update, one per sheet."""
    whole, number = "int", "number"
    goals = [(item, goal) for item in outcome.priorities for goal in item.goals]
    actions = [(item, action) for item in outcome.priorities for action in item.actions]
    tables: list[SimpleSheet] = [
        (
            "Prioriteiten",
            ["prioriteit", ("plaats inwoners", whole), ("aandeel inwoners", "share"), "reden"],
            [
                [i.title, i.resident_rank, round(i.resident_share, 4), i.reason]
                for i in outcome.priorities
            ],
        ),
        (
            "Doelen",
            [
                "prioriteit",
                "doel",
                "soort",
                "stand",
                "indicator",
                "richting",
                ("beginjaar", whole),
                ("beginwaarde", number),
                ("doeljaar", whole),
                ("doelwaarde", number),
                ("laatste jaar", whole),
                ("laatste waarde", number),
                "toelichting",
            ],
            [
                [
                    item.title,
                    g.description,
                    "meetbaar" if g.measurable else "beschreven",
                    PROGRESS_NAMES[g.progress.value],
                    g.indicator or "",
                    DIRECTION_NAMES.get(g.direction or "", ""),
                    g.baseline_year,
                    g.baseline_value,
                    g.target_year,
                    g.target_value,
                    g.latest[0] if g.latest else None,
                    g.latest[1] if g.latest else None,
                    f"{g.update.on:%d-%m-%Y}: {g.update.note}" if g.update else "",
                ]
                for item, g in goals
            ],
        ),
        (
            "Acties",
            ["prioriteit", "actie", "partner", ("wanneer", "date"), "status", "voortgang"],
            [
                [
                    item.title,
                    a.what,
                    a.partner,
                    a.due_on,
                    ACTION_STATUS_NAMES[a.status],
                    "; ".join(
                        f"{u.on:%d-%m-%Y} {ACTION_STATUS_NAMES[u.status]}"
                        + (f": {u.note}" if u.note else "")
                        for u in a.updates
                    ),
                ]
                for item, a in actions
            ],
        ),
    ]
    return simple_workbook(tables)
