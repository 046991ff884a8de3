"""The regional session: the region's ranking beside each municipality's, and its decisions,
common (the region's) or local (one municipality's). Only region-owned rows are written."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from sqlalchemy import select

from participation import tenancy
from participation.domain.refusals import Refused
from participation.domain.regional_data import RegionalResults
from participation.domain.translations import without_field
from participation.extensions import db
from participation.models import (
    Campaign,
    DecisionKind,
    Municipality,
    RegionalCampaign,
    RegionalDecision,
    RegionalSession,
    RegionalTheme,
    StaffUser,
    Theme,
)
from participation.services import audit
from participation.services.regions import setup
from participation.services.results import regional
from participation.timeutil import utcnow

M = TypeVar("M")
MAX_ID = 2**31 - 1  # Postgres integer keys (services.ownership)
RATIONALE = range(10, 4001)  # characters
SAFETY_FIELDS = range(1, 6)  # the five VNG safety fields


class DecisionProblem(enum.Enum):
    KIND = "kind"
    MUNICIPALITY = "municipality"  # a local one without an adopting municipality
    COMMON_WITH_MUNICIPALITY = "common_with_municipality"
    THEME = "theme"  # not the campaign's, or not that municipality's own
    SAFETY_FIELD = "safety_field"
    RATIONALE = "rationale"


class DecisionRefused(Refused):
    """problems: DecisionProblem values; nothing was stored."""


@dataclass(frozen=True)
class DecisionInput:
    kind: str  # DecisionKind
    municipality_id: int | None
    theme: str  # "common-<regional theme id>" or "local-<the municipality's own theme id>"
    chosen: bool
    rationale: str
    safety_field: int | None


@dataclass(frozen=True)
class Adopter:
    """A municipality that adopted the regional campaign, and the themes only it asked."""

    municipality: Municipality
    campaign: Campaign
    local_themes: list[Theme]

    def own_theme(self, regional_theme_id: int) -> Theme | None:
        """Its theme for a common one (its ballot's copy of it)."""
        return next(
            (t for t in self.campaign.themes if t.regional_theme_id == regional_theme_id), None
        )


def region_row(model: type[M], row_id: object, **belongs_to: object) -> M | None:
    """A region-owned row named from outside (a URL, a form), if it is this region's and holds
    `belongs_to`; None like a missing one otherwise (services.ownership's rule for a region)."""
    region_id = tenancy.chosen_region_id()
    if type(row_id) is not int or not 0 < row_id <= MAX_ID or region_id is None:
        return None
    row = db.session.scalar(select(model).filter_by(id=row_id))
    if row is None or getattr(row, "region_id", None) != region_id:
        return None
    return row if all(getattr(row, name) == value for name, value in belongs_to.items()) else None


def sessions_of(campaign: RegionalCampaign) -> list[RegionalSession]:
    statement = select(RegionalSession).where(RegionalSession.regional_campaign_id == campaign.id)
    return list(db.session.scalars(statement.order_by(RegionalSession.id)))


def campaign_of(session: RegionalSession) -> RegionalCampaign:
    statement = select(RegionalCampaign).where(RegionalCampaign.id == session.regional_campaign_id)
    return db.session.scalars(statement).one()


def create(
    campaign: RegionalCampaign,
    title: str,
    held_on: date | None,
    place: str,
    notes: str,
    actor: StaffUser,
) -> RegionalSession:
    session = RegionalSession(
        regional_campaign_id=campaign.id,
        title=title.strip(),
        held_on=held_on,
        place=place.strip(),
        notes=notes.strip(),
    )
    db.session.add(session)
    db.session.flush()
    audit.record(actor, "regional_session.create", f"regional_campaign:{campaign.slug}", title)
    db.session.commit()
    return session


def adopters(campaign: RegionalCampaign) -> list[Adopter]:
    """The municipalities that adopted the campaign (by name), each with its local themes."""
    return [
        Adopter(municipality, own, [t for t in own.themes if t.regional_theme_id is None])
        for municipality, own in regional.adopting(campaign)
    ]


def shortlist(campaign: RegionalCampaign) -> RegionalResults:
    """Today's counts: the region's ranking of the common themes beside each municipality's
    (services.results.regional, as the region's staff see it)."""
    return regional.gather(campaign, public=False)


def municipality_names(region_id: int) -> dict[int, str]:
    return {m.id: m.name for m in setup.member_municipalities(region_id)}


def _theme_of(
    campaign: RegionalCampaign, key: str, adopter: Adopter | None
) -> RegionalTheme | Theme | None:
    part, _, number = key.partition("-")
    if not number.isdigit():
        return None
    if part == "common":
        return next((t for t in campaign.themes if t.id == int(number)), None)
    if part == "local" and adopter is not None:
        return next((t for t in adopter.local_themes if t.id == int(number)), None)
    return None


def check(
    campaign: RegionalCampaign, given: DecisionInput
) -> tuple[list[DecisionProblem], Adopter | None, RegionalTheme | Theme | None]:
    """What is wrong with a decision as given (empty: nothing), its municipality and theme."""
    problems = []
    kind = given.kind if given.kind in {k.value for k in DecisionKind} else None
    if kind is None:
        problems.append(DecisionProblem.KIND)
    adopter = None
    if kind == DecisionKind.LOCAL:
        adopter = next(
            (a for a in adopters(campaign) if a.municipality.id == given.municipality_id), None
        )
        if adopter is None:
            problems.append(DecisionProblem.MUNICIPALITY)
    elif kind == DecisionKind.COMMON and given.municipality_id is not None:
        problems.append(DecisionProblem.COMMON_WITH_MUNICIPALITY)
    theme = _theme_of(campaign, given.theme, adopter)
    if theme is None and DecisionProblem.MUNICIPALITY not in problems:
        problems.append(DecisionProblem.THEME)
    if given.chosen and given.safety_field not in SAFETY_FIELDS:
        problems.append(DecisionProblem.SAFETY_FIELD)
    if len(given.rationale.strip()) not in RATIONALE:
        problems.append(DecisionProblem.RATIONALE)
    return problems, adopter, theme


def record_decision(
    session: RegionalSession, given: DecisionInput, actor: StaffUser
) -> RegionalDecision:
    """Record (or replace) the decision on one theme, for the region or one municipality;
    refused whole (DecisionRefused) when anything is wrong."""
    campaign = campaign_of(session)
    problems, adopter, theme = check(campaign, given)
    if problems or theme is None:
        raise DecisionRefused(problems)
    municipality_id = adopter.municipality.id if adopter is not None else None
    common_id = theme.id if isinstance(theme, RegionalTheme) else None
    local_id = theme.id if isinstance(theme, Theme) else None
    decision = next(
        (
            d
            for d in session.decisions
            if (d.kind, d.for_municipality_id, d.regional_theme_id, d.local_theme_id)
            == (given.kind, municipality_id, common_id, local_id)
        ),
        None,
    )
    if decision is None:
        decision = RegionalDecision(
            kind=given.kind,
            for_municipality_id=municipality_id,
            regional_theme_id=common_id,
            local_theme_id=local_id,
            position=max((d.position for d in session.decisions), default=0) + 1,
        )
        session.decisions.append(decision)
    if decision.rationale != given.rationale.strip():  # its translations are stale
        decision.translations = without_field(decision.translations, "rationale")
    decision.chosen, decision.rationale = given.chosen, given.rationale.strip()
    decision.safety_field = given.safety_field if given.chosen else None
    decision.decided_at = utcnow()
    verdict = "chosen" if given.chosen else "not chosen"
    where = adopter.municipality.slug if adopter is not None else "region"
    audit.record(
        actor,
        "regional_session.decision",
        f"regional_session:{session.id}",
        f"{given.kind} ({where}) {theme.title}: {verdict}",
    )
    db.session.commit()
    return decision


def remove_decision(session: RegionalSession, decision: RegionalDecision, actor: StaffUser) -> None:
    session.decisions.remove(decision)
    audit.record(
        actor, "regional_session.decision_remove", f"regional_session:{session.id}", decision.kind
    )
    db.session.commit()


def decision_title(decision: RegionalDecision) -> str:
    """The decided theme's title (Dutch), for staff pages (on the region's host, which reads
    every member's themes)."""
    theme = decision.regional_theme or decision.local_theme
    return theme.title if theme is not None else ""
