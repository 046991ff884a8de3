"""Shared fixtures: a migrated database (SQLite, and PostgreSQL when reachable), app and clients."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask, g, request_started
from flask.testing import FlaskClient
from flask_migrate import upgrade

from config import TestingConfig
from participation import create_app, tenancy
from participation.domain.house_style import DEFAULT_COLOUR
from participation.extensions import db, limiter
from participation.models import Municipality, Region
from tests.servers import (  # the fault and load tests import these from here
    FAST_COMMITS,
    POSTGRES_URL,
    REQUIRE_POSTGRES,
    postgres_reachable,
    reset_postgres_schema,
)

# The municipality every test works for unless it makes another (tests/factories.py).
FIRST_MUNICIPALITY = 1
CSRF_INPUT = re.compile(r'name="csrf_token"[^>]*?value="([^"]+)"')


def pytest_configure(config: pytest.Config) -> None:
    """A bare `pytest` on a fresh checkout: compile the message catalogues if they are missing
    or older than their .po files (`make` does the same with pybabel)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po in (Path(__file__).resolve().parent.parent / "participation/translations").glob(
        "*/LC_MESSAGES/messages.po"
    ):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as source:
            catalog = read_po(source, locale=po.parent.parent.name)
        with mo.open("wb") as target:
            write_mo(target, catalog, use_fuzzy=True)


def make_app(database_url: str, instance_path: Path) -> Flask:
    os.environ["INSTANCE_PATH"] = str(instance_path)
    return create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=database_url)


def migrated_database(
    backend: str, tmp_path_factory: pytest.TempPathFactory, cache: pytest.Cache | None = None
) -> str:
    """The URL of a database of this backend, migrated to the newest schema. A SQLite file
    migrated by an earlier run from the very same migrations is copied from pytest's cache
    (`cache`): running the migrations took each pytest worker 3 s of every run."""
    if backend == "sqlite":
        path = tmp_path_factory.mktemp("db") / "test.sqlite"
        url = f"sqlite:///{path}"
        kept = _kept_schema(cache)
        if kept is not None and kept.exists():
            shutil.copyfile(kept, path)
            return url
    else:
        if not postgres_reachable(POSTGRES_URL):
            if REQUIRE_POSTGRES:
                pytest.fail(f"PostgreSQL is required but not reachable at {POSTGRES_URL}")
            pytest.skip("PostgreSQL server not reachable (set TEST_POSTGRES_URL)")
        reset_postgres_schema(POSTGRES_URL)
        url = (
            sa.engine.make_url(POSTGRES_URL)
            .update_query_dict(FAST_COMMITS)
            .render_as_string(hide_password=False)
        )
    app = make_app(url, tmp_path_factory.mktemp("instance"))
    with app.app_context():
        upgrade()
        db.engine.dispose()
    if backend == "sqlite" and (kept := _kept_schema(cache)) is not None:
        # Through SQLite's backup API (the schema may still sit in the write-ahead log), into
        # a file aside, then renamed: another worker may be reading or writing it too.
        aside = kept.with_name(f"{kept.name}.{os.getpid()}")
        with (
            contextlib.closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as source,
            contextlib.closing(sqlite3.connect(aside)) as target,
        ):
            source.backup(target)
        os.replace(aside, kept)
    return url


MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def _kept_schema(cache: pytest.Cache | None) -> Path | None:
    """Where pytest's cache keeps a SQLite file migrated by these very migrations (their
    files' bytes name it); None without the cache (`-p no:cacheprovider`)."""
    if cache is None:
        return None
    digest = hashlib.sha256()
    for source in sorted(MIGRATIONS.rglob("*.py")):
        digest.update(source.relative_to(MIGRATIONS).as_posix().encode() + source.read_bytes())
    return cache.mkdir("migrated-sqlite") / f"{digest.hexdigest()[:16]}.sqlite"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A test marked sqlite_only runs on SQLite alone: what it checks (a PDF's layout, a
    chart's pixels) is drawn the same from either database, and counting, storing and
    isolation are tested on both elsewhere."""
    dropped = [
        item
        for item in items
        if item.get_closest_marker("sqlite_only")
        and isinstance(item, pytest.Function)
        and getattr(item, "callspec", None) is not None
        and item.callspec.params.get("database_url") == "postgresql"
    ]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = [item for item in items if item not in set(dropped)]


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """Each test that uses the database runs once per backend."""
    return migrated_database(
        request.param, tmp_path_factory, getattr(request.config, "cache", None)
    )


@pytest.fixture(scope="session")
def shared_app(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Flask:
    """One app per backend for the whole run: building one per test cost time for nothing."""
    app = make_app(database_url, tmp_path_factory.mktemp("instance"))
    from tests.factories import RequestClient  # factories import this module

    app.test_client_class = RequestClient
    # Start each request with an empty `g`, as a real server does (CSRF and login cache there).
    request_started.connect(_fresh_g, app)
    return app


@pytest.fixture
def app(shared_app: Flask) -> Iterator[Flask]:
    """The backend's app, as fresh as a new one: every table is emptied after the test, and
    the settings, rate-limit counts and extensions (the counts cache) a test changed are put
    back."""
    settings, extensions = dict(shared_app.config), set(shared_app.extensions)
    # The test holds one app context so it can use db.session; requests then share its `g`.
    # It works for the install's one municipality, as a one-municipality install does.
    with tenancy.acting_for(FIRST_MUNICIPALITY), shared_app.app_context():
        # The same row for every test: the migration's own on a fresh database, or one a
        # browser test's server left, is put back as a test expects it.
        db.session.merge(
            Municipality(
                id=FIRST_MUNICIPALITY,
                name="",
                slug="gemeente",
                public_url="",
                hosts="",
                population=None,
                house_colour=DEFAULT_COLOUR,
                contact_line="",
                privacy_contact="",
                logo=None,
                logo_type=None,
                version=0,
                mail_tested_at=None,
                backup_made_at=None,
                retention_days=None,
                mail_sender="",
            )
        )
        db.session.commit()
        yield shared_app
        db.session.remove()
        empty_every_table()
    shared_app.config.clear()
    shared_app.config.update(settings)
    for added in set(shared_app.extensions) - extensions:  # caches, and what tests kept there
        del shared_app.extensions[added]
    limiter.reset()


def empty_every_table() -> None:
    """Delete every row. On PostgreSQL row-level security shows a transaction only the rows of
    the municipality it names, so each municipality's rows go while it is named."""
    tables = list(reversed(db.metadata.sorted_tables))
    owned = [table for table in tables if "municipality_id" in table.c]
    # A region's rows (and its memberships) go while the region is named, the same way.
    regional = [
        t for t in tables if "region_id" in t.c and t not in owned and t.name != "municipality"
    ]
    rest = [table for table in tables if table not in owned and table not in regional]
    with db.engine.begin() as conn:
        for municipality_id in conn.execute(sa.select(Municipality.id)).scalars().all():
            with tenancy.acting_for(municipality_id):
                _delete_all(conn, owned)
        for region_id in conn.execute(sa.select(Region.id)).scalars().all():
            with tenancy.acting_for(None), tenancy.in_region(region_id):
                _delete_all(conn, regional)
        _delete_all(conn, rest)


def _delete_all(conn: sa.Connection, tables: list[sa.Table]) -> None:
    """DELETE from each table; on PostgreSQL in one round trip (one per table cost 3x more)."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("; ".join(f'DELETE FROM "{table.name}"' for table in tables))
        return
    for table in tables:
        conn.execute(table.delete())


def _fresh_g(sender: Flask, **extra: object) -> None:
    g.__dict__.clear()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def demo(app: Flask):  # type: ignore[no-untyped-def]
    """The demo campaign of DESIGN.md, open for voting."""
    from participation.demo import seed_demo

    return seed_demo()


@pytest.fixture
def staff_client(app: Flask, client: FlaskClient) -> FlaskClient:
    """A client logged in as a staff member."""
    from participation.services.accounts import create_user

    create_user("medewerker@example.org", "een-lang-wachtwoord", "staff")
    token = csrf_token(client, "/staff/login")
    response = client.post(
        "/staff/login",
        data={
            "csrf_token": token,
            "email": "medewerker@example.org",
            "password": "een-lang-wachtwoord",
        },
    )
    assert response.status_code == 302
    return client


def new_phone(client: FlaskClient) -> None:
    """Forget the device cookie, as the next resident's own phone would not have it."""
    client.delete_cookie("stemapparaat")


def csrf_token(client: FlaskClient, url: str) -> str:
    """The CSRF token from the form on a page, as a browser would submit it."""
    page = client.get(url)
    match = CSRF_INPUT.search(page.get_data(as_text=True))
    assert match, (
        f"no CSRF token on {url} ({page.status_code}: {page.get_data(as_text=True)[-600:]})"
    )
    return match.group(1)


@pytest.fixture
def live_server(app: Flask) -> Iterator[str]:
    """The app served over real HTTP on a free loopback port, for as long as the test runs."""
    import threading

    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)


def add_stand(
    campaign,
    village: str = "marum",
    starts_in_hours: float = -1,  # type: ignore[no-untyped-def]
    ends_in_hours: float = 3,
):
    """A stand of the campaign in a village, its window relative to now."""
    from datetime import timedelta

    from participation.models import Stand
    from participation.timeutil import utcnow

    now = utcnow()
    stand = Stand(
        campaign=campaign,
        area=next(a for a in campaign.areas if a.slug == village),
        place="Dorpshuis",
        starts_at=now + timedelta(hours=starts_in_hours),
        ends_at=now + timedelta(hours=ends_in_hours),
    )
    db.session.add(stand)
    db.session.commit()
    return stand


