"""The regional session shows the safety analysis' figures beside the residents' places, as
the partner view does: the region's, and each municipality's with its village cores."""

from __future__ import annotations

from tests.region.test_region_input import coordinator, walk

__all__ = ["walk"]  # the fixture: two municipalities in a region with one of every region row


def test_the_session_shows_the_figures_beside_the_shortlist(app, walk) -> None:
    _a, _b, region = walk
    client = coordinator(app)
    page = client.get(f"/regio/staff/sessions/{region.values['session_id']}")
    text = " ".join(page.get_data(as_text=True).split())
    assert page.status_code == 200
    shortlist, figures = text.split('id="figures"')
    assert 'id="shortlist"' in shortlist  # the figures come after the residents' places
    assert "Cijfers uit de veiligheidsanalyse" in figures
    region_table = figures.split("</table>")[0]
    assert "De hele regio" in region_table
    assert "Meldingen ondermijning" in region_table and "2023: 12" in region_table
    # The partner view shows the same lines.
    partner = client.get(f"/regio/partner/{region.values['slug']}").get_data(as_text=True)
    assert "Meldingen ondermijning" in partner and "2023: 12" in " ".join(partner.split())
