"""Kiosk devices: a stand's tablet paired by staff, and the short-lived pairing that precedes it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.extensions import Model
from participation.models.staff import StaffUser
from participation.tenancy import TenantOwned


class KioskDevice(TenantOwned, Model):
    """A tablet that may send a stand's ballots: the kiosk link alone no longer can.

    The tablet holds a random secret (an HttpOnly cookie scoped to its stand's kiosk path); only
    its SHA-256 is stored here. The pace columns are a token bucket (domain.kiosk_pace): a
    tablet cannot send more ballots than a person at it could have cast.
    """

    __tablename__ = "kiosk_device"

    id: Mapped[int] = mapped_column(primary_key=True)
    stand_id: Mapped[int] = mapped_column(ForeignKey("stand.id"), index=True)
    name: Mapped[str] = mapped_column(String(60))
    # NULL until the tablet collected its secret after staff typed its code.
    secret_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    paired_at: Mapped[datetime]
    paired_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    revoked_at: Mapped[datetime | None]
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    # What the tablet last told us: shown to staff as reported (bounded), never relied on.
    last_contact_at: Mapped[datetime | None]
    queued_reported: Mapped[int] = mapped_column(default=0, server_default="0")
    # The pace: ballots it may still send now, as of pace_at.
    pace_tokens: Mapped[float]
    pace_at: Mapped[datetime]
    # Flag for staff: when it last offered ballots faster than a person votes, and the most
    # it offered beyond its pace in one go.
    held_at: Mapped[datetime | None]
    held_peak: Mapped[int] = mapped_column(default=0, server_default="0")

    paired_by: Mapped[StaffUser | None] = relationship(foreign_keys=[paired_by_id])
    revoked_by: Mapped[StaffUser | None] = relationship(foreign_keys=[revoked_by_id])

    @property
    def active(self) -> bool:
        return self.revoked_at is None


class KioskPairing(TenantOwned, Model):
    """A code a tablet shows while it waits for staff, for a few minutes.

    The tablet holds a random nonce (cookie); only its SHA-256 is stored. Staff typing the code
    ties a new KioskDevice to it; the tablet then collects the device's secret with its nonce.
    """

    __tablename__ = "kiosk_pairing"

    id: Mapped[int] = mapped_column(primary_key=True)
    stand_id: Mapped[int] = mapped_column(ForeignKey("stand.id"), index=True)
    code: Mapped[str] = mapped_column(String(6))
    nonce_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    device_id: Mapped[int | None] = mapped_column(ForeignKey("kiosk_device.id"))
