"""The regional campaign as its coordinator writes it: method, period, common themes, opening."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NoReturn

from sqlalchemy import select

from participation import tenancy
from participation.domain import regional_campaigns as rules
from participation.domain.campaigns import campaign_phase
from participation.domain.refusals import Refused
from participation.domain.regional_campaigns import Period, RegionalProblem
from participation.domain.theme_import import DEFAULT_THEMES
from participation.domain.vocabulary import CampaignStatus
from participation.extensions import db
from participation.models import Campaign, RegionalCampaign, RegionalTheme, StaffUser
from participation.services import audit
from participation.services.ownership import MAX_ID
from participation.services.regions import setup
from participation.timeutil import utcnow

log = logging.getLogger(__name__)


class RegionalRefused(Refused):
    """The change breaks a rule of the regional campaign (problems: RegionalProblem); nothing
    changed."""


@dataclass(frozen=True)
class RegionalCampaignData:
    """What the coordinator's form gives: the texts, the method (pick k of n), the period."""

    slug: str
    title: str
    intro: str
    min_picks: int
    max_picks: int
    period_starts: datetime
    period_ends: datetime


@dataclass(frozen=True)
class CommonThemeData:
    title: str
    explanation: str
    safety_field: int


@dataclass(frozen=True)
class Adoption:
    """One municipality's campaign in the regional campaign, as the coordinator reads it."""

    municipality: str
    slug: str
    opens_at: datetime | None
    closes_at: datetime | None
    phase: str
    local_themes: int
    municipality_slug: str = ""  # its residents' pages are /<this>/… on the region's host


def _refuse(problems: list[RegionalProblem]) -> NoReturn:
    """Nothing of a refused change stays in the session: roll back, then say why."""
    db.session.rollback()
    raise RegionalRefused(problems)


def all_campaigns() -> list[RegionalCampaign]:
    """The region's campaigns, newest first (the ORM rule keeps them to this region)."""
    return list(db.session.scalars(select(RegionalCampaign).order_by(RegionalCampaign.id.desc())))


def by_slug(slug: str) -> RegionalCampaign | None:
    return db.session.scalar(select(RegionalCampaign).where(RegionalCampaign.slug == slug))


def theme_of(campaign: RegionalCampaign, theme_id: object) -> RegionalTheme | None:
    """A common theme of this regional campaign named by an id from the URL, or None."""
    if type(theme_id) is not int or not 0 < theme_id <= MAX_ID:
        return None
    return next((theme for theme in campaign.themes if theme.id == theme_id), None)


def _snapshot(campaign: RegionalCampaign) -> dict[str, Any]:
    return {
        "slug": campaign.slug,
        "title": campaign.title,
        "intro": campaign.intro,
        "min_picks": campaign.min_picks,
        "max_picks": campaign.max_picks,
        "period_starts": campaign.period_starts,
        "period_ends": campaign.period_ends,
    }


def _slug_taken(slug: str, campaign: RegionalCampaign | None) -> bool:
    found = by_slug(slug)
    return found is not None and found is not campaign


def _apply(campaign: RegionalCampaign, data: RegionalCampaignData) -> None:
    campaign.slug, campaign.title, campaign.intro = data.slug, data.title.strip(), data.intro
    campaign.min_picks, campaign.max_picks = data.min_picks, data.max_picks
    campaign.period_starts, campaign.period_ends = data.period_starts, data.period_ends


def create(data: RegionalCampaignData, actor: StaffUser) -> RegionalCampaign:
    """A draft regional campaign with the twelve standard themes as its common themes."""
    problems = rules.check_method(
        Period(data.period_starts, data.period_ends),
        (data.min_picks, data.max_picks),
        len(DEFAULT_THEMES),
    )
    if _slug_taken(data.slug, None):
        problems.insert(0, RegionalProblem.SLUG_TAKEN)
    if problems:
        _refuse(problems)
    campaign = RegionalCampaign(status=CampaignStatus.DRAFT.value)
    _apply(campaign, data)
    campaign.themes = [
        RegionalTheme(title=title, explanation=explanation, safety_field=field, position=n)
        for n, (title, explanation, field) in enumerate(DEFAULT_THEMES, start=1)
    ]
    db.session.add(campaign)
    db.session.flush()
    audit.record(
        actor,
        "regional_campaign.create",
        f"regional_campaign:{campaign.slug}",
        audit.describe_changes({}, _snapshot(campaign)),
    )
    db.session.commit()
    return campaign


