"""The project's fixed lists, each defined once, with the Dutch names files use.

Pages show the translated names from web/labels.py, which is built from these lists; files
(CSV, Excel, PDF, charts) are always Dutch and use the names here.
"""

from __future__ import annotations

import enum


class Channel(enum.StrEnum):
    """How a ballot reached us."""

    WEB = "web"
    QR = "qr"
    STAND = "stand"
    PAPER = "paper"


CHANNEL_NAMES = {
    Channel.QR: "QR-code",
    Channel.WEB: "weblink",
    Channel.STAND: "standtablet",
    Channel.PAPER: "papier",
}


class TrustLevel(enum.StrEnum):
    """How sure we are that one ballot is one person; the surest first.

    Staff saw the voter (a stand tablet, or paper), a single-use voting code, a phone.
    """

    STAND = "stand"
    CODE = "code"
    DEVICE = "device"


TRUST_NAMES = {
    TrustLevel.STAND: "stand",
    TrustLevel.CODE: "stemcode",
    TrustLevel.DEVICE: "telefoon",
}


class CampaignStatus(enum.StrEnum):
    """Where a campaign (and a survey) is in its life."""

    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


STATUS_NAMES = {
    CampaignStatus.DRAFT: "concept",
    CampaignStatus.OPEN: "open",
    CampaignStatus.CLOSED: "gesloten",
}

# The five VNG safety fields (Kernbeleid Veiligheid) that group the themes.
SAFETY_FIELDS = {
    1: "Veilige woon- en leefomgeving",
    2: "Bedrijvigheid en veiligheid",
    3: "Jeugd en veiligheid",
    4: "Fysieke veiligheid",
    5: "Integriteit en veiligheid",
}

# Stakeholder groups in a prioritisation session, and indicator trends.
GROUP_NAMES = {
    "council": "gemeenteraad",
    "association": "dorpsbelang",
    "watch": "buurtpreventie",
    "police": "politie",
    "staff": "gemeente",
}
TREND_NAMES = {"rising": "stijgend", "falling": "dalend", "stable": "stabiel"}
# Keyed like domain.programme.Progress, ActionStatus and Direction, for the Dutch files.
PROGRESS_NAMES = {
    "no_figures": "nog geen cijfers",
    "on_track": "op koers",
    "behind": "achter",
    "reached": "gehaald",
    "not_reached": "niet gehaald",
}
ACTION_STATUS_NAMES = {
    "planned": "gepland",
    "underway": "bezig",
    "done": "klaar",
    "delayed": "vertraagd",
}
DIRECTION_NAMES = {"down": "lager is beter", "up": "hoger is beter"}

# The village of ballots from outside the municipality or without a village, in files.
ELSEWHERE_NAME = "Elders of onbekend"
