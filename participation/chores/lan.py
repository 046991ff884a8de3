"""The address to serve on for `make run`: this machine's on the local network when asked.

`HOST=0.0.0.0 make run` serves on every interface; the printed links, QR codes and kiosk
links then use this machine's address on the local network, so a phone can scan the demo
poster and a real tablet can open the kiosk. Print still says VOORBEELD (a private address
is never the public one; web.links.print_address_problem).
"""

from __future__ import annotations

import socket
import sys

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
EVERY_INTERFACE = {"0.0.0.0", "::"}


def lan_address() -> str | None:
    """This machine's address on its local network, or None without one.

    Connecting a UDP socket sends nothing; it only makes the system choose the interface a
    packet to that (documentation-only, TEST-NET-1) address would leave from.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))
        except OSError:
            return None
        address = probe.getsockname()[0]
    return None if address.startswith("127.") or address == "0.0.0.0" else address


def base_url(host: str, port: int, found: str | None = None) -> str:
    """The PUBLIC_BASE_URL for a development server on host:port; empty for loopback (then
    each request's own host stands in, as before)."""
    if host in LOOPBACK:
        return ""
    address = (found or lan_address()) if host in EVERY_INTERFACE else host
    return f"http://{address}:{port}" if address else ""


if __name__ == "__main__":
    print(base_url(sys.argv[1], int(sys.argv[2])))
