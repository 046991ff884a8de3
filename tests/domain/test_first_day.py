"""The first-day checklist: which lines are done, from the install's facts."""

from datetime import datetime

from participation.domain.first_day import SetupFacts, SetupItem, checklist, ready

FRESH = SetupFacts(
    public_address=False,
    public_address_https=False,
    name_set=False,
    logo_set=False,
    villages=0,
    counting_staff=1,  # the first admin, made with flask create-user
    mail_tested_at=None,
    messages_compiled=True,
    backup_made_at=None,
)
SET_UP = SetupFacts(
    public_address=True,
    public_address_https=True,
    name_set=True,
    logo_set=True,
    villages=6,
    counting_staff=2,
    mail_tested_at=datetime(2026, 12, 1, 9, 0),
    messages_compiled=True,
    backup_made_at=datetime(2026, 12, 1, 23, 0),
)


def done(facts: SetupFacts) -> dict[SetupItem, bool]:
    return {line.item: line.done for line in checklist(facts)}


def test_a_fresh_install_has_everything_but_the_catalogues_to_do() -> None:
    lines = checklist(FRESH)
    assert [line.item for line in lines] == list(SetupItem)
    assert [item for item, ok in done(FRESH).items() if ok] == [SetupItem.MESSAGES]
    assert not ready(lines)


def test_a_set_up_install_is_ready() -> None:
    assert ready(checklist(SET_UP))


def test_name_without_logo_is_not_done_and_one_counter_is_not_enough() -> None:
    from dataclasses import replace

    assert not done(replace(SET_UP, logo_set=False))[SetupItem.NAME_AND_LOGO]
    assert not done(replace(SET_UP, counting_staff=1))[SetupItem.TWO_STAFF]
    assert not done(replace(SET_UP, villages=0))[SetupItem.VILLAGES]
    assert not done(replace(SET_UP, messages_compiled=False))[SetupItem.MESSAGES]
    # Plain http: residents reach it, but production's login cookies need https.
    assert not done(replace(SET_UP, public_address_https=False))[SetupItem.PUBLIC_ADDRESS]
