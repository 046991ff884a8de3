"""The campaign page groups its links by task; destructive buttons look different and ask first."""

from __future__ import annotations

import re

from tests.conftest import add_stand, login_as


def test_links_are_grouped_by_task_and_fields_have_names(app, demo) -> None:
    staff = login_as(app.test_client(), "staff")
    page = staff.get("/staff/campaigns/demo").get_data(as_text=True)
    headings = re.findall(r'<h2 id="task-\w+">([^<]+)</h2>', page)
    assert headings == ["Voorbereiden", "Afdrukken", "Stands houden", "Uitslag volgen", "Besluiten"]
    assert "4. Fysieke veiligheid" in page  # Verkeersveiligheid's VNG field, by name
    assert not re.search(r"<td>[1-5]</td>\s*<td>\s*<a href=\"/staff/campaigns/demo/themes", page)


def test_closing_a_stand_asks_first_in_red(app, demo) -> None:
    stand = add_stand(demo)
    staff = login_as(app.test_client(), "staff")
    page = staff.get(f"/staff/stands/{stand.id}").get_data(as_text=True)
    zone = re.search(
        r'<details class="danger-zone">\s*<summary>Stand afsluiten en aftekenen…', page
    )
    assert zone, "closing is behind a question"
    after = page[zone.end() :]
    assert 'class="button button-danger">Ja, sluit de stand af</button>' in after
    assert "Kiosklink intrekken…" in page
