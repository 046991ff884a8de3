"""Releases: the public sees snapshots that staff release, never the live count; comparing
any two of them, or any figures within one, gives no group of fewer than 5 residents away."""

from __future__ import annotations

import csv
import io
import itertools
import random

import pytest
from sqlalchemy import select

from participation.extensions import db
from participation.models import AuditEvent, PublicRelease
from participation.services.results import releases
from participation.timeutil import utcnow
from tests.conftest import csrf_token, login_as, publish_results, send_ballot


def vote(app, demo, village: str, n: int, themes=None, query: str = "") -> None:  # type: ignore[no-untyped-def]
    client = app.test_client()
    for _ in range(n):
        response = send_ballot(client, demo, village=village, themes=themes, query=query)
        assert response.status_code == 303


def public_json(app, slug: str = "demo"):  # type: ignore[no-untyped-def]
    response = app.test_client().get(f"/api/v1/campaigns/{slug}/results")
    assert response.status_code == 200
    return response.json


def test_before_the_first_release_the_public_sees_no_figures(app, demo) -> None:
    vote(app, demo, "leek", 6)
    demo.results_published_at = utcnow()
    db.session.commit()
    anonymous = app.test_client()
    response = anonymous.get("/api/v1/campaigns/demo/results")
    assert response.status_code == 404
    assert "nog geen cijfers vrijgegeven" in response.get_data(as_text=True)
    assert anonymous.get("/results/demo/tallies.csv").status_code == 404
    assert anonymous.get("/results/demo/grafiek/totaal.svg").status_code == 404
    page = anonymous.get("/results/demo/openbaar").get_data(as_text=True)
    assert "Er zijn nog geen cijfers vrijgegeven" in page
    staff = login_as(app.test_client(), "viewer")
    assert staff.get("/api/v1/campaigns/demo/results").json["ballots"] == 6


def test_the_public_keeps_the_released_figures_while_new_ballots_come_in(app, demo) -> None:
    vote(app, demo, "leek", 6)
    vote(app, demo, "zuidhorn", 5)
    publish_results(demo)
    vote(app, demo, "leek", 7)
    released = public_json(app)
    assert released["ballots"] == 11
    assert {v["slug"]: v["ballots"] for v in released["villages"] if v["ballots"]} == {
        "leek": 6,
        "zuidhorn": 5,
    }
    rows = list(
        csv.DictReader(io.StringIO(app.test_client().get("/results/demo/tallies.csv").text))
    )
    assert {r["ballots"] for r in rows if r["village"] == "TOTAL"} == {"11"}
    page = app.test_client().get("/results/demo/openbaar").get_data(as_text=True)
    assert "Cijfers zoals vrijgegeven op" in page and "11 inwoners deden mee" in page
    staff = login_as(app.test_client(), "viewer")
    assert staff.get("/api/v1/campaigns/demo/results").json["ballots"] == 18


def release_as_staff(app):  # type: ignore[no-untyped-def]
    staff = login_as(app.test_client(), "staff")
    page = staff.get("/results/demo/vrijgeven")
    assert page.status_code == 200
    token = csrf_token(staff, "/results/demo/vrijgeven")
    return staff, staff.post("/results/demo/vrijgeven", data={"csrf_token": token})


def test_no_second_release_until_five_new_ballots(app, demo) -> None:
    vote(app, demo, "leek", 8)
    demo.results_published_at = utcnow()
    db.session.commit()
    staff, first = release_as_staff(app)
    assert first.status_code == 302
    for extra in range(1, 5):
        vote(app, demo, "marum", 1)
        token = csrf_token(staff, "/results/demo/vrijgeven")
        refused = staff.post("/results/demo/vrijgeven", data={"csrf_token": token})
        assert refused.status_code == 409, extra
        assert "minder dan 5 stemmen" in refused.get_data(as_text=True)
        assert db.session.query(PublicRelease).count() == 1
        assert public_json(app)["ballots"] == 8
    vote(app, demo, "marum", 1)
    token = csrf_token(staff, "/results/demo/vrijgeven")
    assert staff.post("/results/demo/vrijgeven", data={"csrf_token": token}).status_code == 302
    assert public_json(app)["ballots"] == 13
    assert [e.action for e in db.session.query(AuditEvent).order_by(AuditEvent.id)][-2:] == [
        "results.release",
        "results.release",
    ]


def test_a_viewer_sees_the_preview_but_cannot_release(app, demo) -> None:
    vote(app, demo, "leek", 8)
    viewer = login_as(app.test_client(), "viewer")
    assert "Deze cijfers vrijgeven" not in viewer.get("/results/demo/vrijgeven").get_data(
        as_text=True
    )
    token = csrf_token(viewer, "/results/demo/vrijgeven")
    assert viewer.post("/results/demo/vrijgeven", data={"csrf_token": token}).status_code == 403
    assert db.session.query(PublicRelease).count() == 0


