"""The public results page: only once published, small numbers hidden, readable for residents."""

from __future__ import annotations

from participation.extensions import db
from participation.timeutil import utcnow
from tests.conftest import send_ballot


def publish(demo) -> None:  # type: ignore[no-untyped-def]
    demo.results_published_at = utcnow()
    db.session.commit()


def test_hidden_until_published_then_open_to_anyone(app, staff_client, demo) -> None:
    send_ballot(staff_client, demo, "leek")
    assert app.test_client().get("/results/demo/openbaar").status_code == 404
    preview = staff_client.get("/results/demo/openbaar").get_data(as_text=True)
    assert "deze uitslag is nog niet openbaar" in preview
    publish(demo)
    page = app.test_client().get("/results/demo/openbaar").get_data(as_text=True)
    assert "1 inwoner deed mee." in page and "nog niet openbaar" not in page


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
    assert "Marum" not in villages and "Zuidhorn" not in villages  # 1 ballot: never derivable
    assert "Overige dorpen samen<br>" in villages and "n = 7 *" in villages
    assert "1 groep met minder dan 5 stemmen staat er niet apart in." in page
    # The 7th theme got 3 votes in Leek: shown as "< 5", never as 3.
    row = villages.split(demo.themes[6].title)[1].split("</tr>")[0]
    assert "&lt; 5" in row and ">3 " not in row
    total = page.split('id="total"')[1].split("</table>")[0]
    assert "minder dan 5" in total


def test_the_thank_you_page_links_to_published_results(client, demo) -> None:  # anonymous
    assert "Bekijk de uitslag" not in client.get("/v/demo/bedankt").get_data(as_text=True)
    publish(demo)
    assert "/results/demo/openbaar" in client.get("/v/demo/bedankt").get_data(as_text=True)


def test_the_note_on_hidden_numbers_is_escaped_html(app, client, demo) -> None:
    """'< 5' in running text is written &lt; 5 (the Nu checker flagged a bare '<')."""
    for village in ("leek",) * 6 + ("zuidhorn",) * 6:
        send_ballot(app.test_client(), demo, village)
    publish(demo)
    page = client.get("/results/demo/openbaar").get_data(as_text=True)
    assert "staan er als '&lt; 5', zodat niemands keuze te herleiden is." in page
    assert "'< 5'" not in page
