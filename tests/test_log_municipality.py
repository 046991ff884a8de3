"""Every log line names the municipality it was written for ("-" outside any)."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest

from participation import configure_logging, log_formatter, tenancy
from participation.log_privacy import NameMunicipality
from tests.conftest import csrf_token
from tests.factories import client_on, make_tenant


@pytest.fixture
def log_lines() -> Iterator[io.StringIO]:
    """What the app's own log handler writes, as text lines."""
    configure_logging("text")
    ours = next(h for h in logging.getLogger().handlers if getattr(h, "_participation", False))
    assert isinstance(ours, logging.StreamHandler)
    written = io.StringIO()
    previous = ours.setStream(written)
    try:
        yield written
    finally:
        ours.setStream(previous)


def _wrong_password(client) -> None:  # type: ignore[no-untyped-def]
    token = csrf_token(client, "/staff/login")
    answer = client.post(
        "/staff/login",
        data={"csrf_token": token, "email": "niemand@example.org", "password": "fout"},
    )
    assert answer.status_code == 401


def test_a_request_on_each_host_logs_its_own_municipality(app, client, log_lines) -> None:
    make_tenant()  # Gemeente Westerveld, short name westerveld, on westerveld.localhost
    _wrong_password(client_on(app, "westerveld.localhost"))
    _wrong_password(client)
    failed = [line for line in log_lines.getvalue().splitlines() if "staff login failed" in line]
    assert len(failed) == 2
    assert "participation.services.staff_login [westerveld]: staff login failed" in failed[0]
    assert "participation.services.staff_login [gemeente]: staff login failed" in failed[1]


def test_a_line_outside_any_municipality_says_so(app, log_lines) -> None:
    with tenancy.acting_for(None):
        logging.getLogger("participation.test").warning("nobody's")
    assert "participation.test [-]: nobody's" in log_lines.getvalue()


def _json_line() -> dict[str, str]:
    record = logging.LogRecord(
        "participation.vote", logging.INFO, __file__, 1, "ballot %s stored", ("x",), None
    )
    assert NameMunicipality().filter(record)
    line: dict[str, str] = json.loads(log_formatter("json").format(record))
    return line


def test_json_lines_carry_the_municipality(app, client) -> None:
    # Before this worker read the list of municipalities (a log line never reads the
    # database), its number; once any request read it, its short name.
    assert _json_line()["municipality"] == "1"
    assert client.get("/staff/login").status_code == 200
    line = _json_line()
    assert line["municipality"] == "gemeente" and line["message"] == "ballot x stored"
