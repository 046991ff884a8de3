"""Staff addresses speak one language, one word per thing; the old Dutch ones still lead there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import url_for

from participation.extensions import db
from participation.services.accounts import create_user, invite_token
from participation.staff.old_paths import OLD_PATH_ENDPOINT, OLD_PATHS
from tests.conftest import add_stand, login_as

# Every word of a /staff address. A new page takes its words from here; a word that is not here
# is added only when it is English and names something no word here names already ("status", not
# "state" beside it; a village stand is a "stand", so a goal's state is never "stand").
ENGLISH_WORDS = """
    account accounts actions associations audit board campaigns close codes cycle deactivate
    decisions delete duplicate edit erase exclusions export extend goals import indicators install
    invite join json
    kiosk link live login logout mail merge move municipality my new next order outcome paper
    participants pdf print programme publish qr questions queue reactivate record remarks report
    retire retry revoke role round sessions setup shortlist signals staff stands status surveys
    svg tablets test texts themes undo value villages welcome withdraw
    adopt address regional regions remove scope
"""
ENGLISH = frozenset(ENGLISH_WORDS.split())
# The old addresses' words, and what a Dutch-speaking colleague would reach for next.
DUTCH_WORDS = """
    acties actie activeren afmelden bewerken deactiveren doel doelen gemeente indicatoren
    inrichting instellingen intrekken koppelen mailen mijn nieuw opnieuw programma proces
    publiceren rol ronde teksten testmail uitkomst uitnodigen verbaal verwijderen volgende
    waarde wachtrij welkom
"""
DUTCH = frozenset(DUTCH_WORDS.split())
ROOT = Path(__file__).parents[2]


def words(path: str) -> set[str]:
    """The words of an address, without its <arguments>: "/x/<id>/new-link" has new and link."""
    return {w for w in re.split(r"[/.\-]", re.sub(r"<[^>]*>", "", path)) if w}


def staff_rules(app):  # type: ignore[no-untyped-def]
    return [
        rule
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/staff/") and rule.endpoint != f"staff.{OLD_PATH_ENDPOINT}"
    ]


def test_every_staff_address_is_made_of_english_words(app) -> None:
    strange = {
        rule.rule: sorted(words(rule.rule) - ENGLISH)
        for rule in staff_rules(app)
        if words(rule.rule) - ENGLISH
    }
    assert strange == {}, "staff addresses are English: use (or add) a word of ENGLISH"
    assert len(staff_rules(app)) > 80  # the walk still finds the staff area


def test_the_word_list_holds_no_dutch_word() -> None:
    assert not ENGLISH & DUTCH


def test_the_word_lists_catch_a_new_dutch_address() -> None:
    assert words("/staff/campaigns/<slug>/uitkomst/teksten/<language>") - ENGLISH == {
        "uitkomst",
        "teksten",
    }


def test_staff_pages_post_english_actions() -> None:
    """An <action> in a staff address is a word as well: the forms send English ones."""
    pattern = re.compile(r"url_for\(['\"]staff\.\w+['\"][^)]*\baction=['\"]([\w-]+)['\"]")
    sent = {
        action
        for template in (ROOT / "templates").rglob("*.html")
        for action in pattern.findall(template.read_text())
    }
    assert {"publish", "withdraw", "mail", "close"} <= sent
    assert {word for action in sent for word in words(action)} - ENGLISH == set()


def test_old_addresses_are_dutch_and_lead_to_a_page_that_exists(app) -> None:
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    for old, endpoint in OLD_PATHS.items():
        assert words(old) & DUTCH, old
        assert endpoint in endpoints, old


SAMPLE = {"slug": "demo", "language": "en", "kind": "poster-a4", "fmt": "pdf", "token": "abc"}


@pytest.mark.parametrize("old", sorted(OLD_PATHS))
def test_an_old_address_redirects_for_good_with_its_query(app, old) -> None:
    values = {**SAMPLE, "stand_id": 7}
    path = "/staff" + re.sub(r"<(?:int:)?(\w+)>", lambda m: str(values[m.group(1)]), old)
    answer = app.test_client().get(f"{path}?x=1&y=%C3%A9")
    assert answer.status_code == 301
    with app.test_request_context():
        args = {k: v for k, v in values.items() if f"<{k}>" in old or f"<int:{k}>" in old}
        new = url_for(OLD_PATHS[old], **args)
    assert answer.headers["Location"] == f"{new}?x=1&y=%C3%A9"
    assert not words(new) & DUTCH


def test_an_old_post_address_is_gone(app, demo) -> None:
    staff = login_as(app.test_client(), "staff")
    assert staff.post("/staff/campaigns/demo/uitkomst/publiceren").status_code in {404, 405}
    assert staff.get("/staff/acties/1/verwijderen").status_code == 404


def test_an_invitation_sent_before_the_rename_still_opens(app) -> None:
    invited = create_user("uitgenodigd@example.org", "een-lang-wachtwoord", "staff")
    invited.invite_pending = True
    db.session.commit()
    old_link = f"/staff/welkom/{invite_token(invited)}"
    page = app.test_client().get(old_link, follow_redirects=True)
    assert page.status_code == 200 and page.request.path.startswith("/staff/welcome/")
    assert 'name="password"' in page.get_data(as_text=True)


def test_a_bookmarked_page_opens_at_its_new_address(app, demo) -> None:
    stand = add_stand(demo)
    viewer = login_as(app.test_client(), "viewer")
    page = viewer.get(f"/staff/stands/{stand.id}/proces-verbaal", follow_redirects=True)
    assert page.status_code == 200 and page.request.path == f"/staff/stands/{stand.id}/record"
    anonymous = app.test_client().get("/staff/gemeente", follow_redirects=True)
    assert anonymous.request.path == "/staff/login"  # the new page still asks who you are
