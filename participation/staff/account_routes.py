"""Staff pages: accounts (being built)."""

from participation.staff import bp  # noqa: F401
