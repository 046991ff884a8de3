"""The region's results pages (issue 30)."""

from participation.region import bp  # noqa: F401
