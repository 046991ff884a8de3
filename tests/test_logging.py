"""Logs: one JSON object per line when asked, and never a resident's IP address or a login name."""

from __future__ import annotations

import json
import logging
import uuid

from participation import configure_logging, log_formatter
from tests.conftest import csrf_token


def test_json_log_lines_carry_time_level_logger_and_message() -> None:
    record = logging.LogRecord(
        "participation.vote", logging.INFO, __file__, 1, "ballot %s stored", ("x",), None
    )
    line = json.loads(log_formatter("json").format(record))
    assert line["level"] == "INFO" and line["logger"] == "participation.vote"
    assert line["message"] == "ballot x stored" and "time" in line


def test_logs_hold_no_ip_address_or_e_mail_address(app, demo, client, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    remote = {"REMOTE_ADDR": "203.0.113.77"}
    token = csrf_token(client, "/v/demo")
    client.post(
        "/v/demo",
        data={
            "csrf_token": token,
            "ballot_key": str(uuid.uuid4()),
            "village": "leek",
            "theme": [str(t.id) for t in demo.themes[:6]],
        },
        environ_base=remote,
    )
    client.post("/v/demo", data={"csrf_token": token, "village": "nergens"}, environ_base=remote)
    client.post("/v/demo", data={"csrf_token": "vals"}, environ_base=remote)
    client.post(
        "/staff/login",
        data={
            "csrf_token": csrf_token(client, "/staff/login"),
            "email": "geheim.persoon@example.org",
            "password": "fout-wachtwoord",
        },
        environ_base=remote,
    )
    assert caplog.records  # the requests were logged
    assert "203.0.113.77" not in caplog.text
    assert "geheim.persoon" not in caplog.text


def test_the_log_handler_hides_an_e_mail_address_a_library_writes() -> None:
    import smtplib

    from participation.log_privacy import HideEmails

    error = smtplib.SMTPRecipientsRefused({"jan@example.org": (550, b"no such user")})
    record = logging.LogRecord(
        "smtp", logging.WARNING, __file__, 1, "send failed: %s", (error,), None
    )
    assert HideEmails().filter(record)
    assert "jan@example.org" not in record.getMessage()
    assert "[adres verborgen]" in record.getMessage()
    # The filter sits on the handler every log line passes (made here if a test removed it).
    configure_logging("text")
    root = logging.getLogger()
    ours = [h for h in root.handlers if getattr(h, "_participation", False)]
    assert ours and any(isinstance(f, HideEmails) for f in ours[0].filters)


def test_the_development_servers_access_line_shows_no_ip_address() -> None:
    """The walk: `make run` printed each visitor's address; werkzeug's access lines pass
    the same handler as every other line."""
    configure_logging("text")
    ours = next(h for h in logging.getLogger().handlers if getattr(h, "_participation", False))
    record = logging.LogRecord(
        "werkzeug", logging.INFO, __file__, 1, '%s - - "GET /v/demo HTTP/1.1" 200 -',
        ("203.0.113.7",), None,
    )  # fmt: skip
    assert ours.filter(record)
    assert "203.0.113.7" not in record.getMessage()
    assert "[adres verborgen]" in record.getMessage()


def test_a_duration_or_a_time_of_day_stays_in_the_log_but_an_ipv6_address_goes() -> None:
    from participation.log_privacy import HIDDEN, HideAddresses

    def shown(message: str) -> str:
        record = logging.LogRecord("rq", logging.INFO, __file__, 1, message, (), None)
        HideAddresses().filter(record)
        return record.getMessage()

    # RQ's own line; the duration was hidden as if it were an address.
    assert shown("Successfully completed job in 0:00:00.759645s") == (
        "Successfully completed job in 0:00:00.759645s"
    )
    assert shown("started at 12:30:45") == "started at 12:30:45"
    assert shown("from ::1 and 2001:db8::7 and fe80:0:0:0:0:0:0:1") == (
        f"from {HIDDEN} and {HIDDEN} and {HIDDEN}"
    )
    assert shown("Invalid request from ip=203.0.113.7") == f"Invalid request from ip={HIDDEN}"
