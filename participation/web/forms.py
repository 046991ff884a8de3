"""Form pieces every blueprint shares: the confirm button, the CSRF check, strict fields."""

from __future__ import annotations

from datetime import date, datetime
from typing import TypeVar

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.csrf import validate_csrf
from wtforms import EmailField, Field, Form, IntegerField, PasswordField
from wtforms.validators import DataRequired, Length, ValidationError
from wtforms.widgets import TextInput

from participation.domain.text_input import parse_decimal, parse_number

# Years a campaign, stand or results filter can sensibly be about. Outside them, turning a
# local time into UTC or adding a day overflows Python's datetime.
FIRST_YEAR, LAST_YEAR = 2000, 2099

T = TypeVar("T")


class ConfirmForm(FlaskForm):
    """A button that changes something: only the CSRF token."""


def csrf_problem(token: str | None) -> str | None:
    """Why the submitted CSRF token is not valid for this session, or None when it is."""
    try:
        validate_csrf(token)
    except ValidationError as error:
        return str(error)
    return None


class WholeNumberField(IntegerField):
    """An IntegerField that takes plain ASCII digits only (no '٣', '３', '1_0', '+3', ' 3 ')."""

    def process_formdata(self, valuelist: list[str]) -> None:
        if not valuelist:
            return
        self.data = parse_number(valuelist[0])
        if self.data is None and valuelist[0] != "":
            raise ValueError(_l("Give a whole number, in digits."))


class DecimalNumberField(Field):
    """A figure such as '12,5' (decimal comma or point), as a float; empty is None."""

    # A text box, as StringField's; not a StringField, whose data is a str.
    widget = TextInput()
    data: float | None

    def process_formdata(self, valuelist: list[str]) -> None:
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        self.data = parse_decimal(valuelist[0])
        if self.data is None:
            raise ValueError(_l("Give a number in digits, such as 120 or 12,5."))

    def _value(self) -> str:
        if self.raw_data:
            return str(self.raw_data[0])
        return "" if self.data is None else f"{self.data:g}".replace(".", ",")


def filled(value: T | None) -> T:
    """A required field's data once its form is valid: its validators let no None through."""
    if value is None:
        raise ValueError("a required field is empty in a validated form")
    return value


def plausible_date(form: Form, field: Field) -> None:
    """A date or time between the years 2000 and 2099."""
    value = field.data
    if isinstance(value, date | datetime) and not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValidationError(
            _l("Give a date between %(first)d and %(last)d.", first=FIRST_YEAR, last=LAST_YEAR)
        )


class LoginForm(FlaskForm):
    """Staff, coordinators and partners log in with e-mail and password."""

    email = EmailField(
        _l("E-mail address"),
        validators=[DataRequired(_l("Enter your e-mail address.")), Length(max=254)],
    )
    password = PasswordField(
        _l("Password"), validators=[DataRequired(_l("Enter your password.")), Length(max=200)]
    )
