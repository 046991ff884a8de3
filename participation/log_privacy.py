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


class _Hide(logging.Filter):
    """Replace what `pattern` matches in a record's message; the record still goes out."""

    pattern: re.Pattern[str]

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        hidden = self.pattern.sub(HIDDEN, message)
        if hidden != message:
            record.msg, record.args = hidden, ()
        return True


class HideAddresses(_Hide):
    """IP addresses (gunicorn's 'Invalid request from ip=…')."""

    pattern = ADDRESS


class HideEmails(_Hide):
    """E-mail addresses, whoever logs them (an SMTP error names the recipient)."""

    pattern = EMAIL
