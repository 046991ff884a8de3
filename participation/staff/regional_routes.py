"""A municipality adopts its region's campaign (issue 30)."""

from participation.staff import bp  # noqa: F401
