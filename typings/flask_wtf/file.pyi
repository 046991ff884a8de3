"""Stubs for flask_wtf.file."""

from collections.abc import Iterable
from typing import Any

from wtforms import FileField as _FileField
from wtforms import MultipleFileField as _MultipleFileField
from wtforms.fields import Field
from wtforms.form import BaseForm

class FileField(_FileField): ...
class MultipleFileField(_MultipleFileField): ...

class FileRequired:
    message: str | None
    def __init__(self, message: str | None = None) -> None: ...
    def __call__(self, form: BaseForm, field: Field) -> None: ...

class FileAllowed:
    upload_set: Iterable[str] | Any
    message: str | None
    def __init__(self, upload_set: Iterable[str] | Any, message: str | None = None) -> None: ...
    def __call__(self, form: BaseForm, field: Field) -> None: ...

class FileSize:
    max_size: int
    min_size: int
    message: str | None
    def __init__(self, max_size: int, min_size: int = 0, message: str | None = None) -> None: ...
    def __call__(self, form: BaseForm, field: Field) -> None: ...
