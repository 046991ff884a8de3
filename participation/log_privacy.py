"""Log lines never carry an IP address: a filter for loggers we do not write ourselves."""

from __future__ import annotations

import logging
import re

# IPv4, and IPv6 with at least two colons (gunicorn writes e.g. 'ip=203.0.113.7' or '::1').
ADDRESS = re.compile(
    r"\b(?:\d{1,3}\.){3}\d{1,3}\b|(?<![\w:])(?:[0-9a-fA-F]{0,4}:){2,7}[0-9a-fA-F]{0,4}(?![\w:])"
)
HIDDEN = "[adres verborgen]"


class HideAddresses(logging.Filter):
    """Replace IP addresses in a record's message (gunicorn's 'Invalid request from ip=…')."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        hidden = ADDRESS.sub(HIDDEN, message)
        if hidden != message:
            record.msg, record.args = hidden, ()
        return True
