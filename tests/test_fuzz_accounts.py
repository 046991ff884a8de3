"""Hostile input into the account forms: invite, role, the invite link, one's own account.

Property: never a 500; an account is added whole (invited, no usable password) or not at
all; a password changes only when the page says it did (303).
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from participation.domain.accounts import ROLES
from participation.extensions import db
from participation.models import StaffMembership, StaffUser
from participation.services.accounts import create_user, invite_token
from tests.conftest import csrf_token, login_as
from tests.test_fuzz import FUZZ, form, hostile_text, values

emails = st.one_of(
    hostile_text,
    st.emails().map(str),
    st.builds(lambda local: f"{local}@example.org", hostile_text),
)
roles = st.one_of(st.sampled_from(ROLES), hostile_text)


def _accounts() -> list[tuple]:
    rows = db.session.execute(
        select(
            StaffUser.id,
            StaffUser.email,
            StaffMembership.role,
            StaffUser.active,
            StaffUser.invite_pending,
            StaffUser.password_hash,
            StaffUser.display_name,
        )
        .join(StaffUser.memberships)
        .order_by(StaffUser.id)
    ).all()
    db.session.rollback()
    return [tuple(row) for row in rows]


def test_invites_and_role_changes(app, client, smtp_server) -> None:
    admin = login_as(client, "admin")
    target = create_user("doel@example.org", "een-lang-wachtwoord", "staff")
    token = csrf_token(admin, "/staff/accounts")
    names = st.sampled_from(["email", "display_name", "role", "extra"])

    @FUZZ
    @given(
        fields=st.dictionaries(names, values, max_size=4),
        email=emails,
        name=hostile_text,
        role=roles,
    )
    def check(fields: dict, email: str, name: str, role: str) -> None:
        before = _accounts()
        for data in (fields, {"email": email, "display_name": name, "role": role}):
            response = admin.post("/staff/accounts/invite", data=form(token, data))
            assert response.status_code < 500
            after = _accounts()
            if response.status_code == 303:
                assert len(after) == len(before) + 1
                added = after[-1]
                assert added[4] is True and added[3] is True and added[2] in ROLES
                assert "\x00" not in added[1] and "\x00" not in added[6]
            else:
                assert response.status_code in (422, 503) and after == before
            before = after
        changed = admin.post(f"/staff/accounts/{target.id}/role", data=form(token, {"role": role}))
        assert changed.status_code in ((303,) if role in ROLES else (422,))

    check()


def test_the_invite_link_form(app, client) -> None:
    invited = create_user("uitgenodigd@example.org", "een-lang-wachtwoord", "staff")
    invited.invite_pending = True
    db.session.commit()
    path = f"/staff/welcome/{invite_token(invited)}"
    token = csrf_token(client, path)

    @FUZZ
    @given(password=hostile_text, confirm=hostile_text, same=st.booleans())
    def check(password: str, confirm: str, same: bool) -> None:
        before = _accounts()
        data = {"password": password, "password_confirm": password if same else confirm}
        response = client.post(path, data=form(token, data))
        assert response.status_code < 500
        after = _accounts()
        if response.status_code == 303:
            assert after[-1][4] is False and after[-1][5] != before[-1][5]
        else:
            assert response.status_code in (404, 422) and after == before

    check()


def test_my_account_forms(app, client) -> None:
    login_as(client, "viewer")
    token = csrf_token(client, "/staff/my-account")
    names = st.sampled_from(
        ["display_name", "current_password", "new_password", "new_password_confirm", "extra"]
    )

    @FUZZ
    @given(fields=st.dictionaries(names, values, max_size=5))
    def check(fields: dict) -> None:
        before = _accounts()
        response = client.post("/staff/my-account", data=form(token, fields))
        assert response.status_code < 500
        after = _accounts()
        if response.status_code != 303:
            assert after == before
        assert after[0][5] == before[0][5]  # the right current password is never guessed here
        assert "\x00" not in after[0][6]

    check()
