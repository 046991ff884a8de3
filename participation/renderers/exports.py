"""Results as the contract shapes: JSON-ready dicts and the tallies CSV."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from participation.domain.cycles import ThemeChange
from participation.domain.outcome_data import GoalProgress, OutcomeData, PlannedAction
from participation.domain.result_data import CampaignResults, ChannelCount, Comparison
from participation.domain.safe_cells import PLAIN, CsvDialect, SafeCsvWriter
from participation.domain.tally import GroupTally

TOTAL_LABEL = "TOTAL"
CSV_HEADER = ("village", "theme_id", "theme", "votes", "ballots", "share")


def _themes_json(tally: GroupTally) -> list[dict[str, Any]]:
    return [
        {
            "id": row.theme.id,
            "title": row.theme.title,
            "votes": row.votes,
            "share": round(row.share, 4),
            "rank": row.rank,
            "interval": [round(row.low, 4), round(row.high, 4)],
        }
        for row in tally.themes
    ]


def _channels_json(channels: dict[str, ChannelCount]) -> dict[str, Any]:
    return {
        channel: {"ballots": count.ballots, "votes": {str(k): v for k, v in count.votes.items()}}
        for channel, count in sorted(channels.items())
    }


def _weighted_json(results: CampaignResults) -> dict[str, Any] | None:
    weighted = results.weighted
    if weighted is None:
        return None
    return {
        "ballots": weighted.ballots,
        "effective_n": round(weighted.effective_n, 1),
        # Villages under 30 voters weighed together with the one nearest in population.
        "merged": [list(group) for group in weighted.merged],
        "themes": [
            {
                "id": theme_id,
                "share": round(share, 4),
                "interval": [round(bound, 4) for bound in weighted.interval(theme_id)],
            }
            for theme_id, share in weighted.shares.items()
        ],
    }


def results_json(results: CampaignResults, comparison: Comparison | None = None) -> dict[str, Any]:
    """The results JSON contract: total and per village, themes listed by rank.

    Beyond the contract, each level has "channels": ballots and votes per theme id for each
    channel (web, qr, stand, paper), so paper counts can be told apart, and "trust_levels" in
    the same shape per trust level (stand, code, device), always for every level. The top
    level says which levels were counted ("min_trust", null for all) and how many ballots
    staff excluded ("excluded_ballots"); "weighted" holds the population-weighted shares with
    the effective sample size (null without populations); each theme has its 95 % Wilson
    "interval", and each village lists the themes that "stands_out" against the total.

    For the public these are the figures of the latest release ("release": its number,
    "released_at": when, UTC; both null for staff's live count); villages shown together have
    slug "overige-dorpen" (then "overige-dorpen-2", ...) and list their "members" by name.

    With a comparison (?vergelijk=<slug>), "compared_with" names the earlier campaign and each
    total theme has "previous" ({"rank", "share"}, null for a new theme) and "change"
    ({"share_diff", "interval"}: now minus then, with Newcombe's 95 % interval).
    """
    shown: dict[str, Any] = {
        "campaign": results.campaign.slug,
        "ballots": results.total.ballots,
        "themes": _themes_json(results.total),
        "min_trust": results.min_trust,
        "excluded_ballots": results.excluded,
        "release": results.release,
        "released_at": results.released_at.isoformat() if results.released_at else None,
        "channels": _channels_json(results.channels),
        "trust_levels": _channels_json(results.trust),
        "weighted": _weighted_json(results),
        "villages": [
            {
                "slug": village.slug,
                "name": village.name,
                "members": list(village.members),
                "ballots": village.tally.ballots,
                "themes": _themes_json(village.tally),
                "channels": _channels_json(village.channels),
                "trust_levels": _channels_json(village.trust),
                "stands_out": [
                    {
                        "id": item.theme_id,
                        "share": round(item.village_share, 4),
                        "total_share": round(item.total_share, 4),
                    }
                    for item in village.stand_outs
                ],
            }
            for village in results.villages
        ],
    }
    if comparison is not None:
        shown["compared_with"] = comparison.previous.slug
        for theme in shown["themes"]:
            theme |= _change_json(comparison.for_theme(theme["id"]))
    return shown


def _change_json(change: ThemeChange | None) -> dict[str, Any]:
    if change is None or change.previous is None:
        return {"previous": None, "change": None}
    interval = change.interval
    return {
        "previous": {"rank": change.previous.rank, "share": round(change.previous.share, 4)},
        "change": {
            "share_diff": round(change.share_diff or 0.0, 4),
            "interval": [round(bound, 4) for bound in interval] if interval else None,
        },
    }


def tallies_csv(results: CampaignResults, dialect: CsvDialect = PLAIN) -> str:
    """The tallies CSV contract: one row per village × theme, then the TOTAL rows."""
    buffer = io.StringIO()
    writer = SafeCsvWriter(buffer, dialect)
    writer.writerow(CSV_HEADER)
    groups = [(v.slug, v.tally) for v in results.villages] + [(TOTAL_LABEL, results.total)]
    for label, tally in groups:
        for row in sorted(tally.themes, key=lambda r: r.theme.position):
            writer.writerow(
                (label, row.theme.id, row.theme.title, row.votes, tally.ballots, _four(row.share))
            )
    return buffer.getvalue()


def _four(share: float) -> Decimal:
    """A share with four decimals, as the contract writes it (0.5933)."""
    return Decimal(f"{share:.4f}")


def outcome_json(outcome: OutcomeData) -> dict[str, Any]:
    """The outcome contract: the chosen priorities with their programme, and the rest."""
    return {
        "campaign": outcome.campaign,
        "decided_on": outcome.decided_on.isoformat() if outcome.decided_on else None,
        "priorities": [
            {
                "theme_id": item.theme_id,
                "title": item.title,
                "reason": item.reason,
                "resident_rank": item.resident_rank,
                "resident_share": round(item.resident_share, 4),
                "goals": [_goal_json(goal) for goal in item.goals],
                "actions": [_action_json(action) for action in item.actions],
            }
            for item in outcome.priorities
        ],
        "not_chosen": [
            {
                "theme_id": item.theme_id,
                "title": item.title,
                "resident_rank": item.resident_rank,
                "reason": item.reason,
            }
            for item in outcome.not_chosen
        ],
    }


def _goal_json(goal: GoalProgress) -> dict[str, Any]:
    shown: dict[str, Any] = {
        "description": goal.description,
        "kind": goal.kind,
        "progress": goal.progress.value,
    }
    if goal.measurable:
        shown |= {
            "indicator": goal.indicator,
            "direction": goal.direction,
            "baseline": {"year": goal.baseline_year, "value": goal.baseline_value},
            "target": {"year": goal.target_year, "value": goal.target_value},
            "latest": {"year": goal.latest[0], "value": goal.latest[1]} if goal.latest else None,
        }
    elif goal.update is not None:
        shown["explained"] = {"on": goal.update.on.isoformat(), "note": goal.update.note}
    return shown


def _action_json(action: PlannedAction) -> dict[str, Any]:
    return {
        "what": action.what,
        "partner": action.partner,
        "due_on": action.due_on.isoformat() if action.due_on else None,
        "status": action.status,
        "updates": [
            {"on": u.on.isoformat(), "status": u.status, "note": u.note} for u in action.updates
        ],
    }
