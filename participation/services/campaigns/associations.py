"""Village associations: invited by staff, reached by a secret link, giving their own view."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from participation.domain.priorities import check_view
from participation.domain.refusals import Refused
from participation.domain.tokens import secret_link_token
from participation.extensions import db
from participation.models import (
    Area,
    Association,
    AssociationTheme,
    AssociationView,
    Campaign,
    Remark,
    StaffUser,
    Stand,
)
from participation.services import audit
from participation.timeutil import utcnow

log = logging.getLogger(__name__)


class ViewRefused(Refused):
    """The view breaks a rule (problems: ViewProblem); nothing was stored."""


def register(
    campaign: Campaign, area: Area, name: str, contact_role: str, actor: StaffUser
) -> Association:
    association = Association(campaign=campaign, area=area, name=name, contact_role=contact_role)
    db.session.add(association)
    db.session.flush()
    audit.record(actor, "association.register", campaign.slug, f"{name} ({area.name})")
    db.session.commit()
    return association


def reissue(association: Association, actor: StaffUser) -> None:
    """A new invite link; the old one stops working at once."""
    association.token, association.revoked_at = secret_link_token(), None
    audit.record(actor, "association.new_link", association.campaign.slug, association.name)
    db.session.commit()


def revoke(association: Association, actor: StaffUser) -> None:
    association.revoked_at = utcnow()
    audit.record(actor, "association.revoke", association.campaign.slug, association.name)
    db.session.commit()


def by_token(token: str) -> Association | None:
    """The association behind an invite link, unless the link was revoked."""
    found = db.session.scalar(select(Association).where(Association.token == token))
    return found if found is not None and found.revoked_at is None else None


def for_campaign(campaign: Campaign) -> list[Association]:
    return list(
        db.session.scalars(
            select(Association)
            .where(Association.campaign_id == campaign.id)
            .order_by(Association.id)
        )
    )


def accepts_views(campaign: Campaign) -> bool:
    """Views can be given and revised until the campaign closes."""
    return campaign.phase() != "closed"


def may_see_results(association: Association) -> bool:
    campaign = association.campaign
    return campaign.associations_see_live or campaign.results_published


def submit_view(
    association: Association, ranking: list[tuple[int, str]], remarks: str
) -> AssociationView:
    """Store a new version of the view; earlier versions stay as they were.

    Sending the same view again (a double tap, a resend) adds no version. Two different sends
    at the same moment both get stored, one after the other.
    """
    campaign = association.campaign
    problems = check_view(ranking, [t.id for t in campaign.themes], accepts_views(campaign))
    if problems:
        log.info("association view for %s refused: %s", association.id, problems)
        raise ViewRefused(problems)
    wanted = [(theme_id, reason.strip()) for theme_id, reason in ranking], remarks.strip()
    for attempt in (1, 2):
        current = _latest(association)
        if current is not None and _content(current) == wanted:
            return current
        view = AssociationView(
            association_id=association.id,
            version=(current.version if current else 0) + 1,
            remarks=wanted[1],
            themes=[
                AssociationTheme(theme_id=theme_id, rank=rank, reason=reason)
                for rank, (theme_id, reason) in enumerate(wanted[0], start=1)
            ],
        )
        db.session.add(view)
        try:
            db.session.commit()
        except IntegrityError:  # another send took this version number a moment ago
            db.session.rollback()
            if attempt == 2:
                raise
            continue
        log.info("association %s gave view version %d", association.id, view.version)
        db.session.refresh(association)
        return view
    raise AssertionError("unreachable")


def _latest(association: Association) -> AssociationView | None:
    return db.session.scalar(
        select(AssociationView)
        .where(AssociationView.association_id == association.id)
        .order_by(AssociationView.version.desc())
        .limit(1)
    )


def _content(view: AssociationView) -> tuple[list[tuple[int, str]], str]:
    return [(entry.theme_id, entry.reason) for entry in view.themes], view.remarks


def village_remarks(association: Association) -> list[Remark]:
    """What residents said at the stands in the association's village."""
    return list(
        db.session.scalars(
            select(Remark)
            .join(Stand, Stand.id == Remark.stand_id)
            .where(
                Stand.campaign_id == association.campaign_id,
                Stand.area_id == association.area_id,
            )
            .order_by(Remark.created_at)
        )
    )


@dataclass(frozen=True)
class VillageView:
    """An association's current view, as shown beside its village's results."""

    association: Association
    view: AssociationView


def current_views(campaign: Campaign) -> list[VillageView]:
    """Each association's latest view, by village name; associations without a view left out."""
    found = [
        VillageView(association, association.current_view)
        for association in for_campaign(campaign)
        if association.current_view is not None
    ]
    return sorted(found, key=lambda item: (item.association.area.name, item.association.name))


def support_by_theme(views: list[VillageView]) -> dict[int, list[tuple[str, int]]]:
    """Theme id → (village, rank) for every association that ranked it."""
    support: dict[int, list[tuple[str, int]]] = {}
    for item in views:
        for entry in item.view.themes:
            support.setdefault(entry.theme_id, []).append((item.association.area.name, entry.rank))
    return support
