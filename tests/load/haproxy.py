"""HAProxy for the two-server test: round-robin over two gunicorn servers, run in the foreground."""

from __future__ import annotations

import csv
import http.client
import io
import shutil
import subprocess
import time
from pathlib import Path

from tests.load.driver import free_port

HAPROXY_CONFIG = """\
global
    nbthread 1
    maxconn 200

defaults
    mode http
    timeout connect 2s
    timeout client 30s
    timeout server 30s
    # Only a connection that could not be opened is tried again, on the other server.
    retries 3
    option redispatch 1

frontend www
    bind 127.0.0.1:{front}
    option forwardfor
    default_backend app

backend app
    balance roundrobin
    option httpchk GET /healthz
    http-check expect status 200
    timeout check 2s
    default-server check inter 500ms fall 2 rise 2
    # For the test only: which server answered.
    http-response set-header X-Server %[srv_name]
    server a 127.0.0.1:{a}
    server b 127.0.0.1:{b}

listen stats
    bind 127.0.0.1:{stats}
    stats enable
    stats uri /stats
"""


class Balancer:
    """HAProxy in the foreground, round-robin over two servers, with a stats page."""

    def __init__(self, binary: str, directory: Path, a: int, b: int) -> None:
        self.port, self.stats_port = free_port(), free_port()
        config = directory / "haproxy.cfg"
        config.write_text(HAPROXY_CONFIG.format(front=self.port, a=a, b=b, stats=self.stats_port))
        subprocess.run([binary, "-c", "-q", "-f", str(config)], check=True)
        self._log = (directory / "haproxy.log").open("wb")
        self.process = subprocess.Popen(
            [binary, "-db", "-f", str(config)],
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def servers(self) -> dict[str, dict[str, str]]:
        """Per server its row of HAProxy's CSV statistics (status UP/DOWN, stot requests)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.stats_port, timeout=5)
        connection.request("GET", "/stats;csv")
        text = connection.getresponse().read().decode().lstrip("# ")
        connection.close()
        rows = csv.DictReader(io.StringIO(text))
        return {row["svname"]: row for row in rows if row["pxname"] == "app"}

    def wait_for(self, wanted: dict[str, str], seconds: float = 15) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                found = self.servers()
                if all(found[name]["status"] == state for name, state in wanted.items()):
                    return
            except (OSError, KeyError):
                pass
            time.sleep(0.1)
        raise AssertionError(f"HAProxy did not see {wanted}: {self.servers()}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self._log.close()


def find_haproxy() -> str | None:
    """The haproxy binary (Debian puts it in /usr/sbin, not always on a user's PATH)."""
    return shutil.which("haproxy") or shutil.which("haproxy", path="/usr/sbin:/sbin")
