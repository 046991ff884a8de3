"""Wall one: every request and query works for one municipality, chosen from the host."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from participation import caches, tenancy
from participation.extensions import db
from participation.models import Ballot, Campaign, StaffMembership, StaffUser
from participation.services.ballots import voting
from tests.conftest import FIRST_MUNICIPALITY, csrf_token, login_as, send_ballot
from tests.factories import client_on, make_ballots, make_campaign, make_tenant

OTHER_HOST = "westerveld.localhost"


def _log_in(client, email: str):  # type: ignore[no-untyped-def]
    """Post the login form as a browser on that client's host would."""
    data = {"csrf_token": csrf_token(client, "/staff/login"), "email": email}
    return client.post("/staff/login", data={**data, "password": "een-lang-wachtwoord"})


def test_one_municipality_serves_every_host(app, client) -> None:
    campaign = make_campaign(slug="ivp")
    for host in ("localhost", "127.0.0.1", "stem.example.org"):
        assert client.get(f"/v/{campaign.slug}", headers={"Host": host}).status_code == 200


def test_with_two_each_host_shows_only_its_own(app, client) -> None:
    ours = make_campaign(slug="ivp-ours")
    other = make_tenant()
    with tenancy.acting_for(other):
        theirs = make_campaign(municipality="Westerveld", slug="ivp-theirs").slug
    assert client.get(f"/v/{ours.slug}").status_code == 200
    assert client.get(f"/v/{theirs}").status_code == 404
    page = client.get(f"/v/{theirs}", headers={"Host": OTHER_HOST})
    assert page.status_code == 200 and "Veiligheid in Westerveld" in page.get_data(as_text=True)
    assert client.get(f"/v/{ours.slug}", headers={"Host": OTHER_HOST}).status_code == 404


def test_an_unknown_host_gets_a_plain_404_once_there_are_two(app, client) -> None:
    campaign = make_campaign(slug="ivp")
    make_tenant()
    page = client.get(f"/v/{campaign.slug}", headers={"Host": "elders.example.org"})
    assert page.status_code == 404
    assert "Westerkwartier" not in page.get_data(as_text=True)
    # A load balancer's health check asks by address and still gets its answer.
    assert client.get("/healthz", headers={"Host": "10.0.0.7"}).status_code == 200


def test_the_same_short_name_in_two_municipalities_keeps_each_ones_ballots(app, client) -> None:
    ours = make_campaign(slug="ivp-2027")
    other = make_tenant()
    with tenancy.acting_for(other):
        theirs = make_campaign(municipality="Westerveld", slug="ivp-2027")
        their_village = theirs.areas[0].slug
    app.config["BALLOT_RULES_TTL"] = 60.0  # kept, as in production: keys must not collide
    assert send_ballot(client, ours).status_code == 303
    assert caches.cache("ballot_rules")
    other_phone = client_on(app, OTHER_HOST)
    with tenancy.acting_for(other):  # the test reads the campaign as its own staff would
        answer = send_ballot(other_phone, theirs, village=their_village)
    assert answer.status_code == 303
    counts = {}
    for municipality in (FIRST_MUNICIPALITY, other):
        with tenancy.acting_for(municipality):
            counts[municipality] = db.session.scalar(select(func.count(Ballot.id)))
    assert counts == {FIRST_MUNICIPALITY: 1, other: 1}
    with tenancy.acting_for(other):
        stored = db.session.scalar(select(Ballot))
        assert stored is not None and stored.campaign_id == theirs.id
        assert stored.municipality_id == other


def test_queries_see_only_the_current_municipality(app) -> None:
    make_campaign(slug="a")
    other = make_tenant()
    with tenancy.acting_for(other):
        make_campaign(municipality="Westerveld", slug="b")
        assert db.session.scalars(select(Campaign.slug)).all() == ["b"]
    assert db.session.scalars(select(Campaign.slug)).all() == ["a"]
    # Joins are limited too: the other's themes do not come along.
    joined = select(func.count()).select_from(Campaign).join(Campaign.themes)
    assert db.session.scalar(joined) == 12


def test_no_municipality_chosen_is_an_error_not_everything(app) -> None:
    make_campaign(slug="a")
    with tenancy.acting_for(None), pytest.raises(tenancy.NoMunicipality):
        db.session.scalars(select(Campaign)).all()


def test_a_login_works_only_where_it_holds_a_membership(app, client) -> None:
    make_tenant()
    login_as(client, "admin")
    assert client.get("/staff/").status_code == 200
    stranger = client_on(app, OTHER_HOST)
    answer = _log_in(stranger, "admin@example.org")
    assert answer.status_code == 401  # the login form again: no membership there
    assert stranger.get("/staff/").status_code == 302  # to the login page


