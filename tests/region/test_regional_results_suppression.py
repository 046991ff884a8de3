"""Small groups across the levels: no subtraction between public outputs recovers under 5.

Every public output of the regional results, at every level, and every subtraction between
them (the region minus any municipalities, a municipality minus any of its villages, per theme
and for ballots, and the same outputs before and after new ballots) recovers no group of 1 to
4 residents.

Designed small groups, each municipality publishing and releasing its own figures:
- Meppel: Nijeveen 12, Rogat 7, Broekhuizen 2, and 1 ballot from elsewhere;
- Midden-Drenthe (a local theme): Beilen 6, Hijken 3 (the village of 3);
- Westerveld: Dwingeloo 8 on the web, Vledder 6, and at Diever's stand 4 paper forms;
- De Wolden: 3 ballots in all, so it cannot release: it is named, never counted.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import Iterable, Mapping

import pytest
from sqlalchemy import select

from participation import tenancy
from participation.extensions import db
from participation.models import RegionAuditEvent, RegionScope
from participation.services.results import releases
from tests.conftest import csrf_token
from tests.factories import client_on
from tests.region.regional_results_world import (
    Design,
    World,
    build,
    public_client,
    region_login,
    workbook_sheets,
)

W, OND, V, D = "Woninginbraak", "Ondermijning", "Verkeersveiligheid", "Drugsoverlast"
URL = "/regio/results/ivp-2027"
HIDE_BELOW = 5
GROUP_SIZE = re.compile(r"n = ([0-9.]+)")

# (level, municipality slug, village slug) -> (ballots, {theme title: votes})
Figures = dict[tuple[str, ...], tuple[int, dict[str, int]]]


def designed() -> World:
    world = build(
        [
            Design("Meppel", 12_000, [("Nijeveen", 6_000), ("Rogat", 2_000), ("Broekhuizen", 900)]),
            Design("Midden-Drenthe", 5_000, [("Beilen", 4_000), ("Hijken", 700)], local=[D]),
            Design(
                "Westerveld", 6_000, [("Dwingeloo", 3_000), ("Vledder", 2_000), ("Diever", 1_000)]
            ),
            Design("De Wolden", 24_000, [("Zuidwolde", 6_000)]),
        ],
        [W, OND, V],
    )
    world.vote("Meppel", "Nijeveen", [W, OND], 7)
    world.vote("Meppel", "Nijeveen", [OND, V], 5)
    world.vote("Meppel", "Rogat", [W, V], 7)
    world.vote("Meppel", "Broekhuizen", [V, OND], 2)
    world.vote("Meppel", None, [W, OND], 1)
    world.vote("Midden-Drenthe", "Beilen", [W, D], 6)
    world.vote("Midden-Drenthe", "Hijken", [D, OND], 3)
    world.vote("Westerveld", "Dwingeloo", [W, V], 8)
    world.vote("Westerveld", "Vledder", [OND, V], 6)
    world.paper("Westerveld", "Diever", 4, {W: 1, OND: 4, V: 3})
    world.vote("De Wolden", "Zuidwolde", [W, OND], 3)
    for name in ("Meppel", "Midden-Drenthe", "Westerveld"):
        assert world.release(name) == 1
    with pytest.raises(releases.ReleaseRefused):
        world.release("De Wolden")
    return world


@pytest.fixture
def published(app):  # type: ignore[no-untyped-def]
    world = designed()
    coordinator = region_login(app, RegionScope.COORDINATOR)
    token = csrf_token(coordinator, URL)
    answer = coordinator.post(f"{URL}/publish", data={"csrf_token": token})
    assert answer.status_code == 302
    return world, coordinator


def from_json(data: Mapping[str, object]) -> Figures:
    def votes(themes: object) -> dict[str, int]:
        return {t["title"]: t["votes"] for t in themes}  # type: ignore[attr-defined]

    found: Figures = {("region",): (data["ballots"], votes(data["themes"]))}  # type: ignore[dict-item]
    for m in data["municipalities"]:  # type: ignore[attr-defined]
        found["municipality", m["slug"]] = (m["ballots"], votes(m["themes"]))
        for v in m["villages"]:
            found["village", m["slug"], v["slug"]] = (v["ballots"], votes(v["themes"]))
    return found


def from_csv(text: str, sep: str = ",") -> Figures:
    found: Figures = {}
    for row in csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=sep):
        if row["level"] == "region_weighted":
            continue
        key = {
            "region": ("region",),
            "municipality": ("municipality", row["municipality"]),
            "village": ("village", row["municipality"], row["village"]),
        }[row["level"]]
        _, votes = found.setdefault(key, (int(row["ballots"]), {}))
        votes[row["theme"]] = int(row["votes"])
    return found


def from_workbook(data: bytes, slugs: Mapping[str, str]) -> Figures:
    """`slugs`: each group's name -> its short name (the workbook names groups)."""
    sheets = workbook_sheets(data)
    found: Figures = {}
    for _, title, votes, ballots, *_ in sheets["Regio"][1:]:
        found.setdefault(("region",), (int(ballots), {}))[1][str(title)] = int(votes)  # type: ignore[arg-type]
    for row in sheets["Per gemeente"][1:]:
        key = ("municipality", slugs[str(row[0])])
        found.setdefault(key, (int(row[5]), {}))[1][str(row[2])] = int(row[4])  # type: ignore[arg-type]
    for row in sheets["Per dorp"][1:]:
        key = ("village", slugs[str(row[0])], slugs[f"{row[0]}/{row[1]}"])
        found.setdefault(key, (int(row[5]), {}))[1][str(row[3])] = int(row[4])  # type: ignore[arg-type]
    return found


