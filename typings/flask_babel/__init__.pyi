"""Stubs for the part of Flask-Babel 4 the app uses."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from babel import Locale
from flask import Flask

# At run time a LazyString is not a str but behaves as one (it proxies every str method);
# typed as a str subclass so a lazy label passes where WTForms and Flask ask for a str.
class LazyString(str):
    def __init__(self, func: Callable[..., str], *args: Any, **kwargs: Any) -> None: ...
    def __html__(self) -> str: ...

class Babel:
    def __init__(
        self,
        app: Flask | None = None,
        date_formats: dict[str, str] | None = None,
        configure_jinja: bool = True,
        *args: Any,
        **kwargs: Any,
    ) -> None: ...
    def init_app(
        self,
        app: Flask,
        default_locale: str = "en",
        default_domain: str = "messages",
        default_translation_directories: str = "translations",
        default_timezone: str = "UTC",
        locale_selector: Callable[[], str | Locale | None] | None = None,
        timezone_selector: Callable[[], str | None] | None = None,
    ) -> None: ...

def gettext(string: str, **variables: Any) -> str: ...
def ngettext(singular: str, plural: str, num: int, **variables: Any) -> str: ...
def pgettext(context: str, string: str, **variables: Any) -> str: ...
def lazy_gettext(string: str, **variables: Any) -> LazyString: ...
def lazy_ngettext(singular: str, plural: str, num: int, **variables: Any) -> LazyString: ...
def get_locale() -> Locale | None: ...
def refresh() -> None: ...
@contextmanager
def force_locale(locale: str | Locale) -> Iterator[None]: ...
def format_decimal(number: float | str, format: str | None = None) -> str: ...
def format_datetime(
    datetime: Any = None, format: str | None = None, rebase: bool = True
) -> str: ...
