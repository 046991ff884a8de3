"""The stored releases of one campaign or one survey (services.results.releases, services.
surveys.survey_releases): oldest first, and the one the public sees."""

from __future__ import annotations

from sqlalchemy import Select, select

from participation.extensions import db
from participation.models import PublicRelease


def of(*, campaign_id: int | None = None, survey_id: int | None = None) -> list[PublicRelease]:
    """Every release of the campaign or the survey, oldest first."""
    return list(db.session.scalars(_owned(campaign_id, survey_id).order_by(PublicRelease.number)))


def latest(*, campaign_id: int | None = None, survey_id: int | None = None) -> PublicRelease | None:
    """The release the public sees, or None before the first."""
    query = _owned(campaign_id, survey_id).order_by(PublicRelease.number.desc()).limit(1)
    return db.session.scalar(query)


def _owned(campaign_id: int | None, survey_id: int | None) -> Select[PublicRelease]:
    if survey_id is not None:
        return select(PublicRelease).where(PublicRelease.survey_id == survey_id)
    return select(PublicRelease).where(PublicRelease.campaign_id == campaign_id)
