"""The ballot form: CSRF, a ballot key, a village and the picked themes."""

import uuid

from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, SelectMultipleField
from wtforms.widgets import CheckboxInput, ListWidget


class ThemeCheckboxes(SelectMultipleField):
    """Native checkboxes; unknown or garbled ids are kept for the domain to judge."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def process_formdata(self, valuelist: list[str]) -> None:
        self.data = []
        self.garbled = False
        for value in valuelist:
            try:
                self.data.append(int(value))
            except ValueError:
                self.garbled = True


class BallotForm(FlaskForm):
    """Field names follow the resident ballot contract; the domain judges the picks."""

    ballot_key = HiddenField()
    village = SelectField(validate_choice=False)
    theme = ThemeCheckboxes(validate_choice=False)

    def parsed_ballot_key(self) -> uuid.UUID | None:
        try:
            return uuid.UUID(self.ballot_key.data or "")
        except ValueError:
            return None


class KioskBallotForm(BallotForm):
    """The same fields on a stand's tablet; the secret kiosk link, not a cookie, authorises it."""

    class Meta:
        csrf = False
