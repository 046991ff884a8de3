"""Stubs for the part of Flask-WTF 1.2 the app uses."""

from typing import Any

from markupsafe import Markup
from wtforms import Form
from wtforms.fields import Field

from .csrf import CSRFProtect as CSRFProtect

class FlaskForm(Form):
    csrf_token: Field
    def __init__(self, formdata: Any = ..., **kwargs: Any) -> None: ...
    def is_submitted(self) -> bool: ...
    def validate_on_submit(self, extra_validators: Any | None = None) -> bool: ...
    def hidden_tag(self, *fields: Any) -> Markup: ...