def names_to_slugs(data: Mapping[str, object]) -> dict[str, str]:
    slugs = {}
    for m in data["municipalities"]:  # type: ignore[attr-defined]
        slugs[m["name"]] = m["slug"]
        for v in m["villages"]:
            slugs[f"{m['name']}/{v['name']}"] = v["slug"]
    return slugs


def every_public_output(client) -> Figures:  # type: ignore[no-untyped-def]
    """Fetch the JSON, both CSVs, the workbook, the page and the chart as a resident; the
    figures they give, which must be the same in each."""
    data = client.get(f"{URL}.json").get_json()
    figures = from_json(data)
    assert from_csv(client.get(f"{URL}/tallies.csv").get_data(as_text=True)) == figures
    excel = client.get(f"{URL}/tallies.csv?format=excel").get_data(as_text=True)
    assert from_csv(excel, ";") == figures
    book = client.get(f"{URL}/workbook.xlsx").data
    assert from_workbook(book, names_to_slugs(data)) == figures
    page = client.get(URL)
    assert page.status_code == 200
    # Every group the page counts ("n = 12") is 0 or 5 or more.
    counts = [int(n.replace(".", "")) for n in GROUP_SIZE.findall(page.get_data(as_text=True))]
    assert counts and all(n == 0 or n >= HIDE_BELOW for n in counts), counts
    assert client.get(f"{URL}/chart.png").data.startswith(b"\x89PNG")
    return figures


def minus(whole: tuple[int, dict[str, int]], parts: Iterable[tuple[int, dict[str, int]]]):  # type: ignore[no-untyped-def]
    ballots, votes = whole[0], dict(whole[1])
    for part_ballots, part_votes in parts:
        ballots -= part_ballots
        for title, n in part_votes.items():
            if title in votes:  # the region compares the common themes only
                votes[title] -= n
    return ballots, votes


def assert_nothing_small(recovered: tuple[int, dict[str, int]], what: object) -> None:
    """0 ballots and then 0 votes of every theme, or at least 5 ballots."""
    ballots, votes = recovered
    assert ballots == 0 or ballots >= HIDE_BELOW, (what, recovered)
    assert all(0 <= n <= ballots for n in votes.values()), (what, recovered)