def update(campaign: RegionalCampaign, data: RegionalCampaignData, actor: StaffUser) -> None:
    """Change texts, method and period; once open, the method stays and the period keeps
    every adopting municipality's dates inside it."""
    adopted = [(a.opens_at, a.closes_at) for a in adoptions(campaign)]
    problems = rules.check_edit(
        campaign.status == CampaignStatus.DRAFT.value,
        (campaign.min_picks, campaign.max_picks),
        (Period(data.period_starts, data.period_ends), (data.min_picks, data.max_picks)),
        len(campaign.themes),
        adopted,
    )
    if _slug_taken(data.slug, campaign):
        problems.insert(0, RegionalProblem.SLUG_TAKEN)
    if problems:
        _refuse(problems)
    before = _snapshot(campaign)
    _apply(campaign, data)
    audit.record(
        actor,
        "regional_campaign.update",
        f"regional_campaign:{campaign.slug}",
        audit.describe_changes(before, _snapshot(campaign)),
    )
    db.session.commit()


def _others(campaign: RegionalCampaign, theme: RegionalTheme | None) -> list[str]:
    return [t.title for t in campaign.themes if t is not theme]


def _is_draft(campaign: RegionalCampaign) -> bool:
    return campaign.status == CampaignStatus.DRAFT.value


def _theme_target(campaign: RegionalCampaign, theme: RegionalTheme) -> str:
    return f"regional_campaign:{campaign.slug}/theme:{theme.id}"


def add_theme(campaign: RegionalCampaign, data: CommonThemeData, actor: StaffUser) -> None:
    problems = rules.check_theme_change(
        _is_draft(campaign), data.title, _others(campaign, None), adding=True
    )
    if problems:
        _refuse(problems)
    last = max((t.position for t in campaign.themes), default=0)
    theme = RegionalTheme(
        title=data.title.strip(),
        explanation=data.explanation.strip(),
        safety_field=data.safety_field,
        position=last + 1,
    )
    campaign.themes.append(theme)
    db.session.flush()
    audit.record(actor, "regional_theme.create", _theme_target(campaign, theme), theme.title)
    db.session.commit()


def update_theme(theme: RegionalTheme, data: CommonThemeData, actor: StaffUser) -> None:
    campaign = theme.regional_campaign
    problems = rules.check_theme_change(_is_draft(campaign), data.title, _others(campaign, theme))
    if problems:
        _refuse(problems)
    before = {"title": theme.title, "explanation": theme.explanation, "field": theme.safety_field}
    theme.title, theme.explanation = data.title.strip(), data.explanation.strip()
    theme.safety_field = data.safety_field
    after = {"title": theme.title, "explanation": theme.explanation, "field": theme.safety_field}
    audit.record(
        actor,
        "regional_theme.update",
        _theme_target(campaign, theme),
        audit.describe_changes(before, after),
    )
    db.session.commit()


def delete_theme(theme: RegionalTheme, actor: StaffUser) -> None:
    """Remove a common theme of a draft; the others close up so positions stay 1, 2, …"""
    campaign = theme.regional_campaign
    problems = rules.check_theme_change(_is_draft(campaign), None, [])
    if problems:
        _refuse(problems)
    audit.record(actor, "regional_theme.delete", _theme_target(campaign, theme), theme.title)
    campaign.themes.remove(theme)
    db.session.flush()
    for n, kept in enumerate(campaign.themes, start=1):
        kept.position = -n  # positions are unique per campaign: park them first
    db.session.flush()
    for n, kept in enumerate(campaign.themes, start=1):
        kept.position = n
    db.session.commit()


def open_for_adoption(campaign: RegionalCampaign, actor: StaffUser) -> None:
    """The region's municipalities see it and may adopt it; its method and themes are fixed."""
    problems = rules.check_opening(
        _is_draft(campaign), (campaign.min_picks, campaign.max_picks), len(campaign.themes)
    )
    if problems:
        _refuse(problems)
    campaign.status = CampaignStatus.OPEN.value
    audit.record(
        actor, "regional_campaign.open", f"regional_campaign:{campaign.slug}", "draft → open"
    )
    db.session.commit()
    log.info("regional campaign %s opened for adoption", campaign.id)


def adoptions(campaign: RegionalCampaign) -> list[Adoption]:
    """Which of the region's municipalities adopted it, with their own dates (read across the
    region: on its host, never written)."""
    members = {m.id: m for m in setup.member_municipalities(tenancy.current_region_id())}
    found = db.session.scalars(
        select(Campaign).where(Campaign.regional_campaign_id == campaign.id)
    ).all()
    now = utcnow()
    return sorted(
        (
            Adoption(
                municipality=members[row.municipality_id].name
                if row.municipality_id in members
                else "?",
                slug=row.slug,
                opens_at=row.opens_at,
                closes_at=row.closes_at,
                phase=campaign_phase(row.status, row.opens_at, row.closes_at, now),
                local_themes=sum(1 for t in row.themes if t.regional_theme_id is None),
                municipality_slug=members[row.municipality_id].slug
                if row.municipality_id in members
                else "",
            )
            for row in found
        ),
        key=lambda adoption: adoption.municipality,
    )
