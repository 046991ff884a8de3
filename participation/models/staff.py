"""Staff accounts of the municipality's OOV team."""

from __future__ import annotations

import enum

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String, UniqueConstraint, false, select
from sqlalchemy.orm import Mapped, mapped_column, object_session, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from participation.extensions import Model
from participation.tenancy import TenantOwned, chosen_id, current_id


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
    # Runs the install: may add municipalities (the install-admin page, issue 29).
    operator: Mapped[bool] = mapped_column(default=False, server_default=false())
    # The name colleagues know them by (proces-verbaal, the accounts page); may be empty.
    display_name: Mapped[str] = mapped_column(String(120), default="", server_default="")
    # Invited by an admin and no password chosen yet: the invite link is still to be used.
    invite_pending: Mapped[bool] = mapped_column(default=False, server_default=false())
    active: Mapped[bool] = mapped_column(default=True)
    # Part of the login session's id: raised on logout and on a new password, which ends
    # every session saved before, on every device (services.accounts.user_for_session checks it).
    session_version: Mapped[int] = mapped_column(default=0, server_default="0")

    memberships: Mapped[list[StaffMembership]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )

    @property
    def role(self) -> str | None:
        """The role in the municipality this request works for; None without a membership
        there (then the login counts for nothing here). Asked of the table, not of
        `memberships`: that collection holds what was loaded for the municipality then."""
        chosen = chosen_id()
        session = object_session(self)
        if chosen is None or session is None or self.id is None:
            return self._pending_roles.get(chosen) if chosen is not None else None
        if chosen not in self._known_roles:
            found = session.scalar(
                select(StaffMembership.role).where(
                    StaffMembership.user_id == self.id,
                    StaffMembership.municipality_id == chosen,
                )
            )
            self._known_roles[chosen] = found or self._pending_roles.get(chosen)
        return self._known_roles[chosen]

    @role.setter
    def role(self, value: str) -> None:
        """Give the role in the current municipality (a membership there if none yet)."""
        chosen = current_id()
        session = object_session(self)
        found = None
        if session is not None and self.id is not None:
            found = session.scalar(
                select(StaffMembership).where(
                    StaffMembership.user_id == self.id,
                    StaffMembership.municipality_id == chosen,
                )
            )
        if found is None:
            self.memberships.append(StaffMembership(role=value, municipality_id=chosen))
        else:
            found.role = value
        self._pending_roles[chosen] = value
        self._known_roles.pop(chosen, None)

    @property
    def _known_roles(self) -> dict[int, str | None]:
        kept: dict[int, str | None] = self.__dict__.setdefault("_role_cache", {})
        return kept

    @property
    def _pending_roles(self) -> dict[int, str]:
        kept: dict[int, str] = self.__dict__.setdefault("_role_pending", {})
        return kept

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

    def set_password(self, password: str, method: str) -> None:
        """Store the password's hash (`method` as werkzeug names it: the install's
        PASSWORD_HASH_METHOD, no default that would pass it by); a new one ends sessions."""
        if self.password_hash:
            self.end_sessions()
        self.password_hash = generate_password_hash(password, method=method)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)


class StaffMembership(TenantOwned, Model):
    """A login's role in one municipality: one e-mail and password, several memberships."""

    __tablename__ = "staff_membership"
    __table_args__ = (UniqueConstraint("user_id", "municipality_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("staff_user.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(10), default=StaffRole.STAFF.value)

    user: Mapped[StaffUser] = relationship(back_populates="memberships")
