"""A municipality adopts its region's campaign: an ordinary campaign of its own, linked to it."""

from __future__ import annotations

import copy
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import NoReturn

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from participation import tenancy
from participation.domain import regional_campaigns as rules
from participation.domain.ballots import free_bit
from participation.domain.regional_campaigns import Period, RegionalProblem
from participation.domain.vocabulary import CampaignStatus
from participation.extensions import db
from participation.models import Area, Campaign, Municipality, Region, RegionalCampaign, StaffUser
from participation.models import Theme as BallotTheme
from participation.services import audit, municipalities
from participation.services.ballots import voting
from participation.services.campaigns import campaign_edits
from participation.services.regions.campaigns import RegionalRefused

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AdoptionData:
    """What the municipality chooses itself: its short name, its dates, its villages."""

    slug: str
    opens_at: datetime | None
    closes_at: datetime | None
    village_ids: list[int]


@dataclass(frozen=True)
class Offer:
    """An open regional campaign of the municipality's region, and its campaign if adopted."""

    regional: RegionalCampaign
    adopted: Campaign | None


def _refuse(problems: list[RegionalProblem]) -> NoReturn:
    db.session.rollback()
    raise RegionalRefused(problems)


def in_a_region() -> bool:
    """Whether the current municipality belongs to a region (its host chose one)."""
    return tenancy.chosen_region_id() is not None


def _open() -> list[RegionalCampaign]:
    """The region's campaigns open for adoption; drafts are the coordinator's alone."""
    return list(
        db.session.scalars(
            select(RegionalCampaign)
            .where(RegionalCampaign.status != CampaignStatus.DRAFT.value)
            .order_by(RegionalCampaign.period_starts.desc(), RegionalCampaign.id.desc())
        )
    )


def offers() -> list[Offer]:
    """The region's open campaigns, each with this municipality's campaign when it adopted."""
    if not in_a_region():
        return []
    adopted = {
        row.regional_campaign_id: row
        for row in db.session.scalars(
            select(Campaign).where(Campaign.regional_campaign_id.is_not(None))
        )
    }
    return [Offer(regional, adopted.get(regional.id)) for regional in _open()]


def open_by_slug(slug: str) -> RegionalCampaign | None:
    """An open regional campaign of this municipality's region, or None."""
    if not in_a_region():
        return None
    return next((regional for regional in _open() if regional.slug == slug), None)


def adopted_campaign(regional: RegionalCampaign) -> Campaign | None:
    return db.session.scalar(select(Campaign).where(Campaign.regional_campaign_id == regional.id))


def adopt(regional: RegionalCampaign, data: AdoptionData, actor: StaffUser) -> Campaign:
    """Make the municipality's own campaign of it (a draft): the region's title, intro, method
    and common themes, with this municipality's short name, dates and villages. Once per
    municipality; refused whole otherwise."""
    # Lock the regional campaign's row (PostgreSQL), so two admins adopting at once take turns.
    db.session.scalar(
        select(RegionalCampaign.id).where(RegionalCampaign.id == regional.id).with_for_update()
    )
    problems = rules.check_adoption(
        regional.status == CampaignStatus.OPEN.value,
        adopted_campaign(regional) is not None,
        Period(regional.period_starts, regional.period_ends),
        data.opens_at,
        data.closes_at,
    )
    if campaign_edits.slug_taken(data.slug):
        problems.insert(0, RegionalProblem.SLUG_TAKEN)
    if problems:
        _refuse(problems)
    offered = {area.id: area for area in campaign_edits.villages()}
    campaign = Campaign(
        slug=data.slug,
        title=regional.title,
        intro=regional.intro,
        status=CampaignStatus.DRAFT.value,
        opens_at=data.opens_at,
        closes_at=data.closes_at,
        min_picks=regional.min_picks,
        max_picks=regional.max_picks,
        translations=copy.deepcopy(regional.translations or {}),
        regional_campaign_id=regional.id,
        areas=_chosen(offered, data.village_ids),
    )
    taken: list[int] = []
    for common in regional.themes:
        bit = free_bit(taken)
        if bit is None:  # a regional campaign holds at most MAX_COMMON_THEMES
            _refuse([RegionalProblem.TOO_MANY_THEMES])
        taken.append(bit)
        campaign.themes.append(
            BallotTheme(
                title=common.title,
                explanation=common.explanation,
                safety_field=common.safety_field,
                position=common.position,
                bit=bit,
                translations=copy.deepcopy(common.translations or {}),
                regional_theme_id=common.id,
            )
        )
    db.session.add(campaign)
    try:
        db.session.flush()
    except IntegrityError:  # adopted meanwhile by a colleague (ux_campaign_adoption)
        db.session.rollback()
        _refuse([RegionalProblem.ALREADY_ADOPTED])
    audit.record(
        actor,
        "regional_campaign.adopt",
        f"campaign:{campaign.slug}",
        f"regional_campaign:{regional.slug}; {len(campaign.themes)} common themes",
    )
    db.session.commit()
    voting.forget_rules()
    log.info("regional campaign %s adopted as campaign %s", regional.id, campaign.id)
    return campaign


def _chosen(offered: dict[int, Area], village_ids: list[int]) -> list[Area]:
    """The municipality's own villages among those ticked (another's id is simply not there)."""
    return [offered[i] for i in dict.fromkeys(village_ids) if i in offered]


def regional_of(campaign: Campaign) -> RegionalCampaign | None:
    """The regional campaign an adopted campaign belongs to (None for a local one)."""
    if campaign.regional_campaign_id is None:
        return None
    return db.session.scalar(
        select(RegionalCampaign).where(RegionalCampaign.id == campaign.regional_campaign_id)
    )


def ballot_prefix(campaign: Campaign, scheme: str = "https", port: str = "") -> str | None:
    """Where an adopted campaign's phones vote: the region's address and this municipality's
    path on it (`https://zuidwest-drenthe.nl/meppel`); None for a local campaign or a region
    without an address. One cookie there, so one phone votes once in the region. A region
    with host names only (a local demo) is reached on this server's scheme and port."""
    if campaign.regional_campaign_id is None:
        return None
    region_id = tenancy.chosen_region_id()
    if region_id is None:
        return None
    region = db.session.scalar(select(Region).where(Region.id == region_id))
    own = db.session.scalar(
        select(Municipality.slug).where(Municipality.id == campaign.municipality_id)
    )
    if region is None or own is None:
        return None
    address = municipalities.own_address(region, scheme, port)
    return f"{address}/{own}" if address else None


def region_name(campaign: Campaign) -> str | None:
    """The name of the region whose campaign this one adopted (None for a local one)."""
    if campaign.regional_campaign_id is None:
        return None
    region_id = tenancy.chosen_region_id()
    if region_id is None:
        return None
    return db.session.scalar(select(Region.name).where(Region.id == region_id))
