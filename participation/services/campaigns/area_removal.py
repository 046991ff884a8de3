"""Deleting an unused village, and merging one village into another with all it holds."""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass

from sqlalchemy import Select, delete, func, insert, literal, select, update

from participation.domain.refusals import Refused
from participation.domain.villages import MAX_POSTCODES, merged_population
from participation.extensions import db
from participation.models import (
    ArchivedCount,
    Area,
    AreaSlugAlias,
    Association,
    Ballot,
    PublicRelease,
    StaffUser,
    Stand,
    SurveyResponse,
    campaign_areas,
)
from participation.services import audit, ownership
from participation.services.ballots import voting

log = logging.getLogger(__name__)
# Every table that points at a village with an area_id column, as the merge moves them.
REFERENCES = (Ballot, Stand, Association, SurveyResponse, ArchivedCount)


class RemovalProblem(enum.Enum):
    IN_USE = "in_use"
    SAME_VILLAGE = "same_village"
    NO_SUCH_VILLAGE = "no_such_village"
    TOO_MANY_POSTCODES = "too_many_postcodes"
    RELEASED = "released"  # either village's figures are public in a release


class RemovalRefused(Refused):
    """The village cannot be deleted or merged (problems: RemovalProblem list); nothing
    changed."""


@dataclass(frozen=True)
class Usage:
    """What points at a village; a village is deleted only when all of it is zero."""

    ballots: int
    stands: int
    associations: int
    survey_responses: int
    archived_counts: int
    campaigns: int
    neighbourhoods: int

    @property
    def unused(self) -> bool:
        return not any(vars(self).values())

    @property
    def only_in_campaigns(self) -> bool:
        """Only campaigns list it: taken out of them, it can be deleted."""
        return bool(self.campaigns) and not any(
            count for name, count in vars(self).items() if name != "campaigns"
        )


def _count(statement: Select[int]) -> int:
    return db.session.scalar(statement) or 0


def usage(area: Area) -> Usage:
    ballots, stands, associations, survey_responses, archived_counts = (
        _count(select(func.count()).select_from(model).where(model.area_id == area.id))
        for model in REFERENCES
    )
    in_scope = select(func.count()).select_from(campaign_areas)
    return Usage(
        ballots,
        stands,
        associations,
        survey_responses,
        archived_counts,
        campaigns=_count(in_scope.where(campaign_areas.c.area_id == area.id)),
        neighbourhoods=_count(select(func.count()).where(Area.parent_id == area.id)),
    )


def delete_village(area: Area, actor: StaffUser) -> None:
    """Delete a village nothing points at (no ballots, stands, associations, survey answers,
    archived counts, campaigns or neighbourhoods); else RemovalRefused([IN_USE])."""
    used = usage(area)
    if not used.unused:
        log.info("village %s not deleted: in use", area.id)
        raise RemovalRefused([RemovalProblem.IN_USE])
    db.session.execute(delete(AreaSlugAlias).where(AreaSlugAlias.area_id == area.id))
    audit.record(actor, "area.delete", area.slug, area.name)
    db.session.delete(area)
    db.session.commit()
    voting.forget_rules()


def _in_a_release(area: Area) -> bool:
    """Whether a campaign or survey with a public release counted ballots or responses of
    `area`: moving them to another village would show up in the next release as that
    village's gain, and the few new ones beside them could be worked out (take it out of use
    instead)."""
    released_campaigns = select(PublicRelease.campaign_id).where(
        PublicRelease.campaign_id.is_not(None)
    )
    released_surveys = select(PublicRelease.survey_id).where(PublicRelease.survey_id.is_not(None))
    ballot = select(Ballot.id).where(
        Ballot.area_id == area.id, Ballot.campaign_id.in_(released_campaigns)
    )
    response = select(SurveyResponse.id).where(
        SurveyResponse.area_id == area.id, SurveyResponse.survey_id.in_(released_surveys)
    )
    return bool(
        db.session.scalar(select(ballot.exists())) or db.session.scalar(select(response.exists()))
    )


def merge(area: Area, into_id: int | None, actor: StaffUser | None) -> Area:
    """Move everything of `area` to the village `into_id` and delete `area`.

    Ballots, stands, associations, survey responses, archived counts and neighbourhoods
    move; every campaign that had `area` gets the other village (once). The postcodes join,
    the residents add up when both are known (else unknown), and `area`'s short name and
    earlier short names become earlier short names of the other village, so printed QR
    codes keep choosing it. All in one transaction.
    """
    target = ownership.owned(Area, into_id)
    # Only into a village in use: a retired one is no longer offered, so not merged into.
    if target is None or target.kind != area.kind or target.retired_at is not None:
        raise RemovalRefused([RemovalProblem.NO_SUCH_VILLAGE])
    if target.id == area.id:
        raise RemovalRefused([RemovalProblem.SAME_VILLAGE])
    codes = sorted(set(area.postcodes.split()) | set(target.postcodes.split()))
    if len(" ".join(codes)) > MAX_POSTCODES:
        raise RemovalRefused([RemovalProblem.TOO_MANY_POSTCODES])
    if _in_a_release(area):
        raise RemovalRefused([RemovalProblem.RELEASED])
    moved = usage(area)
    for model in REFERENCES:
        db.session.execute(
            update(model).where(model.area_id == area.id).values(area_id=target.id),
            execution_options={"synchronize_session": False},
        )
    db.session.execute(
        update(Area).where(Area.parent_id == area.id).values(parent_id=target.id),
        execution_options={"synchronize_session": False},
    )
    _move_scopes(area.id, target.id)
    db.session.execute(
        update(AreaSlugAlias).where(AreaSlugAlias.area_id == area.id).values(area_id=target.id),
        execution_options={"synchronize_session": False},
    )
    db.session.expire_all()  # the bulk updates above: no stale collections on delete
    db.session.add(AreaSlugAlias(slug=area.slug, area_id=target.id))
    population = merged_population(area.population, target.population)
    target.postcodes, target.population = " ".join(codes), population
    audit.record(
        actor,
        "area.merge",
        target.slug,
        f"{area.name} ({area.slug}) → {target.name}: {moved.ballots} ballots, "
        f"{moved.stands} stands, {moved.associations} associations, "
        f"{moved.survey_responses} survey responses, {moved.campaigns} campaigns",
    )
    db.session.delete(area)
    db.session.commit()
    voting.forget_rules()
    return target


def _move_scopes(old_id: int, new_id: int) -> None:
    """Campaigns with the old village get the new one, without a second row for a campaign
    that already had both."""
    having_new = select(campaign_areas.c.campaign_id).where(campaign_areas.c.area_id == new_id)
    missing = select(campaign_areas.c.campaign_id, literal(new_id)).where(
        campaign_areas.c.area_id == old_id,
        campaign_areas.c.campaign_id.not_in(having_new),
    )
    db.session.execute(insert(campaign_areas).from_select(["campaign_id", "area_id"], missing))
    db.session.execute(delete(campaign_areas).where(campaign_areas.c.area_id == old_id))