def test_a_village_with_few_new_ballots_is_shown_together_with_another(app, demo) -> None:
    vote(app, demo, "leek", 10)
    vote(app, demo, "zuidhorn", 10)
    publish_results(demo)
    vote(app, demo, "leek", 3)
    vote(app, demo, "zuidhorn", 9)
    preview = releases.preview(demo)
    assert preview.shown_together("villages") == [["Leek", "Zuidhorn"]]
    releases.release(demo, None)
    villages = {v["slug"]: v for v in public_json(app)["villages"] if v["ballots"]}
    assert set(villages) == {"overige-dorpen"}
    assert villages["overige-dorpen"]["ballots"] == 32
    assert villages["overige-dorpen"]["members"] == ["Leek", "Zuidhorn"]


# --- the attacker: anonymous fetches only --------------------------------------------


def fetch_release(app) -> dict:  # type: ignore[type-arg]
    """What an anonymous visitor can read of the current release: ballots per block of
    villages (named by the villages in it), per channel block and per trust block."""
    data = public_json(app)
    every = frozenset(v.slug for v in db.session.get(type(app.demo), app.demo.id).areas) | {
        "elders"
    }
    figures = {("villages", every): data["ballots"]}
    for village in data["villages"]:
        members = (
            frozenset(app.names[n] for n in village["members"])
            if village["members"]
            else frozenset({village["slug"]})
        )
        figures["villages", members] = village["ballots"]
    for dimension in ("channels", "trust_levels"):
        for key, count in data[dimension].items():
            figures[dimension, frozenset({key})] = count["ballots"]
    return figures


def test_an_attacker_comparing_releases_recovers_no_small_group(app, demo) -> None:
    """Villages with 1 to 4 ballots, empty ones, one big village with tiny ones, new ballots
    of 1 to 4 in a village between releases: every subtraction of what an anonymous visitor
    fetched (within a release, and between any two) gives no group of 1 to 4 residents."""
    rng = random.Random(25)
    app.demo = demo
    app.names = {a.name: a.slug for a in demo.areas}
    steps = [
        {"leek": 3, "marum": 1},  # 4 in all: no release
        {"leek": 2, "zuidhorn": 9, "grootegast": 4},
        {"marum": 2, "zuidhorn": 5},
        {"grootegast": 1, "leek": 6, "marum": 3},
        {"leek": 5},
    ]
    fetched = []
    for step in steps:
        for village, n in step.items():
            vote(app, demo, village, n, themes=[t.id for t in rng.sample(demo.themes, 6)])
        demo.results_published_at = demo.results_published_at or utcnow()
        db.session.commit()
        try:
            releases.release(demo, None)
        except releases.ReleaseRefused:
            continue
        fetched.append(fetch_release(app))
    assert len(fetched) >= 3
    small = []
    for (r1, one), (r2, other) in itertools.product(enumerate(fetched), repeat=2):
        for (dim1, members1), n1 in one.items():
            # Within one release: a figure minus any set of disjoint figures inside it.
            inside = [
                (m, n) for (d, m), n in other.items() if d == dim1 and m < members1 and r2 == r1
            ]
            for size in range(1, len(inside) + 1):
                for parts in itertools.combinations(inside, size):
                    sets = [m for m, _ in parts]
                    if sum(len(m) for m in sets) != len(frozenset().union(*sets)):
                        continue
                    rest = n1 - sum(n for _, n in parts)
                    if 0 < rest < 5:
                        small.append((r1, members1, [sorted(m) for m in sets], rest))
            # Between releases: the same or a smaller set of groups, earlier.
            for (dim2, members2), n2 in other.items():
                if dim2 == dim1 and r2 < r1 and members2 <= members1 and 0 < n1 - n2 < 5:
                    small.append((r1, sorted(members1), r2, sorted(members2), n1 - n2))
    assert small == []


# --- what the outside check found -----------------------------------------------------


def _exclude(demo, source: str):  # type: ignore[no-untyped-def]
    """Leave out the ballots of one QR source, as staff do with a burst."""
    from sqlalchemy import update

    from participation.models import Ballot, BallotExclusion

    exclusion = BallotExclusion(
        campaign_id=demo.id, kind="burst", channel="qr", source_tag=source, ballots=0, reason="x"
    )
    db.session.add(exclusion)
    db.session.flush()
    exclusion.ballots = db.session.execute(
        update(Ballot)
        .where(Ballot.source_tag == source, Ballot.exclusion_id.is_(None))
        .values(exclusion_id=exclusion.id)
    ).rowcount
    db.session.commit()
    return exclusion


