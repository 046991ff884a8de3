"""Filters for every log line: no IP address or e-mail address, and the municipality it is for."""

from __future__ import annotations

import ipaddress
import logging
import re

from participation import tenancy

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
        hidden = self.pattern.sub(self.hidden, message)
        if hidden != message:
            record.msg, record.args = hidden, ()
        return True

    def hidden(self, found: re.Match[str]) -> str:
        return HIDDEN


class HideAddresses(_Hide):
    """IP addresses (gunicorn's 'Invalid request from ip=…')."""

    pattern = ADDRESS

    def hidden(self, found: re.Match[str]) -> str:
        """Every IPv4-shaped text goes; colon-separated text only when it is an IPv6 address,
        so a duration such as RQ's 'job in 0:00:00.76s' or a time of day stays readable."""
        text = found.group()
        if "." in text:
            return HIDDEN
        try:
            ipaddress.IPv6Address(text)
        except ValueError:
            return text
        return HIDDEN


class HideEmails(_Hide):
    """E-mail addresses, whoever logs them (an SMTP error names the recipient)."""

    pattern = EMAIL


# What a line written outside any municipality shows (the server's own, an unknown host).
NO_MUNICIPALITY = "-"


class NameMunicipality(logging.Filter):
    """Add `municipality` to every record: the short name of the municipality the request or
    chore works for, so one install's log can be read per municipality."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.municipality = municipality_slug()
        return True


def municipality_slug() -> str:
    """The current municipality's short name; its number when this worker has not read the
    list of municipalities yet (a log line never reads the database); "-" outside any."""
    chosen = tenancy.chosen_id()
    if chosen is None:
        return NO_MUNICIPALITY
    return _known_slugs().get(chosen) or str(chosen)


def _known_slugs() -> dict[int, str]:
    """The short names from this worker's copy of the municipalities (web.tenant.known)."""
    from flask import has_app_context

    if not has_app_context():
        return {}
    from participation import caches

    entry = caches.cache("municipality_hosts").get("map")
    if entry is None:
        return {}
    slugs: dict[int, str] = entry[1].slugs
    return slugs
