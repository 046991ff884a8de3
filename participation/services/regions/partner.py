"""The partner view of a regional campaign, read across the region and changing nothing."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from participation import tenancy
from participation.domain.outcome_data import GoalProgress, PlannedAction
from participation.domain.partner_view import (
    COMMON,
    CORE,
    LOCAL,
    MUNICIPALITY,
    REGION,
    FigureLine,
    PartnerView,
    PriorityLine,
)
from participation.domain.priorities import trend_of
from participation.models import Campaign, Municipality, RegionalCampaign
from participation.services.campaigns import indicators as own_indicators
from participation.services.outcome import outcome, programme
from participation.services.regions import access, regional_outcome, setup
from participation.services.regions import indicators as regional_indicators
from participation.services.results import regional


def gather(campaign: RegionalCampaign) -> PartnerView:
    """Everything the partner view and its workbook show, as today's counts."""
    region = access.current_region()
    adopted = regional.adopting(campaign)
    shown, published, years = _priorities(campaign, adopted)
    return PartnerView(
        region.name if region else "",
        region.police_team if region else "",
        regional.gather(campaign, public=False),
        figures(campaign, adopted),
        tuple(shown),
        published,
        years,
    )


def figures(
    campaign: RegionalCampaign, adopted: Sequence[tuple[Municipality, Campaign]] | None = None
) -> tuple[FigureLine, ...]:
    """The coordinator's figures and each adopting municipality's own, every level."""
    if adopted is None:
        adopted = regional.adopting(campaign)
    return tuple(_regional_figures(campaign) + _own_figures(campaign, adopted))


def _regional_figures(campaign: RegionalCampaign) -> list[FigureLine]:
    """The coordinator's figures on the common themes: the region's and each municipality's.
    The indicator's trend is the region's; each municipality's line gets its own."""
    names = _names(campaign)
    region = access.current_region()
    region_name = region.name if region else ""
    lines = []
    for found in regional_indicators.table(campaign):
        i = found.indicator
        about = (found.theme, True, i.name, i.source)
        if found.region:
            lines.append(FigureLine(REGION, region_name, "", *about, i.trend, found.region))
        for municipality_id, values in found.municipalities.items():
            name = names.get(municipality_id)
            if name is not None:
                trend = trend_of(values)
                lines.append(FigureLine(MUNICIPALITY, name, name, *about, trend, values))
    return lines


def _own_figures(
    campaign: RegionalCampaign, adopted: Sequence[tuple[Municipality, Campaign]]
) -> list[FigureLine]:
    """Each adopting municipality's own figures for its campaign: its own (with the
    indicator's trend) and each core's (with the core's own trend)."""
    lines = []
    for municipality, adopting in adopted:
        name = municipality.name
        with tenancy.acting_for(adopting.municipality_id):
            for i in own_indicators.for_campaign(adopting):
                common = i.theme.regional_theme_id is not None
                about = (i.theme.title, common, i.name, i.source)
                if i.values:
                    whole = tuple((v.year, v.value) for v in i.values)
                    lines.append(FigureLine(MUNICIPALITY, name, name, *about, i.trend, whole))
                for _, kept in groupby(i.core_values, key=lambda v: v.area_id):
                    values = list(kept)
                    area = values[0].area
                    if area is not None:
                        given = tuple((v.year, v.value) for v in values)
                        trend = trend_of(given)
                        lines.append(FigureLine(CORE, area.name, name, *about, trend, given))
    return lines


def _names(campaign: RegionalCampaign) -> dict[int, str]:
    return {m.id: m.name for m in setup.member_municipalities(campaign.region_id)}


def _priorities(
    campaign: RegionalCampaign, adopted: Sequence[tuple[Municipality, Campaign]]
) -> tuple[list[PriorityLine], bool, tuple[int, int] | None]:
    """The common priorities and each municipality's local ones, chosen at the regional
    session (services.regions.regional_outcome), and what a municipality chose in a session
    of its own for its adopted campaign (services.outcome), with goals and actions."""
    view = regional_outcome.gather(campaign, public=False)
    lines = [
        PriorityLine(
            COMMON,
            "",
            item.theme.title,
            item.rank,
            item.share,
            item.decision.rationale,
            _goals(item.goals),
            _actions(item.actions),
        )
        for item in view.common
    ]
    for part in view.parts:
        lines += [
            PriorityLine(
                LOCAL,
                part.municipality.name,
                item.theme.title,
                item.rank,
                item.share,
                item.decision.rationale,
                _goals(item.goals),
                _actions(item.actions),
            )
            for item in part.priorities
        ]
    lines += _own_sessions(adopted, {(p.municipality, p.theme) for p in lines})
    period = view.period
    years = (period.first_year, period.last_year) if period is not None else None
    return lines, regional_outcome.is_published(campaign), years


def _own_sessions(
    adopted: Sequence[tuple[Municipality, Campaign]], known: set[tuple[str, str]]
) -> list[PriorityLine]:
    lines = []
    for municipality, campaign in adopted:
        name = municipality.name
        with tenancy.acting_for(campaign.municipality_id):
            if not outcome.sessions_with_decisions(campaign):
                continue
            data = outcome.outcome_data(outcome.gather(campaign, public=False))
        for item in data.priorities:
            if (name, item.title) in known:
                continue
            lines.append(
                PriorityLine(
                    LOCAL,
                    name,
                    item.title,
                    item.resident_rank,
                    item.resident_share,
                    item.reason,
                    item.goals,
                    item.actions,
                )
            )
    return lines


def _goals(states: regional_outcome.Goals) -> tuple[GoalProgress, ...]:
    return tuple(programme.goal_progress(state) for state in states)


def _actions(actions: regional_outcome.Actions) -> tuple[PlannedAction, ...]:
    return tuple(programme.planned_action(a) for a in actions)
