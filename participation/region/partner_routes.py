"""The region's partner pages (issue 30)."""

from participation.region import bp  # noqa: F401