def assert_no_subtraction_recovers_a_small_group(figures: Figures) -> None:
    for key, shown in figures.items():
        assert_nothing_small(shown, key)
    municipalities = [k for k in figures if k[0] == "municipality"]
    for size in range(len(municipalities) + 1):
        for chosen in itertools.combinations(municipalities, size):
            recovered = minus(figures["region",], [figures[k] for k in chosen])
            assert_nothing_small(recovered, ("region minus", chosen))
    for municipality in municipalities:
        villages = [k for k in figures if k[0] == "village" and k[1] == municipality[1]]
        for size in range(len(villages) + 1):
            for chosen in itertools.combinations(villages, size):
                recovered = minus(figures[municipality], [figures[k] for k in chosen])
                assert_nothing_small(recovered, (municipality, "minus", chosen))


def changes(before: Figures, after: Figures) -> Figures:
    """What came in between two fetches, group by group (a group gone or new counts whole)."""
    empty: tuple[int, dict[str, int]] = (0, {})
    found: Figures = {}
    for key in before.keys() | after.keys():
        then, now = before.get(key, empty), after.get(key, empty)
        titles = then[1].keys() | now[1].keys()
        votes = {t: now[1].get(t, 0) - then[1].get(t, 0) for t in titles}
        found[key] = (now[0] - then[0], votes)
    return found


def test_no_level_and_no_subtraction_between_them_gives_back_a_small_group(app, published) -> None:
    world, _ = published
    client = public_client(app)
    data = client.get(f"{URL}.json").get_json()
    assert data["public"] is True and data["not_released"] == ["Gemeente De Wolden"]
    figures = every_public_output(client)
    # De Wolden's 3 are in no figure: the region is the three that released.
    assert figures["region",][0] == 22 + 9 + 18
    assert ("municipality", "de-wolden") not in figures
    assert_no_subtraction_recovers_a_small_group(figures)
    # The small villages are shown only together with others.
    shown = {key[2] for key in figures if key[0] == "village"}
    assert not {"broekhuizen", "hijken", "diever", "elders"} & shown
    meppel = next(m for m in data["municipalities"] if m["slug"] == "meppel")
    joint = [v for v in meppel["villages"] if v["members"]]
    assert joint and all(v["ballots"] >= HIDE_BELOW for v in joint)
    # Each municipality's own public results say the same as the region's about it.
    for name, campaign in world.campaigns.items():
        if name == "De Wolden":
            continue
        host = "localhost" if name == "Meppel" else f"{world_slug(name)}.localhost"
        answer = client_on(app, host).get(f"/api/v1/campaigns/{campaign.slug}/results")
        own = answer.get_json()
        assert own["ballots"] == figures["municipality", world_slug(name)][0]
        for village in own["villages"]:
            key = ("village", world_slug(name), village["slug"])
            assert figures[key][0] == village["ballots"]


def world_slug(name: str) -> str:
    return name.lower().replace(" ", "-")


def test_fetching_around_new_ballots_gives_back_nothing_small(app, published) -> None:
    world, _ = published
    client = public_client(app)
    before = every_public_output(client)
    world.vote("Meppel", "Nijeveen", [W, V], 1)
    world.vote("Westerveld", "Vledder", [OND, W], 1)
    after_one = every_public_output(client)
    # One new ballot changes no public figure: the public sees releases, never the live count.
    assert after_one == before
    assert_no_subtraction_recovers_a_small_group(changes(before, after_one))
    world.vote("Meppel", "Nijeveen", [W, V], 4)
    assert world.release("Meppel") == 2
    after_release = every_public_output(client)
    came = changes(before, after_release)
    assert came["region",][0] == came["municipality", "meppel"][0] == 5
    assert_no_subtraction_recovers_a_small_group(came)
    # Every level before and after, subtracted across levels too.
    assert_no_subtraction_recovers_a_small_group(changes(after_one, after_release))


