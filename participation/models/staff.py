"""Staff accounts of the municipality's OOV team."""

from __future__ import annotations

import enum
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.security import check_password_hash, generate_password_hash

from participation.extensions import db


class StaffRole(enum.StrEnum):
    """Admin manages users; staff runs campaigns; viewer only reads."""

    ADMIN = "admin"
    STAFF = "staff"
    VIEWER = "viewer"


class StaffUser(UserMixin, db.Model):
    """A staff member who logs in with e-mail and password."""

    __tablename__ = "staff_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(10), default=StaffRole.STAFF.value)
    active: Mapped[bool] = mapped_column(default=True)
    # Wrong passwords in a row, and the lock they caused (domain.accounts).
    failed_logins: Mapped[int] = mapped_column(default=0, server_default="0")
    locked_until: Mapped[datetime | None]

    @property
    def is_active(self) -> bool:  # type: ignore[override]
        return self.active

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)
