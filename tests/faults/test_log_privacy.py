"""gunicorn's own log lines carry no IP address, also for a request it cannot parse."""

from __future__ import annotations

import socket
import time
from pathlib import Path

from tests.faults.databases import Templates
from tests.load.driver import Server, app_env


def test_a_bad_request_line_is_logged_without_the_address(
    tmp_path: Path, templates: Templates
) -> None:
    templates.sqlite_into(tmp_path / "instance")
    env = app_env(tmp_path / "instance")
    log = tmp_path / "gunicorn.log"
    server = Server(env, workers=1, log=log)
    try:
        with socket.create_connection(("127.0.0.1", server.port), timeout=5) as raw:
            raw.sendall(b"GET /\x00 HTTP/1.1\r\nHost: x\r\n\r\n")
            assert raw.recv(200).startswith(b"HTTP/1.1 400")
        deadline = time.monotonic() + 5
        while b"Invalid request" not in log.read_bytes() and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        server.stop()
    text = log.read_text()
    assert "Invalid request from ip=[adres verborgen]" in text
    assert "127.0.0.1" not in text
