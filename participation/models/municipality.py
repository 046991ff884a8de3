"""A municipality of the install: who it is, where residents reach it, and its look."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, deferred, mapped_column

from participation.domain.house_style import DEFAULT_COLOUR
from participation.extensions import Model
from participation.timeutil import utcnow


class Municipality(Model):
    """One municipality: owns its villages, campaigns, staff memberships and residents' data
    (every TenantOwned row names it). Name, logo, house colour and contact lines show on every
    page, print and report; an unnamed one shows MUNICIPALITY_NAME from the configuration.
    """

    __tablename__ = "municipality"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    # The address residents reach (print, QR codes, e-mail links); empty: PUBLIC_BASE_URL.
    public_url: Mapped[str] = mapped_column(String(200), default="", server_default="")
    # More host names that serve it (space-separated), e.g. a local name for a demo.
    hosts: Mapped[str] = mapped_column(String(500), default="", server_default="")
    population: Mapped[int | None]
    # The region it writes its safety plan with (issue 30); None for most.
    region_id: Mapped[int | None] = mapped_column(
        ForeignKey("region.id", ondelete="SET NULL"), index=True
    )
    # The code under which statistics publish it: GM + four digits (CBS, Veiligheidsmonitor).
    cbs_code: Mapped[str] = mapped_column(String(12), default="", server_default="")
    # The From of its mail; empty: MAIL_DEFAULT_SENDER.
    mail_sender: Mapped[str] = mapped_column(String(254), default="", server_default="")
    # Days ballots' details are kept; empty: RETENTION_DAYS.
    retention_days: Mapped[int | None]
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