def test_excluded_then_put_back_with_one_new_ballot_is_not_released(app, demo) -> None:
    """The outside check's first attack: R1 with a burst of 5, R2 without it, then the burst
    back and one resident more: R3 minus R1 was that resident's ballot."""
    from sqlalchemy import update

    from participation.models import Ballot

    vote(app, demo, "leek", 10)
    vote(app, demo, "leek", 5, query="?bron=flyer-x")
    vote(app, demo, "zuidhorn", 10)
    publish_results(demo)
    exclusion = _exclude(demo, "flyer-x")
    assert releases.release(demo, None).number == 2  # the burst leaves: a group of 5
    db.session.execute(
        update(Ballot).where(Ballot.exclusion_id == exclusion.id).values(exclusion_id=None)
    )
    db.session.commit()
    vote(app, demo, "leek", 1)
    assert not releases.preview(demo).possible
    assert public_json(app)["ballots"] == 20


def test_six_of_seven_released_ballots_excluded_leave_no_release_that_shows_the_seventh(
    app, demo
) -> None:
    vote(app, demo, "leek", 1)
    vote(app, demo, "leek", 6, query="?bron=flyer-y")
    vote(app, demo, "zuidhorn", 10)
    publish_results(demo)
    _exclude(demo, "flyer-y")
    vote(app, demo, "marum", 5)
    assert not releases.preview(demo).possible


def test_a_released_village_cannot_be_merged(app, demo) -> None:
    from participation.models import Area
    from participation.services.campaigns import area_removal

    vote(app, demo, "leek", 10)
    vote(app, demo, "marum", 5)
    publish_results(demo)
    marum = db.session.scalar(select(Area).where(Area.slug == "marum"))
    leek = db.session.scalar(select(Area).where(Area.slug == "leek"))
    staff = login_as(app.test_client(), "staff")
    token = csrf_token(staff, f"/staff/villages/{marum.id}")
    refused = staff.post(
        f"/staff/villages/{marum.id}/merge",
        data={"csrf_token": token, "into": leek.id, "sure": "y"},
    )
    assert refused.status_code == 422
    assert "vrijgegeven" in refused.get_data(as_text=True)
    assert db.session.get(Area, marum.id) is not None
    with pytest.raises(area_removal.RemovalRefused):
        area_removal.merge(marum, leek.id, None)


def test_the_public_sees_no_channel_or_trust_breakdown_beside_the_villages(app, demo) -> None:
    """Trust 'stand' minus channel 'stand' was the paper forms; a village minus channel
    'stand' was its one web ballot. The public gets villages only."""
    vote(app, demo, "marum", 10)
    vote(app, demo, "marum", 3, query="?bron=poster")
    vote(app, demo, "leek", 6)
    publish_results(demo)
    data = public_json(app)
    assert data["channels"] == {} and data["trust_levels"] == {}
    assert all(v["channels"] == {} and v["trust_levels"] == {} for v in data["villages"])
    staff = login_as(app.test_client(), "viewer")
    assert staff.get("/api/v1/campaigns/demo/results").json["channels"]["qr"]["ballots"] == 3


def test_the_council_report_after_a_release_shows_that_release(app, demo) -> None:
    """The second outside check: a report of today's count made after release 2 showed Leek
    at 11 on its own, while release 1 had shown 10: one resident's ballot."""
    for village in ("leek", "zuidhorn", "marum"):
        vote(app, demo, village, 10)
    publish_results(demo)
    vote(app, demo, "leek", 1)
    vote(app, demo, "zuidhorn", 5)
    releases.release(demo, None)
    staff = login_as(app.test_client(), "staff")
    page = staff.get("/results/demo/rapport").get_data(as_text=True)
    assert "De cijfers van vrijgave 2 van" in page
    rows = page.split("Deelname per dorp en kanaal</caption>")[1].split("</table>")[0]
    assert ">Leek<" not in rows and ">11<" not in rows
    assert "Overige dorpen samen" in rows


def test_an_exclusion_cannot_be_undone_once_a_release_left_its_ballots_out(app, demo) -> None:
    from participation.services.results import exclusions

    vote(app, demo, "leek", 10)
    vote(app, demo, "leek", 5, query="?bron=flyer-z")
    vote(app, demo, "zuidhorn", 10)
    publish_results(demo)
    exclusion = _exclude(demo, "flyer-z")
    releases.release(demo, None)
    staff = login_as(app.test_client(), "staff")
    token = csrf_token(staff, "/staff/")
    response = staff.post(f"/staff/exclusions/{exclusion.id}/undo", data={"csrf_token": token})
    assert response.status_code == 303
    assert "Ze blijven weggelaten." in staff.get("/staff/villages").get_data(as_text=True)
    assert exclusion.active
    with pytest.raises(exclusions.UndoRefused):
        exclusions.undo(exclusion, None)  # type: ignore[arg-type]
