"""The ballot form residents send from a phone (vote) and a stand's tablet (stand)."""

import uuid

from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, SelectMultipleField, StringField
from wtforms.widgets import CheckboxInput, ListWidget

from participation.domain.text_input import parse_number


class ThemeCheckboxes(SelectMultipleField):
    """Native checkboxes; unknown or garbled ids are kept for the domain to judge."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def process_formdata(self, valuelist: list[str]) -> None:
        self.data = []
        self.garbled = False
        for value in valuelist:
            number = parse_number(value)
            if number is None:
                self.garbled = True
            else:
                self.data.append(number)


class BallotForm(FlaskForm):
    """Field names follow the resident ballot contract; the domain judges the picks.

    The CSRF token is checked by the view with csrf_problem(), not by the form, so that
    parsing a ballot does not also mint a new token on the hot path.
    """

    class Meta:
        csrf = False

    ballot_key = HiddenField()
    village = SelectField(validate_choice=False)
    theme = ThemeCheckboxes(validate_choice=False)
    code = StringField()  # a single-use voting code, when the campaign uses them

    def parsed_ballot_key(self) -> uuid.UUID | None:
        try:
            return uuid.UUID(self.ballot_key.data or "")
        except ValueError:
            return None
