"""The public results page: only once published, small numbers hidden, readable for residents."""

from __future__ import annotations

from tests.conftest import publish_results, send_ballot


def publish(demo) -> None:  # type: ignore[no-untyped-def]
    publish_results(demo)


def test_hidden_until_published_then_open_to_anyone(app, staff_client, demo) -> None:
    for _ in range(5):
        send_ballot(staff_client, demo, "leek")
    assert app.test_client().get("/results/demo/openbaar").status_code == 404
    preview = staff_client.get("/results/demo/openbaar").get_data(as_text=True)
    assert "deze uitslag is nog niet openbaar" in preview
    publish(demo)
    page = app.test_client().get("/results/demo/openbaar").get_data(as_text=True)
    assert "5 inwoners deden mee." in page and "nog niet openbaar" not in page


def test_small_numbers_and_small_villages_are_hidden(app, staff_client, demo) -> None:
    ids = [theme.id for theme in demo.themes]
    for _ in range(7):
        send_ballot(staff_client, demo, "leek", ids[:6])
    for _ in range(3):
        send_ballot(staff_client, demo, "leek", ids[1:7])
    send_ballot(staff_client, demo, "marum")
    for _ in range(6):  # Marum's one ballot is folded in with the smallest other village
        send_ballot(staff_client, demo, "zuidhorn")
    publish(demo)
    page = app.test_client().get("/results/demo/openbaar").get_data(as_text=True)
    villages = page.split('id="villages"')[1]
    assert "Leek<br>" in villages and "n = 10 *" in villages
    # Marum's 1 ballot has no column, nor does Zuidhorn, shown with it so Marum cannot be
    # worked out from the total; the villages without votes are in that column too.
    assert "Marum<br>" not in villages and "Zuidhorn<br>" not in villages
    assert "Overige dorpen samen<br>" in villages and "n = 7 *" in villages
    assert "Overige dorpen samen: Grijpskerk, Grootegast, Marum, Tolbert, Zuidhorn" in villages
    assert "in één kolom geteld" in page
    # The 7th theme got 3 votes in Leek: a count within a group of 10, shown as it is, the
    # same as in the JSON, CSV and charts (a group under 5 is what stays hidden).
    row = villages.split(demo.themes[6].title)[1].split("</tr>")[0]
    assert ">3 <" in row and "(30%)" in row


def test_the_thank_you_page_links_to_published_results(client, demo) -> None:  # anonymous
    assert "Bekijk de uitslag" not in client.get("/v/demo/bedankt").get_data(as_text=True)
    publish(demo)
    assert "/results/demo/openbaar" in client.get("/v/demo/bedankt").get_data(as_text=True)


def test_the_note_on_small_groups_says_what_the_public_cannot_learn(app, client, demo) -> None:
    for village in ("leek",) * 6 + ("zuidhorn",) * 6:
        send_ballot(app.test_client(), demo, village)
    publish(demo)
    page = client.get("/results/demo/openbaar").get_data(as_text=True)
    assert "Geen dorp of andere groep staat er met minder dan 5 stemmers in" in page
    assert "zodat niemands keuze te herleiden is." in page
