"""The ballot form residents send from a phone (vote) and a stand's tablet (stand)."""

from __future__ import annotations

import re
import secrets
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from flask import request
from flask_wtf import FlaskForm
from werkzeug.datastructures import CombinedMultiDict, MultiDict
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
        self.data, self.garbled = theme_ids(valuelist)


def theme_ids(values: Iterable[str]) -> tuple[list[int], bool]:
    """The theme ids sent, and whether any value was not even a number (garbled)."""
    ids: list[int] = []
    garbled = False
    for value in values:
        number = parse_number(value)
        if number is None:
            garbled = True
        else:
            ids.append(number)
    return ids, garbled


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
        return parse_ballot_key(self.ballot_key.data)


def parse_ballot_key(value: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(value or "")
    except ValueError:
        return None


@dataclass(frozen=True)
class SentBallot:
    """A submitted ballot's fields, read exactly as BallotForm reads them.

    The phone's submit path reads these instead of building the form (its fields cost more
    than the rest of the parsing); the form is built only to show the page again.
    """

    ballot_key: str | None
    village: str | None
    theme_ids: list[int]
    garbled_theme: bool
    code: str | None

    @classmethod
    def from_request(cls) -> SentBallot:
        # What FlaskForm reads on a POST: the form fields, with any uploaded files first.
        data: MultiDict[str, Any] = request.form
        if request.files:
            data = CombinedMultiDict((request.files, request.form))
        ids, garbled = theme_ids(data.getlist("theme"))
        village = data.get("village")
        return cls(
            ballot_key=data.get("ballot_key"),
            village=None if village is None else str(village),  # SelectField's coerce=str
            theme_ids=ids,
            garbled_theme=garbled,
            code=data.get("code"),
        )


class DeviceThemes(list[Any]):
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
