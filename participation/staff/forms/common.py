"""Pieces several staff forms share: checkbox lists, states, the slug rule."""

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import (
    SelectMultipleField,
)
from wtforms.validators import InputRequired, NumberRange, Regexp
from wtforms.widgets import CheckboxInput, ListWidget

from participation.web.forms import WholeNumberField
from participation.web.labels import SAFETY_FIELD_LABELS, STATUS_LABELS, choices


class CheckboxList(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


# Campaigns and surveys go through the same three states.
STATUS_CHOICES = choices(STATUS_LABELS)
RANGE_MESSAGE = _l("Enter a number from %(min)s to %(max)s.")
SLUG_RULE = Regexp(
    r"^[a-z0-9][a-z0-9-]{1,59}$",
    message=_l("Use 2 to 60 lowercase letters, digits and hyphens."),
)
# The five VNG safety fields (Kernbeleid Veiligheid) a theme belongs to.
SAFETY_FIELD_CHOICES = choices(SAFETY_FIELD_LABELS)


def required_number(label: str, low: int, high: int, **kwargs: Any) -> WholeNumberField:
    """A whole number staff must give, between `low` and `high` (the forms' usual field)."""
    validators = [
        InputRequired(_l("Enter a number.")),
        NumberRange(low, high, message=RANGE_MESSAGE),
    ]
    return WholeNumberField(label, validators=validators, **kwargs)
