"""What a new install needs before it meets residents: the dashboard's first-day checklist."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

# Two people who can count: the four-eyes paper count needs two different staff members.
STAFF_NEEDED = 2


class SetupItem(enum.Enum):
    """One line of the checklist, in the order a municipality does them; the web layer words it."""

    PUBLIC_ADDRESS = "public_address"
    NAME_AND_LOGO = "name_and_logo"
    VILLAGES = "villages"
    TWO_STAFF = "two_staff"
    MAIL_SERVER = "mail_server"
    MESSAGES = "messages"
    BACKUP = "backup"


@dataclass(frozen=True)
class SetupFacts:
    public_address: bool  # PUBLIC_BASE_URL set to a name residents can reach
    public_address_https: bool  # ...over https: production keeps staff logged in only there
    name_set: bool  # the municipality's own name saved (not the product's placeholder)
    logo_set: bool
    villages: int  # villages in use (not retired)
    counting_staff: int  # active admins and staff who have chosen a password
    mail_tested_at: datetime | None
    messages_compiled: bool  # the Dutch (and other) message catalogues
    backup_made_at: datetime | None


@dataclass(frozen=True)
class SetupLine:
    item: SetupItem
    done: bool


def checklist(facts: SetupFacts) -> list[SetupLine]:
    """Every item with whether it is done.

    The public address must be https: production's login cookies travel over https only.
    Name and logo count as one item: done only with both, since posters, flyers and the
    council report carry them. Staff need two who can count (admins or staff, not viewers,
    with a password chosen). The mail server is done once a test e-mail went out; a backup
    once `flask backup` wrote one.
    """
    done = {
        SetupItem.PUBLIC_ADDRESS: facts.public_address and facts.public_address_https,
        SetupItem.NAME_AND_LOGO: facts.name_set and facts.logo_set,
        SetupItem.VILLAGES: facts.villages > 0,
        SetupItem.TWO_STAFF: facts.counting_staff >= STAFF_NEEDED,
        SetupItem.MAIL_SERVER: facts.mail_tested_at is not None,
        SetupItem.MESSAGES: facts.messages_compiled,
        SetupItem.BACKUP: facts.backup_made_at is not None,
    }
    return [SetupLine(item, done[item]) for item in SetupItem]


def ready(lines: list[SetupLine]) -> bool:
    return all(line.done for line in lines)
