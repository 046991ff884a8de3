"""When a stand's kiosk link works, and which campaign edits are allowed."""

from datetime import datetime, timedelta

from participation.domain.campaign_edits import EditProblem, check_campaign_edit
from participation.domain.stands import kiosk_state

START = datetime(2027, 3, 6, 9, 0)
END = START + timedelta(hours=4)


def test_the_kiosk_works_only_inside_its_window() -> None:
    assert kiosk_state(START, END, None, None, START - timedelta(minutes=1)) == "not_started"
    assert kiosk_state(START, END, None, None, START) == "open"
    assert kiosk_state(START, END, None, None, END - timedelta(seconds=1)) == "open"
    assert kiosk_state(START, END, None, None, END) == "ended"


def test_revoking_or_closing_wins_over_the_window() -> None:
    assert kiosk_state(START, END, START, None, START) == "revoked"
    assert kiosk_state(START, END, None, START, START) == "closed"


def test_pick_rule_and_villages_with_ballots_are_locked_once_ballots_exist() -> None:
    assert check_campaign_edit(0, (6, 6), (3, 3), {"leek"}, set()) == []
    assert check_campaign_edit(5, (6, 6), (3, 3), set(), set()) == [EditProblem.PICK_RULE_LOCKED]
    assert check_campaign_edit(5, (6, 6), (6, 6), {"leek"}, {"leek"}) == [
        EditProblem.VILLAGE_HAS_BALLOTS
    ]
    assert check_campaign_edit(5, (6, 6), (6, 6), {"marum"}, {"leek"}) == []


def test_queued_ballots_sync_within_the_grace_period_only() -> None:
    from participation.domain.stands import SYNC_GRACE, accepts_sync

    assert accepts_sync(START, END, None, None, START)
    assert accepts_sync(START, END, None, None, END + SYNC_GRACE - timedelta(seconds=1))
    assert not accepts_sync(START, END, None, None, END + SYNC_GRACE)
    assert not accepts_sync(START, END, None, None, START - timedelta(seconds=1))
    assert not accepts_sync(START, END, START, None, START)
    assert not accepts_sync(START, END, None, START, START)


def test_paper_counts_agree_only_when_both_match_exactly() -> None:
    from participation.domain.paper import PaperEntry, PaperProblem, check_entry, compare

    a = PaperEntry(10, {1: 5, 2: 3})
    assert compare(a, None).complete is False
    assert compare(a, PaperEntry(10, {1: 5, 2: 3})).agreed
    different = compare(a, PaperEntry(11, {1: 5, 2: 4}))
    assert not different.agreed
    assert different.participants == (10, 11)
    assert different.differences == {2: (3, 4)}
    assert check_entry(PaperEntry(2, {1: 3}), 6) == [PaperProblem.THEME_ABOVE_PARTICIPANTS]
    assert check_entry(PaperEntry(1, {i: 1 for i in range(7)}), 6) == [PaperProblem.TOO_MANY_VOTES]
