"""Staff pages: themes (being built)."""

from participation.staff import bp  # noqa: F401
