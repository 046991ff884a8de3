"""The yearly progress report as an Excel workbook (always Dutch); the page and its PDF are
one template, templates/results/progress.html."""

from __future__ import annotations

from participation.domain.vocabulary import ACTION_STATUS_NAMES, DIRECTION_NAMES, PROGRESS_NAMES
from participation.renderers.sheets import simple_workbook
from participation.services.outcome.outcome import OutcomeView


def workbook(view: OutcomeView) -> bytes:
    """Priorities, goals with their progress, and actions with every update, one per sheet."""
    whole, number = "int", "number"
    goals = [(item, state) for item in view.priorities for state in item.goals]
    actions = [(item, action) for item in view.priorities for action in item.actions]
    tables = [
        (
            "Prioriteiten",
            ["prioriteit", ("plaats inwoners", whole), ("aandeel inwoners", "share"), "reden"],
            [
                [i.theme.title, i.resident_rank, round(i.resident_share, 4), i.reason]
                for i in view.priorities
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
                    item.theme.title,
                    s.goal.description,
                    "meetbaar" if s.measurable else "beschreven",
                    PROGRESS_NAMES[s.progress.value],
                    s.goal.indicator.name if s.goal.indicator else "",
                    DIRECTION_NAMES.get(s.goal.direction or "", ""),
                    s.goal.baseline_year,
                    s.goal.baseline_value,
                    s.goal.target_year,
                    s.goal.target_value,
                    s.latest[0] if s.latest else None,
                    s.latest[1] if s.latest else None,
                    f"{s.update.on:%d-%m-%Y}: {s.update.note}" if s.update else "",
                ]
                for item, s in goals
            ],
        ),
        (
            "Acties",
            ["prioriteit", "actie", "partner", ("wanneer", "date"), "status", "voortgang"],
            [
                [
                    item.theme.title,
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