@pytest.fixture
def stand(demo):  # type: ignore[no-untyped-def]
    """A stand in Marum that is open now."""
    return add_stand(demo)


def send_ballot(
    client: FlaskClient,
    campaign,
    village: str = "leek",  # type: ignore[no-untyped-def]
    themes: list[int] | None = None,
    query: str = "",
    same_phone: bool = False,
    **environ: str,
):
    """Post one valid-looking ballot as a resident's browser would, with a fresh ballot_key.

    Each call is a new phone unless `same_phone`: the device cookie is dropped first.
    """
    import uuid

    if not same_phone:
        new_phone(client)
    # A phone that has voted no longer gets the form; any form of the session carries a valid
    # token, as a second tab opened before the first vote would.
    page = "/staff/login" if same_phone else f"/v/{campaign.slug}"
    token = csrf_token(client, page)
    data = {
        "csrf_token": token,
        "ballot_key": str(uuid.uuid4()),
        "village": village,
        "theme": themes if themes is not None else [t.id for t in campaign.themes[:6]],
    }
    return client.post(f"/v/{campaign.slug}{query}", data=data, environ_base=environ)


def login_as(client, role: str):  # type: ignore[no-untyped-def]
    """Log the client in as a new staff user of this role (admin, staff or viewer)."""
    from participation.services.accounts import create_user

    email = f"{role}@example.org"
    create_user(email, "een-lang-wachtwoord", role)
    token = csrf_token(client, "/staff/login")
    response = client.post(
        "/staff/login",
        data={"csrf_token": token, "email": email, "password": "een-lang-wachtwoord"},
    )
    assert response.status_code == 302
    return client


def answer_demo_survey(open_answer: str):  # type: ignore[no-untyped-def]
    """Open the demo survey and store one response with `open_answer` as its open text."""
    import uuid

    from participation.services.surveys import surveys

    survey = surveys.by_slug("demo-vragenlijst")
    survey.status = "open"
    open_text = next(q for q in survey.questions if q.kind == "text")
    first, second, third = survey.questions[:3]
    answers = {
        first.id: ["ja"],
        second.id: ["drugs"],
        third.id: ["nee"],
        open_text.id: [open_answer],
    }
    surveys.submit(survey, uuid.uuid4(), answers)
    return survey


@pytest.fixture
def smtp_server(app: Flask) -> Iterator[list]:
    """A real SMTP server on loopback (aiosmtpd); the app sends to it. Yields the messages it
    received, parsed. A recipient with 'weiger' in it is refused (550), as a server would."""
    import email
    import socket
    from email import policy

    from aiosmtpd.controller import Controller

    received: list = []

    class Handler:
        async def handle_RCPT(self, server, session, envelope, address, options):  # type: ignore[no-untyped-def]
            if "weiger" in address:
                return "550 no such user"
            envelope.rcpt_tos.append(address)
            return "250 OK"

        async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
            received.append(email.message_from_bytes(envelope.content, policy=policy.default))
            return "250 OK"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    state = app.extensions["mail"]
    saved = (state.server, state.port, state.suppress)
    state.server, state.port, state.suppress = "127.0.0.1", port, False
    try:
        yield received
    finally:
        controller.stop()
        state.server, state.port, state.suppress = saved


def publish_results(campaign):  # type: ignore[no-untyped-def]
    """Make the campaign's results public and release today's counts, as staff would."""
    from participation.services.results import releases
    from participation.timeutil import utcnow

    campaign.results_published_at = campaign.results_published_at or utcnow()
    db.session.commit()
    return releases.release(campaign, None)


def paired_kiosk(stand, client: FlaskClient | None = None, name: str = ""):  # type: ignore[no-untyped-def]
    """A test client (a new one, or `client`) holding the secret of a tablet that staff paired
    with this stand, as the pairing screen leaves it: the code typed by a staff member, the
    secret collected into the tablet's cookie. The device is `client.kiosk_device`."""
    from flask import current_app
    from sqlalchemy import select

    from participation.models import StaffUser
    from participation.services.accounts import create_user
    from participation.services.stands import kiosk_devices

    email = "koppelaar@example.org"
    actor = db.session.scalar(select(StaffUser).where(StaffUser.email == email))
    actor = actor or create_user(email, "een-lang-wachtwoord", "staff")
    pairing, nonce = kiosk_devices.start_pairing(stand)
    kiosk_devices.confirm_code(stand, pairing.code, name, actor)
    device, secret = kiosk_devices.claim(stand, nonce)  # type: ignore[misc]
    client = client or current_app.test_client()
    client.set_cookie(kiosk_devices.COOKIE, secret, path=f"/stand/{stand.token}")
    client.kiosk_device = device  # type: ignore[attr-defined]
    return client
