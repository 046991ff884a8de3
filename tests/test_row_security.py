"""Wall two: PostgreSQL's row-level security keeps municipalities apart on its own, without the
ORM rule, and a pooled connection carries no municipality into the next transaction."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask import Flask
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from participation import row_security, tenancy
from participation.extensions import db
from participation.models import Ballot, Campaign, StaffUser
from participation.services import municipalities
from participation.services.accounts import create_user
from tests.conftest import FIRST_MUNICIPALITY
from tests.factories import make_ballots, make_campaign, make_tenant

# The ORM rule (wall one) stays out of these statements: only the database decides.
WITHOUT_ORM_RULE = {tenancy.ACROSS_MUNICIPALITIES: True}
APP_ROLE, APP_PASSWORD = "participation_app", "participation_app"
# Row-level security is PostgreSQL's: SQLite has the ORM rule only (README).
pytestmark = pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)


@pytest.fixture
def two(app: Flask) -> tuple[int, int]:
    """Municipality A (the tests' own, 3 ballots) and B (5 ballots)."""
    make_ballots(make_campaign(slug="ivp"), 3)
    other = make_tenant()
    with tenancy.acting_for(other):
        make_ballots(make_campaign(municipality="Westerveld", slug="ivp"), 5)
        db.session.commit()
    return FIRST_MUNICIPALITY, other


def ballots_seen() -> int:
    return int(
        db.session.scalar(select(func.count(Ballot.id)).execution_options(**WITHOUT_ORM_RULE))
    )


def test_every_owned_table_has_a_forced_policy(two: tuple[int, int]) -> None:
    owned = {table.name for table in db.metadata.sorted_tables if "municipality_id" in table.c}
    rows = db.session.execute(
        text(
            "SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity, "
            "(SELECT count(*) FROM pg_policies p WHERE p.tablename = c.relname) "
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind = 'r'"
        )
    ).all()
    protected = {
        name for name, enabled, forced, policies in rows if enabled and forced and policies
    }
    assert len(owned) > 40
    assert owned <= protected, f"tables without a forced policy: {sorted(owned - protected)}"
    assert {"municipality", "staff_user", "alembic_version"}.isdisjoint(protected)


def test_the_database_alone_shows_each_municipality_its_own_rows(two: tuple[int, int]) -> None:
    first, other = two
    db.session.commit()
    for municipality, expected in ((first, 3), (other, 5), (None, 0)):
        with tenancy.acting_for(municipality):
            assert ballots_seen() == expected
            # Plain SQL too: nothing in the application filters it.
            assert db.session.scalar(text("SELECT count(*) FROM ballot")) == expected
            campaigns = db.session.scalars(
                select(Campaign.municipality_id).execution_options(**WITHOUT_ORM_RULE)
            ).all()
            assert set(campaigns) == ({municipality} if municipality else set())
        db.session.commit()


def test_the_municipality_changes_inside_one_transaction(two: tuple[int, int]) -> None:
    first, other = two
    db.session.commit()
    with tenancy.acting_for(first):
        assert ballots_seen() == 3
        with tenancy.acting_for(other):
            assert ballots_seen() == 5
        assert ballots_seen() == 3
    db.session.rollback()


def test_a_row_for_another_municipality_is_refused(two: tuple[int, int]) -> None:
    first, other = two
    theirs = db.session.scalar(
        text("SELECT id FROM campaign WHERE municipality_id = :m"), {"m": other}
    )
    assert theirs is None  # not even its id is visible from A
    with pytest.raises(DBAPIError, match="row-level security"):
        db.session.execute(
            text(
                "INSERT INTO area (municipality_id, slug, name, kind) "
                "VALUES (:m, 'x', 'X', 'village')"
            ),
            {"m": other},
        )
    db.session.rollback()
    with tenancy.acting_for(first):
        changed = db.session.execute(
            text("UPDATE ballot SET channel = 'paper' WHERE municipality_id = :m"), {"m": other}
        ).rowcount
        assert changed == 0
    db.session.rollback()


def test_a_pooled_connection_forgets_the_municipality(two: tuple[int, int]) -> None:
    first, _ = two
    db.session.commit()
    engine = sa.create_engine(db.engine.url, pool_size=1, max_overflow=0)
    row_security.tell_database(engine)
    try:
        with tenancy.acting_for(first), engine.connect() as connection:
            assert connection.scalar(text("SELECT count(*) FROM ballot")) == 3
            used = connection.connection.dbapi_connection
            connection.commit()
        # The same connection from the pool, for a request that names no municipality.
        with tenancy.acting_for(None), engine.connect() as connection:
            assert connection.connection.dbapi_connection is used
            assert connection.scalar(text("SELECT count(*) FROM ballot")) == 0
            assert (
                connection.scalar(
                    text("SELECT coalesce(current_setting('app.municipality', true), '')")
                )
                == ""
            )
    finally:
        engine.dispose()


def test_a_login_reads_its_own_memberships_in_other_municipalities(two: tuple[int, int]) -> None:
    first, other = two
    user = create_user("beide@example.org", "een-lang-wachtwoord", "staff")
    with tenancy.acting_for(other):
        user = db.session.get(StaffUser, user.id)
        assert user is not None
        user.role = "viewer"
        db.session.commit()
    stranger = create_user("alleen-a@example.org", "een-lang-wachtwoord", "admin")
    db.session.commit()
    names = [row.id for row in municipalities.memberships_of(user.id)]
    assert sorted(names) == sorted([first, other])
    db.session.commit()
    assert [row.id for row in municipalities.memberships_of(stranger.id)] == [first]


@pytest.fixture
def app_role_url(two: tuple[int, int]) -> str:
    """A connection URL for the role that serves requests: it owns no tables."""
    db.session.commit()
    with db.engine.begin() as connection:
        exists = connection.scalar(
            text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": APP_ROLE}
        )
        if not exists:
            pytest.fail(f"role {APP_ROLE} is missing: .ci/start-postgres makes it")
        connection.execute(text(f"GRANT USAGE ON SCHEMA public TO {APP_ROLE}"))
        connection.execute(
            text(
                f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {APP_ROLE}"
            )
        )
        connection.execute(text(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {APP_ROLE}"))
    return db.engine.url.set(username=APP_ROLE, password=APP_PASSWORD).render_as_string(
        hide_password=False
    )


def test_the_serving_role_owns_nothing_and_sees_only_its_municipality(
    two: tuple[int, int], app_role_url: str
) -> None:
    first, other = two
    with db.engine.connect() as connection:
        assert row_security.serving_role_problems(connection) == ["owns_tables"]
    engine = sa.create_engine(app_role_url)
    row_security.tell_database(engine)
    try:
        with engine.connect() as connection:
            assert row_security.serving_role_problems(connection) == []
            for municipality, expected in ((first, 3), (other, 5), (None, 0)):
                with tenancy.acting_for(municipality):
                    assert connection.scalar(text("SELECT count(*) FROM ballot")) == expected
                connection.commit()
            with pytest.raises(DBAPIError):  # it may not switch the wall off either
                connection.execute(text("ALTER TABLE ballot DISABLE ROW LEVEL SECURITY"))
    finally:
        engine.dispose()


def test_the_check_names_a_role_that_owns_the_tables(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["row-security"])
    assert result.exit_code == 1
    assert "eigenaar van tabellen" in result.output


def test_the_counts_are_read_from_the_index_alone_under_the_policy(two: tuple[int, int]) -> None:
    """The policy's municipality_id is in the counting index: a million ballots are still
    counted from the index, without visiting the table."""
    from participation.services.results import counting

    campaign = db.session.scalar(select(Campaign))
    assert campaign is not None
    seen: list[tuple[str, object]] = []

    def keep(
        _conn: object, _cursor: object, statement: str, parameters: object, *_: object
    ) -> None:
        if "GROUP BY ballot.area_id" in statement:
            seen.append((statement, parameters))

    sa.event.listen(db.engine, "before_cursor_execute", keep)
    try:
        counting.ballot_counts(campaign)
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", keep)
    assert len(seen) == 1
    statement, parameters = seen[0]
    connection = db.session.connection()
    driver = connection.connection.dbapi_connection
    assert driver is not None
    with driver.cursor() as cursor:
        # Only a table-free read is left to choose: on a test's few rows the planner's costs
        # of a plain index scan and an index-only one are a coin toss, and the question is
        # whether the policy lets the counts be read from the index alone at all.
        for method in ("seqscan", "indexscan", "bitmapscan"):
            cursor.execute(f"SET LOCAL enable_{method} = off")
        cursor.execute("EXPLAIN " + statement, parameters)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    db.session.rollback()
    assert "Index Only Scan using ix_ballot_counting" in plan, plan
