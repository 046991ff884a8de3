"""Pieces several staff forms share: checkbox lists, states, the slug rule."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    SelectMultipleField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    Regexp,
)
from wtforms.widgets import CheckboxInput, ListWidget


class CheckboxList(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


# Campaigns and surveys go through the same three states.
STATUS_CHOICES = [
    SelectChoice("draft", _l("Draft")),
    SelectChoice("open", _l("Open")),
    SelectChoice("closed", _l("Closed")),
]
RANGE_MESSAGE = _l("Enter a number from %(min)s to %(max)s.")
SLUG_RULE = Regexp(
    r"^[a-z0-9][a-z0-9-]{1,59}$",
    message=_l("Use 2 to 60 lowercase letters, digits and hyphens."),
)
# The five VNG safety fields (Kernbeleid Veiligheid) a theme belongs to.
SAFETY_FIELD_CHOICES = [
    SelectChoice("1", _l("1. Safe living environment")),
    SelectChoice("2", _l("2. Business and safety")),
    SelectChoice("3", _l("3. Youth and safety")),
    SelectChoice("4", _l("4. Physical safety")),
    SelectChoice("5", _l("5. Integrity and safety")),
]
