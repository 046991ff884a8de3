"""The regional outcome's JSON: the common part once and a part per municipality; and a
municipality's outcome JSON for a campaign it adopted from its region."""

from __future__ import annotations

from typing import Any

from participation.domain.plan_parts import MunicipalPart, PlanPriority, RegionalPlanData
from participation.renderers.exports import _action_json, _goal_json


def _priority(item: PlanPriority) -> dict[str, Any]:
    shown: dict[str, Any] = {
        "theme_id": item.theme_id,
        "title": item.title,
        "common_theme": item.common_theme,
        "reason": item.reason,
        "resident_rank": item.resident_rank,
        "resident_share": round(item.resident_share, 4)
        if item.resident_share is not None
        else None,
    }
    if item.chosen:
        shown |= {
            "safety_field": item.safety_field,
            "goals": [_goal_json(goal) for goal in item.goals],
            "actions": [_action_json(action) for action in item.actions],
        }
    return shown


def _part(part: MunicipalPart) -> dict[str, Any]:
    return {
        "municipality": part.slug,
        "name": part.name,
        "campaign": part.campaign,
        "ballots": part.ballots,
        "priorities": [_priority(item) for item in part.priorities],
        "not_chosen": [_priority(item) for item in part.not_chosen],
    }


def _head(plan: RegionalPlanData) -> dict[str, Any]:
    return {
        "region": plan.region,
        "regional_campaign": plan.campaign,
        "decided_on": plan.decided_on.isoformat() if plan.decided_on else None,
        "summary": plan.summary,
        "plan": {"first_year": plan.first_year, "last_year": plan.last_year},
        "common": {
            "ballots": plan.ballots,
            "priorities": [_priority(item) for item in plan.common],
            "not_chosen": [_priority(item) for item in plan.common_not_chosen],
        },
    }


def regional_outcome_json(plan: RegionalPlanData) -> dict[str, Any]:
    """The region's outcome: the common priorities (placed by the whole region), then each
    municipality's local ones (placed by its own residents)."""
    return {**_head(plan), "municipalities": [_part(part) for part in plan.parts]}


def municipal_outcome_json(plan: RegionalPlanData) -> dict[str, Any]:
    """A municipality's outcome of an adopted campaign: the outcome contract's keys (the
    priorities and the rest, common ones first, each saying whether it is common), with the
    region's common part and the municipality's own part beside them. Places are its own
    residents'."""
    own = plan.parts[0]
    return {
        **_head(plan),
        "campaign": own.campaign,
        "local": _part(own),
        "priorities": [{**_priority(item), "part": "common"} for item in plan.common]
        + [{**_priority(item), "part": "local"} for item in own.priorities],
        "not_chosen": [{**_priority(item), "part": "common"} for item in plan.common_not_chosen]
        + [{**_priority(item), "part": "local"} for item in own.not_chosen],
    }