def test_the_public_sees_nothing_before_the_region_publishes(app) -> None:
    designed()
    client = public_client(app)
    for path in ("", ".json", "/tallies.csv", "/workbook.xlsx", "/chart.png"):
        answer = client.get(URL + path)
        assert answer.status_code == 404, path
    assert "nog niet openbaar gemaakt" in client.get(URL).get_data(as_text=True)
    partner = region_login(app, RegionScope.PARTNER)
    live = partner.get(f"{URL}.json").get_json()
    # The region's partner reads today's counts, De Wolden's 3 and Broekhuizen's 2 included.
    assert live["public"] is False and live["ballots"] == 22 + 9 + 18 + 3
    assert partner.get(URL).status_code == 200
    assert "De regionale uitslag openbaar maken" not in partner.get(URL).get_data(as_text=True)


def test_only_a_coordinator_publishes_and_unpublishes_and_it_is_logged(app) -> None:
    world = designed()
    partner = region_login(app, RegionScope.PARTNER)
    token = csrf_token(partner, "/regio/")
    assert partner.post(f"{URL}/publish", data={"csrf_token": token}).status_code == 404
    anonymous = public_client(app)
    assert anonymous.post(f"{URL}/publish", data={"csrf_token": token}).status_code in (302, 400)
    assert anonymous.get(f"{URL}.json").status_code == 404
    coordinator = region_login(app, RegionScope.COORDINATOR)
    page = coordinator.get(URL).get_data(as_text=True)
    assert "De regionale uitslag openbaar maken" in page
    token = csrf_token(coordinator, URL)
    answer = coordinator.post(f"{URL}/publish", data={"csrf_token": token}, follow_redirects=True)
    assert "De regionale uitslag is nu openbaar." in answer.get_data(as_text=True)
    assert anonymous.get(f"{URL}.json").status_code == 200
    stale = coordinator.post(f"{URL}/unpublish", data={"csrf_token": "verlopen"})
    assert stale.status_code == 400 and anonymous.get(f"{URL}.json").status_code == 200
    token = csrf_token(coordinator, URL)
    assert coordinator.post(f"{URL}/unpublish", data={"csrf_token": token}).status_code == 302
    assert anonymous.get(f"{URL}.json").status_code == 404
    assert (
        coordinator.post("/regio/results/onbekend/publish", data={"csrf_token": token}).status_code
        == 404
    )
    with tenancy.acting_for(None), tenancy.in_region(world.region_id):
        logged = db.session.scalars(select(RegionAuditEvent.action).order_by(RegionAuditEvent.id))
        actions = [a for a in logged if a.startswith("regional.results")]
    assert actions == ["regional.results.publish", "regional.results.unpublish"]


def test_a_municipality_that_stopped_publishing_is_named_not_counted(app, published) -> None:
    world, _ = published
    campaign = world.campaigns["Midden-Drenthe"]
    with tenancy.acting_for(world.municipalities["Midden-Drenthe"]):
        campaign.results_published_at = None  # its own results page is closed again
        db.session.commit()
    data = public_client(app).get(f"{URL}.json").get_json()
    assert data["not_released"] == ["Gemeente De Wolden", "Gemeente Midden-Drenthe"]
    assert data["ballots"] == 22 + 18
    assert [m["slug"] for m in data["municipalities"]] == ["meppel", "westerveld"]


def test_the_regional_results_live_on_the_regions_host_only(app, published) -> None:
    assert public_client(app).get(f"{URL}.json").status_code == 200
    for host in ("localhost", "westerveld.localhost"):
        municipality = client_on(app, host)
        for path in ("", ".json", "/tallies.csv", "/workbook.xlsx", "/chart.png"):
            assert municipality.get(URL + path).status_code == 404, (host, path)
