"""Paper counts with four eyes: differences block the close; agreed counts join the results."""

from __future__ import annotations

import csv
import io

from sqlalchemy import select

from participation.extensions import db
from participation.models import PaperTally
from tests.conftest import add_stand, csrf_token, login_as


def enter(client, stand, demo, participants: int, votes: list[int]):  # type: ignore[no-untyped-def]
    token = csrf_token(client, f"/staff/stands/{stand.id}/paper")
    data = {"csrf_token": token, "participants": str(participants)}
    data.update({f"theme_{t.id}": str(v) for t, v in zip(demo.themes, votes, strict=True)})
    return client.post(f"/staff/stands/{stand.id}/paper", data=data)


def close(client, stand):  # type: ignore[no-untyped-def]
    token = csrf_token(client, f"/staff/stands/{stand.id}")
    return client.post(
        f"/staff/stands/{stand.id}/close", data={"csrf_token": token}, follow_redirects=True
    )


COUNTS = [9, 8, 7, 6, 5, 4, 3, 3, 3, 3, 3, 6]  # 60 votes from 10 participants


def test_a_difference_blocks_the_close_until_fixed_then_paper_counts(app, demo) -> None:
    stand = add_stand(demo, starts_in_hours=-4, ends_in_hours=-1)
    anna = login_as(app.test_client(), "staff")
    create_second = app.test_client()
    from participation.services.accounts import create_user

    create_user("bram@example.org", "een-lang-wachtwoord", "staff")
    token = csrf_token(create_second, "/staff/login")
    create_second.post(
        "/staff/login",
        data={"csrf_token": token, "email": "bram@example.org", "password": "een-lang-wachtwoord"},
    )
    bram = create_second

    assert enter(anna, stand, demo, 10, COUNTS).status_code == 302
    wrong = [*COUNTS[:2], 6, *COUNTS[3:]]  # Bram miscounted the third theme
    assert enter(bram, stand, demo, 10, wrong).status_code == 302

    page = anna.get(f"/staff/stands/{stand.id}").get_data(as_text=True)
    assert "De twee tellingen verschillen" in page
    assert demo.themes[2].title in page
    assert (
        demo.themes[1].title
        not in page.split("De twee tellingen verschillen")[1].split("</table>")[0]
    )
    page = close(anna, stand).get_data(as_text=True)
    assert "De twee papieren tellingen verschillen" in page
    db.session.refresh(stand)
    assert stand.closed_at is None
    results = anna.get("/api/v1/campaigns/demo/results").get_json()
    assert "paper" not in results["channels"]

    assert enter(bram, stand, demo, 10, COUNTS).status_code == 302
    page = close(anna, stand).get_data(as_text=True)
    assert "De stand is gesloten en afgetekend." in page
    db.session.refresh(stand)
    assert stand.closed_at is not None

    results = anna.get("/api/v1/campaigns/demo/results").get_json()
    marum = next(v for v in results["villages"] if v["slug"] == "marum")
    assert marum["ballots"] == 10
    assert marum["channels"]["paper"]["ballots"] == 10
    ids = [t.id for t in demo.themes]
    assert {t["id"]: t["votes"] for t in marum["themes"]} == dict(zip(ids, COUNTS, strict=True))
    assert results["channels"]["paper"]["votes"][str(ids[0])] == 9
    rows = list(
        csv.DictReader(io.StringIO(anna.get("/results/demo/tallies.csv").get_data(as_text=True)))
    )
    first = next(r for r in rows if r["village"] == "marum" and r["theme_id"] == str(ids[0]))
    assert (first["votes"], first["ballots"], first["share"]) == ("9", "10", "0.9000")

    paper_rows = list(
        csv.DictReader(
            io.StringIO(anna.get("/results/demo/tallies.csv?kanaal=paper").get_data(as_text=True))
        )
    )
    first = next(r for r in paper_rows if r["village"] == "marum" and r["theme_id"] == str(ids[0]))
    assert (first["votes"], first["ballots"]) == ("9", "10")
    web_rows = list(
        csv.DictReader(
            io.StringIO(anna.get("/results/demo/tallies.csv?kanaal=web").get_data(as_text=True))
        )
    )
    assert {r["ballots"] for r in web_rows} == {"0"}
    assert anna.get("/results/demo/tallies.csv?kanaal=fax").status_code == 400
    # "Per bron" adds up to the total: the paper forms are a row of their own.
    from participation.services.results.sources import ballots_by_source

    assert ("paper", None, 10) in ballots_by_source(demo)
    assert sum(n for *_, n in ballots_by_source(demo)) == results["ballots"]

    # Closed: the kiosk link stops taking ballots and the counts are final.
    assert "Deze stand is afgesloten." in anna.get(f"/stand/{stand.token}").get_data(as_text=True)
    response = enter(anna, stand, demo, 12, COUNTS)
    assert response.status_code == 422
    assert db.session.scalars(select(PaperTally.participants)).all() == [10, 10]


def test_impossible_counts_are_refused(app, demo) -> None:
    stand = add_stand(demo, starts_in_hours=-4, ends_in_hours=-1)
    anna = login_as(app.test_client(), "staff")
    response = enter(anna, stand, demo, 5, [6] + [0] * 11)
    assert response.status_code == 422
    assert "meer stemmen hebben dan deelnemers" in response.get_data(as_text=True)
    assert db.session.scalars(select(PaperTally)).first() is None


def test_a_third_counter_is_refused(app, demo) -> None:
    from participation.services.accounts import create_user
    from participation.services.stands import paper

    stand = add_stand(demo, starts_in_hours=-4, ends_in_hours=-1)
    users = [
        create_user(f"teller{i}@example.org", "een-lang-wachtwoord", "staff") for i in range(3)
    ]
    votes = dict(zip([t.id for t in demo.themes], COUNTS, strict=True))
    paper.save_entry(stand, users[0], 10, votes)
    paper.save_entry(stand, users[1], 10, votes)
    try:
        paper.save_entry(stand, users[2], 10, votes)
    except paper.PaperRefused as refused:
        assert refused.reasons == ["two_counts_exist"]
    else:
        raise AssertionError("a third count was accepted")
