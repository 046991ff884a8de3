"""Staff accounts of the municipality's OOV team."""

from __future__ import annotations

import enum

from flask_login import UserMixin
from sqlalchemy import String, false
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.security import check_password_hash, generate_password_hash

from participation.extensions import Model


class StaffRole(enum.StrEnum):
    """Admin manages users; staff runs campaigns; viewer only reads."""

    ADMIN = "admin"
    STAFF = "staff"
    VIEWER = "viewer"


class StaffUser(UserMixin, Model):
    """A staff member who logs in with e-mail and password."""

    __tablename__ = "staff_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(10), default=StaffRole.STAFF.value)
    # The name colleagues know them by (proces-verbaal, the accounts page); may be empty.
    display_name: Mapped[str] = mapped_column(String(120), default="", server_default="")
    # Invited by an admin and no password chosen yet: the invite link is still to be used.
    invite_pending: Mapped[bool] = mapped_column(default=False, server_default=false())
    active: Mapped[bool] = mapped_column(default=True)
    # Part of the login session's id: raised on logout and on a new password, which ends
    # every session saved before, on every device (services.accounts.user_for_session checks it).
    session_version: Mapped[int] = mapped_column(default=0, server_default="0")

    @property
    def name(self) -> str:
        """What a page or a signed record calls them: their display name, else their e-mail."""
        return self.display_name or self.email

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version or 0}"

    def end_sessions(self) -> None:
        """Make every saved login session of this user invalid."""
        self.session_version = (self.session_version or 0) + 1

    def set_password(self, password: str, method: str = "scrypt") -> None:
        """Store the password's hash (`method` as werkzeug names it); a new one ends sessions."""
        if self.password_hash:
            self.end_sessions()
        self.password_hash = generate_password_hash(password, method=method)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)
