"""Staff changes to campaigns, each checked and written to the audit log (themes: themes.py)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NoReturn

from sqlalchemy import func, select

from participation.domain.campaign_edits import EditProblem, check_campaign_edit
from participation.domain.refusals import Refused
from participation.domain.regional_campaigns import Period, check_adopted_campaign_edit
from participation.domain.theme_order import BallotOrder
from participation.extensions import db
from participation.models import (
    Area,
    AuditEvent,
    Ballot,
    Campaign,
    CampaignSlugAlias,
    RegionalCampaign,
    StaffUser,
)
from participation.services import audit, first_day
from participation.services.ballots import voting
from participation.timeutil import utcnow

# Audit actions that mean print with the campaign's link exists (posters, flyers, code slips).
PRINT_ACTIONS = ("print.download", "codes.download")


class EditRefused(Refused):
    """The change would break ballots already cast (problems: EditProblem); nothing changed."""


@dataclass(frozen=True)
class CampaignData:
    """The editable fields of a campaign, as the staff form delivers them."""

    slug: str
    title: str
    intro: str
    status: str
    opens_at: datetime | None
    closes_at: datetime | None
    min_picks: int
    max_picks: int
    results_published: bool
    village_ids: list[int]
    show_live_at_stand: bool = False
    associations_see_live: bool = False
    ballots_per_device: int = 1
    keep_informed: bool = False
    ballot_order: str = BallotOrder.RANDOM.value


def _refuse(problems: list[EditProblem]) -> NoReturn:
    """Nothing of a refused change stays in the session: roll back, then say why."""
    db.session.rollback()
    raise EditRefused(problems)


def _slug_taken(slug: str, campaign: Campaign | None) -> bool:
    """Another campaign has this short name, now or earlier (its printed links still work)."""
    other = db.session.scalar(select(Campaign).where(Campaign.slug == slug))
    alias = db.session.scalar(select(CampaignSlugAlias).where(CampaignSlugAlias.slug == slug))
    return (other is not None and other is not campaign) or (
        alias is not None and (campaign is None or alias.campaign_id != campaign.id)
    )


def slug_taken(slug: str) -> bool:
    """Whether a new campaign may not have this short name."""
    return _slug_taken(slug, None)


def _keep_old_slug(campaign: Campaign, new_slug: str) -> None:
    """The old short name stays an alias, so posters and QR codes with it keep working."""
    back = db.session.scalar(select(CampaignSlugAlias).where(CampaignSlugAlias.slug == new_slug))
    if back is not None:  # renamed back to an earlier name: it is the real one again
        db.session.delete(back)
    db.session.add(CampaignSlugAlias(slug=campaign.slug, campaign_id=campaign.id))


def current_slug(old_slug: str) -> str | None:
    """The campaign's short name now, when `old_slug` was one of its earlier names."""
    return db.session.scalar(
        select(Campaign.slug)
        .join(CampaignSlugAlias, CampaignSlugAlias.campaign_id == Campaign.id)
        .where(CampaignSlugAlias.slug == old_slug)
    )


def rename_matters(campaign: Campaign) -> bool:
    """Whether a new short name needs a word of warning: ballots, or print made."""
    names = [
        campaign.slug,
        *db.session.scalars(
            select(CampaignSlugAlias.slug).where(CampaignSlugAlias.campaign_id == campaign.id)
        ),
    ]
    printed = db.session.scalar(
        select(func.count())
        .select_from(AuditEvent)
        .where(AuditEvent.action.in_(PRINT_ACTIONS), AuditEvent.target.in_(names))
    )
    return bool(ballots_cast(campaign) or printed)


def record_print(campaign: Campaign, kind: str, actor: StaffUser) -> None:
    """A poster or flyer sheet was downloaded: print with this short name may exist now."""
    audit.record(actor, "print.download", campaign.slug, kind)
    db.session.commit()


def all_campaigns() -> list[Campaign]:
    """Every campaign, newest first."""
    return list(db.session.scalars(select(Campaign).order_by(Campaign.id.desc())))


def villages(keep: Iterable[Area] = ()) -> list[Area]:
    """The village cores staff can put in scope: those not retired, and those in `keep` (a
    campaign's own villages stay offered, so saving it does not drop a retired one)."""
    kept = {area.id for area in keep}
    found = select(Area).where(Area.kind == "village").order_by(Area.name)
    return [a for a in db.session.scalars(found) if a.retired_at is None or a.id in kept]


