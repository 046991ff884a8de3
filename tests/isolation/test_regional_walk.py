"""Issue 30's isolation walk: A and B in one region, both running its regional campaign, B
with votes (a village of 3, a theme of its own) and drafts, nothing of B published. A's admin,
on A's host and on the region's host (where A has no scope), fetches every route with A's, B's
and the region's values and finds nothing of B's drafts, texts or counts (its pages read the
same after B's residents vote more); posts with B's values change nothing of B or the region.
Once B and the coordinator published, A's admin on the region's host sees what the public
sees. The region's partner posts to every route and changes nothing."""

from __future__ import annotations

import time
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import csrf_token
from tests.factories import client_on
from tests.isolation import regional_world
from tests.isolation.conftest import A_HOST, Pair, log_in
from tests.isolation.regional_walk import (
    OWN_HOST,
    carried,
    changed,
    more_votes_for_b,
    read_a_host,
    read_region_host,
    region_urls,
    secrets_in,
)
from tests.isolation.regional_world import (
    B_FIGURES,
    COORDINATOR,
    REGION_FIGURE,
    REGION_HOST,
    REGIONAL,
    RegionalWorld,
    figure_texts,
)
from tests.isolation.test_walk import post_data
from tests.isolation.walk import (
    EXCLUDED,
    NOT_POSTED,
    ask,
    cross_references,
    fingerprint,
    ghost_of,
    markers_in,
    rules,
    urls,
)
from tests.region import test_partner_readonly as partner

RESULTS = f"/regio/results/{REGIONAL}"


@pytest.fixture
def world(app: Flask, pair: Pair) -> RegionalWorld:
    return regional_world.build(pair.a, pair.b)


def region_login(app: Flask, email: str) -> FlaskClient:
    client = client_on(app, REGION_HOST)
    data = {"csrf_token": csrf_token(client, "/regio/login"), "email": email}
    answer = client.post("/regio/login", data={**data, "password": regional_world.PASSWORD})
    assert answer.status_code == 302, (email, answer.status_code)
    return client


def _the_secrets_are_there(app: Flask, world: RegionalWorld) -> FlaskClient:
    """So that the walk's checks do not pass empty: B's drafts show to B's admin, the region's
    and B's figures to the coordinator, as the walk looks for them. The coordinator's login."""
    b = world.b
    b_admin = log_in(app, b.host, b.email("admin"))
    page = b_admin.get(f"/staff/sessions/{b.values['session_id']}").get_data(as_text=True)
    assert b.text("draft-rationale") in page and secrets_in(page, world)
    page = b_admin.get(f"/results/{b.slugs['campaign']}").get_data(as_text=True)
    assert any(text in page for text in figure_texts(B_FIGURES[0])), "B's figure as written"
    coordinator = region_login(app, COORDINATOR)
    session = coordinator.get(f"/regio/staff/sessions/{world.values['session_id']}")
    page = session.get_data(as_text=True)
    assert b.text("draft-regional-rationale") in page and regional_world.REGION_MARKER in page
    page = coordinator.get(f"/regio/staff/campaigns/{REGIONAL}/indicators").get_data(as_text=True)
    for value in (B_FIGURES[2], REGION_FIGURE):
        assert any(text in page for text in figure_texts(value)), value
    return coordinator


def test_a_staff_see_nothing_unpublished_of_b_on_a_host_or_the_region_host(
    app: Flask, world: RegionalWorld
) -> None:
    started = time.monotonic()
    a, b = world.a, world.b
    coordinator = _the_secrets_are_there(app, world)
    admin = log_in(app, A_HOST, a.email("admin"))
    # On the region's host A's admin is nobody: refused at its login.
    stranger = client_on(app, REGION_HOST)
    data = {"csrf_token": csrf_token(stranger, "/regio/login"), "email": a.email("admin")}
    refused = stranger.post("/regio/login", data={**data, "password": regional_world.PASSWORD})
    assert refused.status_code == 401
    mine, public = carried(app, admin, A_HOST, REGION_HOST), client_on(app, REGION_HOST)
    on_a, wrong = read_a_host(app, world, admin)
    on_region, found = read_region_host(app, world, mine, public, strict=True)
    wrong += found
    assert wrong == [], "\n".join(wrong)
    # The walk read A's own drafts, and the region's home naming both municipalities.
    mine_shown = [url for url, page in on_a.items() if a.text("draft-") in page]
    assert len(mine_shown) >= 5, mine_shown
    assert b.text("name") in on_region["/regio/"]
    live = coordinator.get(f"{RESULTS}.json").get_json()
    more_votes_for_b(world)
    # The coordinator's live count moved: the votes were counted where counts are shown.
    assert coordinator.get(f"{RESULTS}.json").get_json()["ballots"] == live["ballots"] + 7
    again_a, _ = read_a_host(app, world, admin)
    again_region, _ = read_region_host(app, world, mine, public, strict=True)
    moved = changed(on_a, again_a) + changed(on_region, again_region)
    assert moved == [], "pages that changed when B's residents voted:\n" + "\n".join(moved)
    walked = {"A's host": len(on_a), "region host": len(on_region)}
    print(f"walked {walked} twice in {time.monotonic() - started:.1f} s")


def _public_results(public: FlaskClient) -> tuple[dict[str, Any], str]:
    data = public.get(f"{RESULTS}.json").get_json()
    texts = [public.get(url).get_data(as_text=True) for url in (RESULTS, f"{RESULTS}/tallies.csv")]
    return data, "\n".join(texts)


