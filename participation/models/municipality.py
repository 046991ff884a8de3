"""The municipality's own look and contacts: one row, edited on the settings page."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import LargeBinary, String
from sqlalchemy.orm import Mapped, deferred, mapped_column

from participation.domain.house_style import DEFAULT_COLOUR
from participation.extensions import Model
from participation.timeutil import utcnow


class MunicipalitySettings(Model):
    """Name, logo, house colour and contact lines shown on every page, print and report.

    Without a row the defaults apply: MUNICIPALITY_NAME from the configuration, the blue
    house colour, no logo, no contact lines.
    """

    __tablename__ = "municipality_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    house_colour: Mapped[str] = mapped_column(String(7), default=DEFAULT_COLOUR)
    contact_line: Mapped[str] = mapped_column(String(200), default="")
    privacy_contact: Mapped[str] = mapped_column(String(200), default="")
    # The logo's bytes are read only when it is served or printed.
    logo: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    logo_type: Mapped[str | None] = mapped_column(String(20))
    # Changes with every save: it versions the logo and colour URLs browsers cache.
    version: Mapped[int] = mapped_column(default=1)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The first-day checklist: when a test e-mail last went out (the e-mail offer to residents
    # may be switched on only after one did), and when `flask backup` last wrote a backup.
    mail_tested_at: Mapped[datetime | None]
    backup_made_at: Mapped[datetime | None]
