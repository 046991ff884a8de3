"""Public releases: the snapshots of results and survey results that anonymous visitors see."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.extensions import Model
from participation.models.staff import StaffUser
from participation.tenancy import TenantOwned
from participation.timeutil import utcnow


class PublicRelease(TenantOwned, Model):
    """One release of a campaign's results (campaign_id) or a survey's (survey_id).

    A campaign's release keeps its counts as they were (`counts`, `villages`), so later
    ballots, exclusions or renamed villages never change what was published. A survey's keeps
    the last response it counts (responses are only ever added). Both keep, per dimension,
    every group's size and the blocks shown (domain.releases), which the next release is
    checked against.
    """

    __tablename__ = "public_release"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int | None] = mapped_column(
        ForeignKey("campaign.id", ondelete="CASCADE"), index=True
    )
    survey_id: Mapped[int | None] = mapped_column(
        ForeignKey("survey.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int]
    released_at: Mapped[datetime] = mapped_column(default=utcnow)
    released_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_user.id", ondelete="SET NULL")
    )
    # {dimension: {group: ballots or respondents}} and {dimension: [[group, ...], ...]}
    sizes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    blocks: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Campaigns: [[area_id, channel, trust, ballots, {theme_id: votes}], ...] and the villages
    # as they were: [[area_id, slug, name, population], ...].
    counts: Mapped[list[Any]] = mapped_column(JSON, default=list)
    villages: Mapped[list[Any]] = mapped_column(JSON, default=list)
    excluded: Mapped[int] = mapped_column(default=0)
    # Surveys: the newest response counted. Campaigns: the newest ballot id counted, which
    # tells later releases which ballots first counted in this one (their cohort).
    upto_response_id: Mapped[int | None]
    upto_ballot_id: Mapped[int | None]

    released_by: Mapped[StaffUser | None] = relationship()

    @property
    def ballots(self) -> int:
        """A campaign release's ballots in all (each village's: a number, or by cohort)."""
        sizes = self.sizes.get("villages", {}).values()
        return sum(n if isinstance(n, int) else sum(n) for n in sizes)
