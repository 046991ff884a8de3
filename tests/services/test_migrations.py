"""The Alembic migrations build exactly the schema the models describe."""

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from participation import tenancy
from participation.extensions import db


def test_migrations_and_models_agree(app) -> None:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = compare_metadata(context, db.metadata)
    assert diff == []


def test_sqlite_runs_with_wal_busy_timeout_and_foreign_keys(app) -> None:
    if db.engine.dialect.name != "sqlite":
        return
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_upgrading_a_sqlite_database_full_of_ballots_keeps_them(tmp_path) -> None:
    """Batch migrations rebuild tables; with foreign keys on, that once failed on real data."""
    import sqlite3

    from flask_migrate import upgrade

    from config import TestingConfig
    from participation import create_app

    db_file = tmp_path / "old.sqlite"
    app = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=f"sqlite:///{db_file}")
    with app.app_context():
        upgrade(revision="0001_initial")
        raw = sqlite3.connect(db_file)
        raw.executescript("""
            PRAGMA foreign_keys=ON;
            INSERT INTO area (id, slug, name, kind, postcodes)
                VALUES (1, 'leek', 'Leek', 'village', '');
            INSERT INTO campaign (id, slug, title, intro, status, min_picks, max_picks)
                VALUES (1, 'oud', 'Oud', '', 'open', 1, 1);
            INSERT INTO campaign_area VALUES (1, 1);
            INSERT INTO theme (id, campaign_id, title, explanation, safety_field, position)
                VALUES (1, 1, 'Verkeer', '', 4, 1), (2, 1, 'Inbraak', '', 2, 3);
            INSERT INTO ballot
                (id, ballot_key, campaign_id, area_id, channel, trust_level, created_at)
                VALUES (1, '0123456789abcdef0123456789abcdef', 1, 1, 'web', 'device', '2026-01-01');
            INSERT INTO ballot_choice VALUES (1, 1), (1, 2);
        """)
        raw.commit()
        upgrade()
        db.engine.dispose()
    counts = [
        raw.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("campaign", "theme", "ballot", "ballot_choice", "campaign_area")
    ]
    assert counts == [1, 2, 1, 2, 1]
    assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
    assert raw.execute("SELECT show_live_at_stand FROM campaign").fetchone()[0] == 0
    # Positions 1 and 3 picked: bits 0 and 2.
    assert raw.execute("SELECT choice_mask FROM ballot").fetchone()[0] == 0b101
    raw.close()


