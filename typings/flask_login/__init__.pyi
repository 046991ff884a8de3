"""Stubs for the part of Flask-Login 0.6 the app uses."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any, TypeVar

from flask import Flask
from flask.typing import ResponseReturnValue

_F = TypeVar("_F", bound=Callable[..., Any])
_U = TypeVar("_U", bound=Callable[[str], Any])

class UserMixin:
    @property
    def is_active(self) -> bool: ...
    @property
    def is_authenticated(self) -> bool: ...
    @property
    def is_anonymous(self) -> bool: ...
    def get_id(self) -> str: ...

class AnonymousUserMixin:
    @property
    def is_authenticated(self) -> bool: ...
    @property
    def is_active(self) -> bool: ...
    @property
    def is_anonymous(self) -> bool: ...
    def get_id(self) -> None: ...

class LoginManager:
    login_view: str | None
    login_message: str
    login_message_category: str
    anonymous_user: type[Any]
    session_protection: str | None
    def __init__(self, app: Flask | None = None, add_context_processor: bool = True) -> None: ...
    def init_app(self, app: Flask, add_context_processor: bool = True) -> None: ...
    def user_loader(self, callback: _U) -> _U: ...
    def unauthorized(self) -> ResponseReturnValue: ...
    def unauthorized_handler(self, callback: _F) -> _F: ...

# The logged-in StaffUser or an anonymous user, behind a werkzeug LocalProxy: Any, as in
# Flask-Login itself, because which one it is depends on the request.
current_user: Any

def login_user(
    user: UserMixin,
    remember: bool = False,
    duration: timedelta | None = None,
    force: bool = False,
    fresh: bool = True,
) -> bool: ...
def logout_user() -> bool: ...
def login_required(func: _F) -> _F: ...