def test_the_rules_cache_keeps_municipalities_apart(app, client) -> None:
    """Fails when the key drops the municipality: the second would get the first's rules."""
    app.config["BALLOT_RULES_TTL"] = 60.0
    ours = make_campaign(slug="same", picks=(1, 1))
    other = make_tenant()
    with tenancy.acting_for(other):
        make_campaign(municipality="Westerveld", slug="same", picks=(2, 2))
    rules_ours = voting.load_rules("same")
    with tenancy.acting_for(other):
        rules_theirs = voting.load_rules("same")
    assert rules_ours is not None and rules_theirs is not None
    assert (rules_ours.rule.min_picks, rules_theirs.rule.min_picks) == (1, 2)
    assert ours.id != rules_theirs.campaign_id


def test_one_login_with_two_memberships_switches_between_them(app, client) -> None:
    other = make_tenant()
    login_as(client, "admin")
    user = db.session.scalar(select(StaffUser).where(StaffUser.email == "admin@example.org"))
    with tenancy.acting_for(other):
        db.session.add(StaffMembership(user_id=user.id, role="viewer"))
        db.session.commit()
    header = client.get("/staff/").get_data(as_text=True)
    assert "U werkt in Gemeente Westerkwartier" in header
    assert 'href="http://westerveld.localhost/staff/"' in header
    assert "Naar Gemeente Westerveld" in header
    there = client_on(app, OTHER_HOST)
    answer = _log_in(there, "admin@example.org")
    assert answer.status_code == 302
    page = there.get("/staff/").get_data(as_text=True)
    assert "U werkt in Gemeente Westerveld" in page
    # A viewer there: no accounts page, though an admin at home.
    assert there.get("/staff/accounts").status_code == 403


def test_print_of_each_municipality_carries_its_own_address(app) -> None:
    from participation.models import Municipality
    from participation.web import links

    app.config["PUBLIC_BASE_URL"] = "https://stem.westerkwartier.nl"
    first = db.session.get(Municipality, FIRST_MUNICIPALITY)
    first.hosts = "stem.westerkwartier.nl localhost"
    other = make_tenant()
    with app.test_request_context("/", base_url=f"http://{OTHER_HOST}/"):
        with tenancy.acting_for(FIRST_MUNICIPALITY):
            assert links.public_url("vote.ballot", slug="demo").startswith(
                "https://stem.westerkwartier.nl/v/demo"
            )
            assert links.print_address_problem() is None
        with tenancy.acting_for(other):
            # No address of its own yet: never the other municipality's; print says VOORBEELD.
            assert links.public_url("vote.ballot", slug="demo").startswith(
                f"http://{OTHER_HOST}/v/demo"
            )
            assert links.print_address_problem() is not None
            db.session.get(Municipality, other).public_url = "https://veiligheid.westerveld.nl"
            db.session.commit()
            assert links.public_url("vote.ballot", slug="demo").startswith(
                "https://veiligheid.westerveld.nl/v/demo"
            )
            assert links.print_address_problem() is None


def test_a_row_of_another_municipality_left_in_the_session_is_not_ours(app) -> None:
    """A chore that worked for B keeps B's rows in its session; `session.get` hands them back
    without asking the database, so the owner check compares the municipality itself."""
    from participation.models import Area
    from participation.services import ownership

    other = make_tenant()
    with tenancy.acting_for(other):
        theirs = make_campaign(municipality="Westerveld", slug="ivp")
        village = theirs.areas[0]
        db.session.flush()
    assert ownership.owned(Campaign, theirs.id) is None
    assert ownership.owned(Area, village.id) is None
    with tenancy.acting_for(other):
        assert ownership.owned(Campaign, theirs.id) is theirs
    db.session.rollback()


def test_streamed_exports_keep_the_municipality_of_the_request(app, client) -> None:
    """The ballots CSV and the full workbook are made after the view returned (streamed): with
    several municipalities they still read the host's municipality, never none (a 500)."""
    other = make_tenant()
    with tenancy.acting_for(other):
        theirs = make_campaign(municipality="Westerveld", slug="ivp-2027")
        make_ballots(theirs, 6, village=theirs.areas[0].slug)
    there = client_on(app, OTHER_HOST)
    with tenancy.acting_for(other):
        login_as(there, "viewer")
    csv = there.get("/results/ivp-2027/stemmen.csv")
    assert csv.status_code == 200
    assert len(csv.get_data(as_text=True).strip().splitlines()) == 1 + 6
    book = there.get("/results/ivp-2027/uitslag.xlsx")
    assert book.status_code == 200
    sheets = load_workbook(io.BytesIO(book.data), read_only=True).sheetnames
    assert len(sheets) > 1
