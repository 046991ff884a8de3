"""Log lines never carry an IP address or an e-mail address: filters for every log line."""

from __future__ import annotations

import logging
import re

# IPv4, and IPv6 with at least two colons (gunicorn writes e.g. 'ip=203.0.113.7' or '::1').
ADDRESS = re.compile(
    r"\b(?:\d{1,3}\.){3}\d{1,3}\b|(?<![\w:])(?:[0-9a-fA-F]{0,4}:){2,7}[0-9a-fA-F]{0,4}(?![\w:])"
)
HIDDEN = "[adres verborgen]"
# Anything shaped like an e-mail address, also inside a library's error message.
EMAIL = re.compile(r"[^\s<>()\[\]@,;:\"']+@[^\s<>()\[\]@,;:\"']+")


class HideAddresses(logging.Filter):
    """Replace IP addresses in a record's message (gunicorn's 'Invalid request from ip=…')."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        hidden = ADDRESS.sub(HIDDEN, message)
        if hidden != message:
            record.msg, record.args = hidden, ()
        return True


class HideEmails(logging.Filter):
    """Replace e-mail addresses, whoever logs them (an SMTP error names the recipient)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        hidden = EMAIL.sub(HIDDEN, message)
        if hidden != message:
            record.msg, record.args = hidden, ()
        return True