def test_once_published_a_staff_on_the_region_host_see_what_the_public_sees(
    app: Flask, world: RegionalWorld
) -> None:
    a, b = world.a, world.b
    admin = log_in(app, A_HOST, a.email("admin"))
    mine, public = carried(app, admin, A_HOST, REGION_HOST), client_on(app, REGION_HOST)
    world.release(a)
    world.publish_regional()
    # The region published; B has not: named, not counted.
    data, shown = _public_results(public)
    assert [m["slug"] for m in data["municipalities"]] == [a.slugs["municipality"]]
    assert data["not_released"] == [b.text("name")]
    assert data["ballots"] == data["municipalities"][0]["ballots"] == 3 * 6 + 3
    assert b.text("local-theme") not in shown and b.text("village-1") not in shown
    first, wrong = read_region_host(app, world, mine, public, strict=True)
    assert wrong == [], "\n".join(wrong)
    more_votes_for_b(world)
    again, _ = read_region_host(app, world, mine, public, strict=True)
    assert changed(first, again) == []
    # B publishes and releases: its released counts, its small village never on its own.
    world.release(b)
    data, _ = _public_results(public)
    counted = {m["slug"]: m["ballots"] for m in data["municipalities"]}
    assert counted == {a.slugs["municipality"]: 21, b.slugs["municipality"]: 24 + 7}
    assert data["not_released"] == []
    villages = [v for m in data["municipalities"] for v in m["villages"]]
    assert world.small_village not in {v["slug"] for v in villages}
    assert any(b.text("village-small") in v["members"] for v in villages)  # with another
    first, wrong = read_region_host(app, world, mine, public, strict=False)
    assert wrong == [], "\n".join(wrong)
    assert b.text("local-theme") in first[RESULTS]  # B's released results are public now
    # The public sees releases, never today's count: more votes change no page.
    more_votes_for_b(world)
    again, _ = read_region_host(app, world, mine, public, strict=False)
    assert changed(first, again) == []


def test_a_staff_posts_with_b_values_change_nothing_of_b_or_the_region(
    app: Flask, world: RegionalWorld
) -> None:
    a, b, ghost = world.a, world.b, ghost_of(world.b)
    admin = log_in(app, A_HOST, a.email("admin"))
    mine = carried(app, admin, A_HOST, REGION_HOST)
    before = fingerprint(b)
    wrong: list[str] = []
    sent = 0
    data = post_data(csrf_token(admin, "/staff/login"), b)
    for rule in rules(app):
        if rule.endpoint in EXCLUDED or "POST" not in (rule.methods or ()):
            continue
        if not rule.arguments:  # A's own pages, posted to in tests/isolation/test_walk.py
            continue
        if rule.endpoint in NOT_POSTED or rule.endpoint in partner.OWN_SESSION:
            continue
        if rule.rule.startswith("/regio/"):
            # The region's pages: on A's host none (a 404); on the region's host A's admin
            # is nobody, sent to the region's login.
            for values in (world.values, {**world.values, **world.b_values}):
                for url in region_urls(rule, values):
                    for client, expected in ((admin, ""), (mine, "/regio/login")):
                        answer = ask(client, rule, "POST", url, data)
                        where = answer.headers.get("Location", "").split("?")[0]
                        sent += 1
                        if (answer.status_code, where) not in {(404, ""), (302, expected)}:
                            wrong.append(f"POST {url}: {answer.status_code} {where}")
            continue
        # A's own pages with B's values: on A's host, and under A's path on the region's
        # host (B's staff pages under B's path do not exist there: a 404).
        nobody = ask(admin, rule, "POST", urls(rule, ghost)[0], data)
        for url in urls(rule, b, aliases=False):
            asked = [(admin, url, nobody.status_code)]
            if not rule.endpoint.startswith(OWN_HOST):
                prefix = f"/{a.slugs['municipality']}"
                made_up = ask(mine, rule, "POST", prefix + urls(rule, ghost)[0], data)
                asked.append((mine, prefix + url, made_up.status_code))
            else:
                asked.append((mine, f"/{b.slugs['municipality']}{url}", 404))
            for client, address, expected in asked:
                answer = ask(client, rule, "POST", address, data)
                sent += 1
                said = f"POST {REGION_HOST if client is mine else A_HOST}{address}"
                if answer.status_code != expected:
                    wrong.append(f"{said}: {answer.status_code}, a made-up value {expected}")
                if leaked := markers_in(answer.get_data(as_text=True), b, asked=address):
                    wrong.append(f"{said} shows {leaked}")
    assert wrong == [], "\n".join(wrong)
    assert sent > 300, sent
    assert fingerprint(b) == before, "a post of A's admin changed B's rows or the region's"
    assert cross_references(a.id, b.id) == []


def test_the_partner_changes_nothing_where_both_adopted_and_published(
    app: Flask, world: RegionalWorld
) -> None:
    world.release(world.a)
    world.release(world.b)
    world.publish_regional()
    partner.grant_partner()
    # The region's rows, B's local decision among them; A's and B's adopted campaigns.
    region = partner.Region(world.region_id, {**world.values, **world.b_values})
    assert partner.posts_refused(app, world.a, world.b, region) > 300
    # And it reads: its view shows the region's figure for B.
    reader = partner.log_in(app)
    page = reader.get(f"/regio/partner/{REGIONAL}").get_data(as_text=True)
    assert any(text in page for text in figure_texts(B_FIGURES[2]))