def ballots_cast(campaign: Campaign) -> int:
    return (
        db.session.scalar(
            select(func.count()).select_from(Ballot).where(Ballot.campaign_id == campaign.id)
        )
        or 0
    )


def _villages_with_ballots(campaign: Campaign) -> set[str]:
    return set(
        db.session.scalars(
            select(Area.slug)
            .join(Ballot, Ballot.area_id == Area.id)
            .where(Ballot.campaign_id == campaign.id)
            .distinct()
        )
    )


def _snapshot(campaign: Campaign) -> dict[str, Any]:
    return {
        "slug": campaign.slug,
        "title": campaign.title,
        "intro": campaign.intro,
        "status": campaign.status,
        "opens_at": campaign.opens_at,
        "closes_at": campaign.closes_at,
        "min_picks": campaign.min_picks,
        "max_picks": campaign.max_picks,
        "results_published": campaign.results_published,
        "show_live_at_stand": campaign.show_live_at_stand,
        "associations_see_live": campaign.associations_see_live,
        "keep_informed": campaign.keep_informed,
        "ballots_per_device": campaign.ballots_per_device,
        "ballot_order": campaign.ballot_order,
        "villages": sorted(area.slug for area in campaign.areas),
    }


def regional_terms(campaign: Campaign) -> tuple[tuple[int, int], Period] | None:
    """The region's (min, max) picks and period an adopted campaign keeps; None for a
    municipality's own campaign."""
    if campaign.regional_campaign_id is None:
        return None
    regional = db.session.scalar(
        select(RegionalCampaign).where(RegionalCampaign.id == campaign.regional_campaign_id)
    )
    if regional is None:
        return None
    picks = (regional.min_picks, regional.max_picks)
    return picks, Period(regional.period_starts, regional.period_ends)


def _regional_problems(campaign: Campaign, data: CampaignData) -> list[EditProblem]:
    """An adopted campaign keeps the region's method, and its dates stay in the region's
    period (issue 30; domain.regional_campaigns)."""
    terms = regional_terms(campaign)
    if terms is None:
        return []
    picks, period = terms
    return check_adopted_campaign_edit(
        picks, (data.min_picks, data.max_picks), period, data.opens_at, data.closes_at
    )


def save_campaign(campaign: Campaign | None, data: CampaignData, actor: StaffUser) -> Campaign:
    """Create a campaign (campaign=None) or change one; refuse changes that break ballots,
    and a short name another campaign has."""
    if _slug_taken(data.slug, campaign):
        _refuse([EditProblem.SLUG_TAKEN])
    switching_on = data.keep_informed and not (campaign and campaign.keep_informed)
    if switching_on and not first_day.mail_tested():
        _refuse([EditProblem.MAIL_UNTESTED])
    if campaign is not None and data.slug != campaign.slug:
        _keep_old_slug(campaign, data.slug)
    chosen = list(db.session.scalars(select(Area).where(Area.id.in_(data.village_ids))))
    if campaign is None:
        campaign, before, action = Campaign(), {}, "campaign.create"
        db.session.add(campaign)
    else:
        before, action = _snapshot(campaign), "campaign.update"
        problems = check_campaign_edit(
            ballots_cast(campaign),
            (campaign.min_picks, campaign.max_picks),
            (data.min_picks, data.max_picks),
            {a.slug for a in campaign.areas} - {a.slug for a in chosen},
            _villages_with_ballots(campaign),
        ) + _regional_problems(campaign, data)
        if problems:
            _refuse(problems)
    for field in (
        "slug",
        "title",
        "intro",
        "status",
        "opens_at",
        "closes_at",
        "min_picks",
        "max_picks",
        "show_live_at_stand",
        "associations_see_live",
        "keep_informed",
        "ballots_per_device",
        "ballot_order",
    ):
        setattr(campaign, field, getattr(data, field))
    if data.results_published and not campaign.results_published_at:
        campaign.results_published_at = utcnow()
    elif not data.results_published:
        campaign.results_published_at = None
    campaign.areas = chosen
    db.session.flush()
    audit.record(
        actor,
        action,
        f"campaign:{campaign.slug}",
        audit.describe_changes(before, _snapshot(campaign)),
    )
    db.session.commit()
    voting.forget_rules()  # the ballot's cached rules of this worker
    return campaign
