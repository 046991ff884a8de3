"""The ballot form residents send from a phone (vote) and a stand's tablet (stand)."""

import re
import secrets
import uuid
from collections.abc import Sequence
from operator import attrgetter
from typing import Any

from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, SelectMultipleField, StringField
from wtforms.widgets import CheckboxInput, ListWidget

from participation.domain.text_input import parse_number
from participation.domain.theme_order import on_device

_SEED = re.compile(r"[0-9a-f]{16}")


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
    # Shuffles the themes for this page; sent back so an error keeps the order. Never stored.
    order_seed = HiddenField()

    def parsed_ballot_key(self) -> uuid.UUID | None:
        try:
            return uuid.UUID(self.ballot_key.data or "")
        except ValueError:
            return None


class DeviceThemes(list):
    """The themes in the order this page shows them, and the seed that keeps that order."""

    def __init__(self, themes: Sequence[Any], seed: str) -> None:
        super().__init__(themes)
        self.seed = seed


def themes_on_device(campaign: Any, themes: Sequence[Any], form: BallotForm) -> DeviceThemes:
    """The campaign's themes as this device shows them (domain.theme_order.on_device).

    The seed is the page's own: a new one on a new page, the sent one when the same page comes
    back with an error, so a resident never sees the list jump. It goes nowhere else.
    """
    seed = form.order_seed.data or ""
    if not _SEED.fullmatch(seed):
        seed = secrets.token_hex(8)
    form.order_seed.data = seed
    order = on_device(themes, campaign.ballot_order, seed, attrgetter("safety_field"))
    return DeviceThemes(order, seed)
