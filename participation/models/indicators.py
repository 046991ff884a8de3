"""Figures from the safety analysis per theme, typed in or imported by staff."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.extensions import Model
from participation.models.areas import Area
from participation.models.campaigns import Theme
from participation.tenancy import TenantOwned


class Indicator(TenantOwned, Model):
    """An indicator such as 'Woninginbraken (aangiften)', with values per year and a trend."""

    __tablename__ = "indicator"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaign.id", ondelete="CASCADE"), index=True
    )
    theme_id: Mapped[int] = mapped_column(ForeignKey("theme.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(200), default="")
    trend: Mapped[str] = mapped_column(String(10))  # rising, falling, stable

    theme: Mapped[Theme] = relationship()
    # The municipality's own values (a goal's progress, the trend, the ranking's column).
    values: Mapped[list[IndicatorValue]] = relationship(
        primaryjoin="and_(Indicator.id == IndicatorValue.indicator_id,"
        " IndicatorValue.area_id.is_(None))",
        order_by="IndicatorValue.year",
        cascade="all, delete-orphan",
        overlaps="core_values",
    )
    # The values per village core (the Veiligheidsmonitor compares the cores), by core and year.
    core_values: Mapped[list[IndicatorValue]] = relationship(
        primaryjoin="and_(Indicator.id == IndicatorValue.indicator_id,"
        " IndicatorValue.area_id.is_not(None))",
        order_by="[IndicatorValue.area_id, IndicatorValue.year]",
        cascade="all, delete-orphan",
        overlaps="values",
    )


class IndicatorValue(TenantOwned, Model):
    __tablename__ = "indicator_value"
    # One value per year for each village core; for the municipality (no village) the
    # database sees NULLs as distinct, so services.campaigns.indicators replaces, never adds.
    __table_args__ = (
        UniqueConstraint("indicator_id", "area_id", "year", name="uq_indicator_value_area_year"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"))
    # The village core the value is for (Veiligheidsmonitor per kern); None: the municipality.
    area_id: Mapped[int | None] = mapped_column(ForeignKey("area.id", ondelete="CASCADE"))
    year: Mapped[int]
    value: Mapped[float]

    area: Mapped[Area | None] = relationship()
