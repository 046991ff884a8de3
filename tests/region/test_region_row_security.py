"""Wall two for regions: region-owned rows only for that region, and reading across a region
(app.readable) shows the region's municipalities' rows but never accepts a write."""

from __future__ import annotations

from datetime import datetime

import pytest
from flask import Flask
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from participation import tenancy
from participation.extensions import db
from participation.models import Ballot, Campaign, RegionalCampaign
from tests.conftest import FIRST_MUNICIPALITY
from tests.factories import make_ballots, make_campaign, make_region, make_tenant

WITHOUT_ORM_RULE = {tenancy.ACROSS_MUNICIPALITIES: True}
pytestmark = pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)


@pytest.fixture
def world(app: Flask) -> dict[str, int]:
    """A (3 ballots) and B (5) in region R; C (7) outside it; R and S each a regional campaign."""
    make_ballots(make_campaign(slug="ivp"), 3)
    b = make_tenant()
    c = make_tenant("Hoogeveen", "hoogeveen.localhost")
    for other, name, count in ((b, "Westerveld", 5), (c, "Hoogeveen", 7)):
        with tenancy.acting_for(other):
            make_ballots(make_campaign(municipality=name, slug="ivp"), count)
    r = make_region(members=(FIRST_MUNICIPALITY, b))
    s = make_region("Noord", "noord.localhost", members=(c,))
    for region in (r, s):
        with tenancy.acting_for(None), tenancy.in_region(region):
            db.session.add(
                RegionalCampaign(
                    slug="ivp",
                    title=f"Regio {region}",
                    period_starts=datetime(2027, 1, 1),
                    period_ends=datetime(2027, 3, 1),
                )
            )
            db.session.commit()
    return {"a": FIRST_MUNICIPALITY, "b": b, "c": c, "r": r, "s": s}


def ballots_seen() -> int:
    statement = select(func.count(Ballot.id)).execution_options(**WITHOUT_ORM_RULE)
    return int(db.session.scalar(statement))


def test_every_region_owned_table_has_a_forced_policy(world: dict[str, int]) -> None:
    owned = {t.name for t in db.metadata.sorted_tables if "region_id" in t.c} - {"municipality"}
    rows = db.session.execute(
        text(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relrowsecurity "
            "AND c.relforcerowsecurity AND EXISTS (SELECT 1 FROM pg_policies p "
            "WHERE p.tablename = c.relname AND p.policyname = 'region_rows')"
        )
    ).scalars()
    assert len(owned) >= 7
    assert owned <= set(rows), sorted(owned - set(rows))


def test_reading_across_the_region_shows_its_municipalities_only(world: dict[str, int]) -> None:
    with (
        tenancy.acting_for(None),
        tenancy.in_region(world["r"], frozenset({world["a"], world["b"]})),
    ):
        assert ballots_seen() == 3 + 5
    # The readable list alone decides: another region's municipality stays out of sight.
    with tenancy.acting_for(None), tenancy.in_region(world["s"], frozenset({world["c"]})):
        assert ballots_seen() == 7
    with tenancy.acting_for(None), tenancy.in_region(world["r"]):
        assert ballots_seen() == 0


def test_reading_across_never_writes(world: dict[str, int]) -> None:
    with (
        tenancy.acting_for(None),
        tenancy.in_region(world["r"], frozenset({world["a"], world["b"]})),
    ):
        changed = db.session.execute(
            text("UPDATE campaign SET title = 'overgenomen'"), execution_options=WITHOUT_ORM_RULE
        )
        assert changed.rowcount == 0
        with pytest.raises(DBAPIError, match="row-level security"):
            db.session.execute(
                text(
                    "INSERT INTO campaign (slug, title, intro, status, min_picks, max_picks, "
                    "show_live_at_stand, ballots_per_device, associations_see_live, "
                    "translations, ballot_order, keep_informed, municipality_id) VALUES "
                    "('x', 'x', '', 'draft', 6, 6, false, 1, false, '{}', 'random', false, :b)"
                ),
                {"b": world["b"]},
            )
    db.session.rollback()
    with tenancy.acting_for(world["b"]):
        titles = set(db.session.scalars(select(Campaign.title)))
    assert "overgenomen" not in titles


def test_region_rows_only_for_their_region(world: dict[str, int]) -> None:
    def seen() -> set[str]:
        statement = select(RegionalCampaign.title).execution_options(**WITHOUT_ORM_RULE)
        return set(db.session.scalars(statement))

    with tenancy.acting_for(None), tenancy.in_region(world["r"]):
        assert seen() == {f"Regio {world['r']}"}
        with pytest.raises(DBAPIError, match="row-level security"):
            db.session.execute(
                text(
                    "INSERT INTO regional_campaign (slug, title, intro, status, min_picks, "
                    "max_picks, period_starts, period_ends, translations, region_id) VALUES "
                    "('y', 'y', '', 'draft', 6, 6, now(), now(), '{}', :s)"
                ),
                {"s": world["s"]},
            )
    db.session.rollback()
    # A municipality outside every region sees no region's rows.
    with tenancy.acting_for(world["c"]):
        assert seen() == set()
