"""The names pages show for the fixed lists of domain.vocabulary, in the reader's language."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from babel.numbers import format_decimal, get_decimal_symbol
from flask import Flask, current_app
from flask_babel import force_locale, gettext
from flask_babel import lazy_gettext as _l

from participation.domain.translations import SOURCE_LANGUAGE, text_in
from participation.domain.vocabulary import CampaignStatus, Channel, TrustLevel
from participation.renderers.words import DUTCH, Words
from participation.web.choices import SelectChoice

CHANNEL_LABELS = {
    Channel.QR: _l("QR code"),
    Channel.WEB: _l("web link"),
    Channel.STAND: _l("stand tablet"),
    Channel.PAPER: _l("paper"),
}
TRUST_LABELS = {
    TrustLevel.STAND: _l("at a stand, with staff present"),
    TrustLevel.CODE: _l("with a voting code"),
    TrustLevel.DEVICE: _l("on a phone, cookie only"),
}
STATUS_LABELS = {
    CampaignStatus.DRAFT: _l("Draft"),
    CampaignStatus.OPEN: _l("Open"),
    CampaignStatus.CLOSED: _l("Closed"),
}
SAFETY_FIELD_LABELS = {
    1: _l("1. Safe living environment"),
    2: _l("2. Business and safety"),
    3: _l("3. Youth and safety"),
    4: _l("4. Physical safety"),
    5: _l("5. Integrity and safety"),
}
# Keyed like domain.vocabulary.GROUP_NAMES and TREND_NAMES (tests/domain/test_priorities).
GROUP_LABELS = {
    "council": _l("Council"),
    "association": _l("Village association"),
    "watch": _l("Neighbourhood watch"),
    "police": _l("Police"),
    "staff": _l("Municipal staff"),
}
TREND_LABELS = {"rising": _l("rising"), "falling": _l("falling"), "stable": _l("stable")}
# Keyed like domain.programme.Progress and ActionStatus.
PROGRESS_LABELS = {
    "no_figures": _l("no figures yet"),
    "on_track": _l("on track"),
    "behind": _l("behind"),
    "reached": _l("reached"),
    "not_reached": _l("not reached"),
}
ACTION_LABELS = {
    "planned": _l("planned"),
    "underway": _l("under way"),
    "done": _l("done"),
    "delayed": _l("delayed"),
}
DIRECTION_LABELS = {"down": _l("lower is better"), "up": _l("higher is better")}


def choices(labels: Mapping[Any, str]) -> list[SelectChoice]:
    """Form choices in the order of the list."""
    return [SelectChoice(str(key), label) for key, label in labels.items()]


def register(app: Flask) -> None:
    """Let templates use the same names (templates/results/_labels.html)."""
    app.jinja_env.globals["ui_labels"] = {
        "channels": CHANNEL_LABELS,
        "trust": TRUST_LABELS,
        "status": STATUS_LABELS,
        "safety_fields": SAFETY_FIELD_LABELS,
        "groups": GROUP_LABELS,
        "trends": TREND_LABELS,
        "progress": PROGRESS_LABELS,
        "actions": ACTION_LABELS,
        "directions": DIRECTION_LABELS,
    }


def chart_words(language: str | None) -> Words:
    """The ranked-total chart's words and theme titles in a resident's language; else Dutch."""
    if language in (None, SOURCE_LANGUAGE) or language not in current_app.config["LANGUAGES"]:
        return DUTCH
    with force_locale(language):
        return Words(
            all_votes=gettext("All votes together (n = {n})"),
            votes_axis=gettext("Number of votes (share of voters)"),
            alt=gettext("Bar chart of all {n} votes together: {listed}."),
            title_of=lambda theme: text_in(theme, "title", language),
            count=lambda value: format_decimal(value, format="#,##0", locale=language),
            base=gettext("base"),
            decimal=get_decimal_symbol(language),
        )