def test_upgrading_gives_themes_fixed_bits_and_rebuilds_masks_from_the_choices(tmp_path) -> None:
    """Masks written before bits were fixed may credit a moved theme; the record decides."""
    import sqlite3

    from flask_migrate import upgrade

    from config import TestingConfig
    from participation import create_app

    db_file = tmp_path / "old.sqlite"
    app = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=f"sqlite:///{db_file}")
    with app.app_context():
        upgrade(revision="0012_archived_counts")
        raw = sqlite3.connect(db_file)
        raw.executescript("""
            INSERT INTO campaign (id, slug, title, intro, status, min_picks, max_picks,
                show_live_at_stand, ballots_per_device, associations_see_live)
                VALUES (1, 'oud', 'Oud', '', 'open', 2, 2, 0, 1, 0);
            INSERT INTO theme (id, campaign_id, title, explanation, safety_field, position)
                VALUES (1, 1, 'Verkeer', '', 4, 2), (2, 1, 'Inbraak', '', 2, 70);
            INSERT INTO ballot (id, ballot_key, campaign_id, channel, trust_level, created_at,
                choice_mask) VALUES
                (1, '0123456789abcdef0123456789abcdef', 1, 'web', 'device', '2026-01-01', 1);
            INSERT INTO ballot_choice VALUES (1, 1), (1, 2);
        """)
        raw.commit()
        upgrade()
        db.engine.dispose()
    bits = raw.execute("SELECT id, bit FROM theme ORDER BY id").fetchall()
    assert bits == [(1, 1), (2, 0)]  # position 2 kept bit 1; position 70 got the lowest free
    assert raw.execute("SELECT choice_mask FROM ballot").fetchone()[0] == 0b11
    raw.close()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_an_install_from_before_municipalities_upgrades_with_nothing_changed(
    backend: str, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    """Issue 29's upgrade: one municipality, the same slugs, counts and logins."""
    from flask_migrate import upgrade
    from werkzeug.security import generate_password_hash

    from config import TestingConfig
    from participation import create_app
    from tests.servers import postgres_schema_url

    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    else:
        url = postgres_schema_url("upgrade_to_municipalities")
    app = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=url)
    password = generate_password_hash("een-lang-wachtwoord", method="pbkdf2:sha256:1000")
    with app.app_context():
        upgrade(revision="0030_settled_counts")
        with db.engine.begin() as conn:
            conn.execute(
                sa.text(
                    "INSERT INTO municipality_settings (id, name, house_colour, contact_line, "
                    "privacy_contact, version, updated_at) VALUES (7, 'Gemeente Oud', '#123456', "
                    "'', '', 3, '2026-01-01')"
                )
            )
            conn.execute(
                sa.text(
                    "INSERT INTO area (id, slug, name, kind, postcodes) VALUES (1, 'leek', 'Leek', "
                    "'village', '')"
                )
            )
            conn.execute(
                sa.text(
                    "INSERT INTO campaign (id, slug, title, intro, status, min_picks, "
                    "max_picks, show_live_at_stand, ballots_per_device, ballot_order) "
                    "VALUES (1, 'ivp', 'Oud', '', 'open', 1, 1, false, 1, 'random')"
                )
            )
            conn.execute(sa.text("INSERT INTO campaign_area VALUES (1, 1)"))
            conn.execute(
                sa.text(
                    "INSERT INTO theme (id, campaign_id, title, explanation, safety_field, "
                    "position, bit) VALUES (1, 1, 'Verkeer', '', 4, 1, 0)"
                )
            )
            for n in range(1, 4):
                conn.execute(
                    sa.text(
                        "INSERT INTO ballot (id, ballot_key, campaign_id, area_id, channel, "
                        "trust_level, created_at, choice_mask) VALUES "
                        f"({n}, '{n:032x}', 1, 1, 'web', 'device', '2026-01-01', 1)"
                    )
                )
                conn.execute(sa.text(f"INSERT INTO ballot_choice VALUES ({n}, 1)"))
            conn.execute(
                sa.text(
                    "INSERT INTO staff_user (id, email, password_hash, role, display_name, "
                    "invite_pending, active, session_version) VALUES (1, 'a@example.org', "
                    f"'{password}', 'admin', '', false, true, 0)"
                )
            )
        upgrade()
        # On PostgreSQL the rows show only to a transaction that names their municipality.
        with tenancy.acting_for(7), db.engine.connect() as conn:
            assert conn.execute(sa.text("SELECT id, name, slug FROM municipality")).all() == [
                (7, "Gemeente Oud", "gemeente")
            ]
            for table in ("area", "campaign", "theme", "ballot", "ballot_choice", "campaign_area"):
                owners = conn.execute(sa.text(f"SELECT DISTINCT municipality_id FROM {table}"))
                assert owners.scalars().all() == [7], table
            assert conn.execute(sa.text("SELECT count(*) FROM ballot")).scalar() == 3
            memberships = conn.execute(
                sa.text("SELECT user_id, role, municipality_id FROM staff_membership")
            ).all()
            assert memberships == [(1, "admin", 7)]
            assert conn.execute(sa.text("SELECT operator FROM staff_user")).scalar() in (1, True)
        db.engine.dispose()
    # The same addresses answer, and the same login works, with no host named.
    client = app.test_client()
    assert client.get("/v/ivp").status_code == 200
    page = client.get("/staff/login").get_data(as_text=True)
    token = page.split('name="csrf_token"')[1].split('value="')[1].split('"')[0]
    answer = client.post(
        "/staff/login",
        data={"csrf_token": token, "email": "a@example.org", "password": "een-lang-wachtwoord"},
    )
    assert answer.status_code == 302
    results = client.get("/api/v1/campaigns/ivp/results").get_json()
    assert results["ballots"] == 3
    with app.app_context():
        db.engine.dispose()
