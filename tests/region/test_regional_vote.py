"""One phone votes once in the region's campaign, whichever municipality's poster it came from."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from participation.extensions import db
from participation.models import Ballot, Campaign, DeviceTally, Region, RegionalDeviceTally
from participation.services.regions import adoption
from participation.services.regions.campaigns import RegionalRefused
from tests.factories import client_on
from tests.region.adoption_world import (
    REGION_HOST,
    World,
    adopt,
    as_coordinator,
    as_municipality,
    ballot,
    campaign_of,
    log_in_municipality,
    make_world,
    open_regional,
)


def ballots(world: World, municipality: int) -> int:
    with as_municipality(world, municipality):
        return int(db.session.scalar(select(func.count(Ballot.id))) or 0)


def phones_counted(world: World, municipality: int) -> int:
    with as_municipality(world, municipality):
        return int(db.session.scalar(select(func.count()).select_from(DeviceTally)) or 0)


def regional_tallies(world: World) -> list[int]:
    with as_coordinator(world):
        db.session.expire_all()
        return list(db.session.scalars(select(RegionalDeviceTally.ballots)))


def adopted_world() -> tuple[World, dict[int, tuple[str, str, list[int]]]]:
    """Both municipalities adopted and opened the regional campaign: per municipality its
    path on the region's host, a village and three theme ids."""
    world = make_world()
    open_regional(world)
    adopt(world, world.meppel, "x")
    adopt(world, world.westerveld, "y")
    found = {}
    for municipality, path, slug in (
        (world.meppel, "/meppel/v/x", "x"),
        (world.westerveld, "/westerveld/v/y", "y"),
    ):
        campaign = campaign_of(world, municipality, slug)
        with as_municipality(world, municipality):
            found[municipality] = (
                path,
                campaign.areas[0].slug,
                [t.id for t in campaign.themes[:3]],
            )
    return world, found


def test_a_phone_that_voted_through_one_poster_is_refused_through_the_other(app) -> None:
    world, paths = adopted_world()
    meppel_path, meppel_village, meppel_themes = paths[world.meppel]
    westerveld_path, westerveld_village, westerveld_themes = paths[world.westerveld]
    phone = client_on(app, REGION_HOST)  # one cookie jar: one phone
    page = phone.get(meppel_path).get_data(as_text=True)
    sent = ballot(page, meppel_village, meppel_themes)
    assert phone.post(meppel_path, data=sent).status_code == 303
    assert (ballots(world, world.meppel), regional_tallies(world)) == (1, [1])
    # The other municipality's ballot knows the phone at once ...
    again = phone.get(westerveld_path).get_data(as_text=True)
    assert "U heeft al gestemd" in again and 'name="theme"' not in again
    assert "vragen hun inwoners samen: één stem per telefoon telt voor de hele regio" in again
    # ... and a ballot sent there anyway is refused and stores nothing.
    second = dict(
        sent,
        ballot_key=ballot(page, "", [])["ballot_key"],
        village=westerveld_village,
        theme=westerveld_themes,
    )
    refused = phone.post(westerveld_path, data=second)
    assert refused.status_code == 409 and "U heeft al gestemd" in refused.get_data(as_text=True)
    assert ballots(world, world.westerveld) == 0 and phones_counted(world, world.westerveld) == 0
    assert (ballots(world, world.meppel), regional_tallies(world)) == (1, [1])
    # Another phone votes there as usual.
    other = client_on(app, REGION_HOST)
    page = other.get(westerveld_path).get_data(as_text=True)
    assert (
        other.post(
            westerveld_path, data=ballot(page, westerveld_village, westerveld_themes)
        ).status_code
        == 303
    )
    assert ballots(world, world.westerveld) == 1 and sorted(regional_tallies(world)) == [1, 1]
    # Sent to Westerveld's own host instead (a fresh cookie there): sent on to the region's
    # ballot, nothing stored.
    own_host = client_on(app, "westerveld.localhost")
    moved = own_host.post(westerveld_path.removeprefix("/westerveld"), data=second)
    assert moved.status_code == 303
    assert moved.headers["Location"] == f"http://{REGION_HOST}{westerveld_path}"
    assert ballots(world, world.westerveld) == 1 and sorted(regional_tallies(world)) == [1, 1]


def test_a_household_allowance_counts_across_the_region(app) -> None:
    world, paths = adopted_world()
    for municipality, slug in ((world.meppel, "x"), (world.westerveld, "y")):
        with as_municipality(world, municipality):
            campaign_of(world, municipality, slug).ballots_per_device = 2
            db.session.commit()
    phone = client_on(app, REGION_HOST)
    pages = []
    for municipality in (world.meppel, world.westerveld):
        path, village, themes = paths[municipality]
        pages.append(phone.get(path).get_data(as_text=True))
        assert phone.post(path, data=ballot(pages[-1], village, themes)).status_code == 303
    # Meppel allows two per phone, but this phone cast two in the region already.
    path, village, themes = paths[world.meppel]
    third = phone.get(path).get_data(as_text=True)
    assert "Met deze telefoon is al 2 keer gestemd." in third and 'name="theme"' not in third
    assert phone.post(path, data=ballot(pages[0], village, themes)).status_code == 409
    assert (ballots(world, world.meppel), ballots(world, world.westerveld)) == (1, 1)
    with as_municipality(world, world.westerveld):
        # The second ballot in the region is the phone's second: flagged as a household extra.
        assert db.session.scalar(select(Ballot.device_seq)) == 2


def test_old_links_and_print_lead_phones_to_the_region_host(app) -> None:
    world, _ = adopted_world()
    own = client_on(app, "meppel.localhost")
    moved = own.get("/v/x?dorp=meppel-dorp-1&bron=poster-markt")
    assert moved.status_code == 302
    assert moved.headers["Location"] == (
        "http://zuidwest-drenthe.localhost/meppel/v/x?dorp=meppel-dorp-1&bron=poster-markt"
    )
    # A local demo on a port (make run's :5000) keeps that port on the region's host.
    on_port = client_on(app, "meppel.localhost:5000").get("/v/x")
    assert on_port.headers["Location"] == "http://zuidwest-drenthe.localhost:5000/meppel/v/x"
    admin = log_in_municipality(app, world, world.meppel, "admin")
    qr = admin.get("/staff/campaigns/x/qr?dorp=meppel-dorp-1&bron=poster-markt").get_data(
        as_text=True
    )
    assert (
        "http://zuidwest-drenthe.localhost/meppel/v/x?dorp=meppel-dorp-1&amp;bron=poster-markt"
        in qr
    )
    assert "http://zuidwest-drenthe.localhost/meppel/v/x" in admin.get(
        "/staff/campaigns/x"
    ).get_data(as_text=True)
    # Print uses the region's public address once it has one, with the municipality's look.
    with as_coordinator(world):
        region = db.session.scalar(select(Region))
        region.public_url = "https://stem.zuidwest-drenthe.nl"
        db.session.commit()
    qr = admin.get("/staff/campaigns/x/qr").get_data(as_text=True)
    assert "https://stem.zuidwest-drenthe.nl/meppel/v/x" in qr
    poster = admin.get("/staff/campaigns/x/print/poster-a4.pdf")
    assert poster.status_code == 200 and poster.mimetype == "application/pdf"
    # A local campaign of the same municipality keeps its own address.
    from tests.factories import make_campaign

    with as_municipality(world, world.meppel):
        make_campaign(municipality="Meppel", slug="eigen", villages=["Meppel dorp 1"])
    assert own.get("/v/eigen").status_code == 200
    assert "zuidwest-drenthe" not in admin.get("/staff/campaigns/eigen/qr").get_data(as_text=True)


def test_a_municipality_adopts_a_regional_campaign_once(app) -> None:
    """Two staff adopting at the same moment: the database keeps one adoption."""
    world, _ = adopted_world()
    with as_municipality(world, world.meppel):
        adopted = campaign_of(world, world.meppel, "x")
        twin = Campaign(
            slug="x-tweede",
            title="Tweede",
            regional_campaign_id=adopted.regional_campaign_id,
        )
        db.session.add(twin)
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()


def test_an_adoption_that_loses_the_race_is_refused_in_words(app, monkeypatch) -> None:
    """The colleague's adoption landed between the check and the insert: refused, not a 500."""
    world, _ = adopted_world()
    monkeypatch.setattr(adoption, "adopted_campaign", lambda regional: None)
    with pytest.raises(RegionalRefused) as refused:
        adopt(world, world.meppel, "x-nogmaals")
    assert [p.value for p in refused.value.problems] == ["already_adopted"]
    with as_municipality(world, world.meppel):
        assert db.session.scalar(select(func.count(Campaign.id))) == 1
