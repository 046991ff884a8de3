"""Light on the wire: Brotli or gzip, static files by content hash cached for a year, and the
ballot's first load (HTML + CSS + JS, compressed) at most 10 KB."""

from __future__ import annotations

import re

from tests.conftest import publish_results, send_ballot


def test_the_ballot_first_load_is_at_most_10_kb_on_the_wire(client, demo) -> None:
    brotli = {"Accept-Encoding": "br, gzip"}
    page = client.get("/v/demo", headers=brotli)
    assert page.headers["Content-Encoding"] == "br"
    html = client.get("/v/demo", headers={"Accept-Encoding": "identity"}).get_data(as_text=True)
    assets = re.findall(r'(?:href|src)="(/static/[^"]+)"', html)
    assert any(a.startswith("/static/css/app.css?v=") for a in assets)
    assert any(a.startswith("/static/js/ballot.js?v=") for a in assets)
    total = len(page.data)
    for asset in assets:
        response = client.get(asset.replace("&amp;", "&"), headers=brotli)
        assert response.headers["Content-Encoding"] == "br", asset
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        total += len(response.data)
    assert total <= 10 * 1024, total


def test_gzip_when_brotli_is_not_accepted_and_no_year_without_the_hash(client, demo) -> None:
    page = client.get("/v/demo", headers={"Accept-Encoding": "gzip"})
    assert page.headers["Content-Encoding"] == "gzip"
    old = client.get("/static/css/app.css?v=0000", headers={"Accept-Encoding": "gzip"})
    assert old.headers["Cache-Control"] == "no-cache"
    assert client.get("/static/css/app.css").headers["Cache-Control"] == "no-cache"


def test_results_json_csv_and_public_charts(client, demo) -> None:
    for _ in range(5):
        assert send_ballot(client, demo).status_code == 303
    publish_results(demo)
    gzip = {"Accept-Encoding": "gzip"}
    assert (
        client.get("/api/v1/campaigns/demo/results", headers=gzip).headers["Content-Encoding"]
        == "gzip"
    )
    assert (
        client.get("/results/demo/tallies.csv", headers=gzip).headers["Content-Encoding"] == "gzip"
    )
    chart = client.get("/results/demo/grafiek/totaal.svg", headers=gzip)
    assert chart.headers["Content-Encoding"] == "gzip"
    assert chart.headers["Cache-Control"] == "public, max-age=300"


def test_a_streamed_download_arrives_whole_when_compressed(app, demo) -> None:
    """The ballots CSV is streamed; compressed on the fly it still holds every ballot."""
    import brotli

    from tests.conftest import login_as

    for _ in range(3):
        assert send_ballot(app.test_client(), demo).status_code == 303
    staff = login_as(app.test_client(), "staff")
    plain = staff.get("/results/demo/stemmen.csv").data
    packed = staff.get("/results/demo/stemmen.csv", headers={"Accept-Encoding": "br"})
    assert packed.headers["Content-Encoding"] == "br"
    assert brotli.decompress(packed.data) == plain and plain.count(b"\n") == 4


def test_file_names_carry_the_municipalitys_date_not_the_servers(monkeypatch) -> None:
    """At 23:30 UTC on 1 December it is already 2 December in the Netherlands."""
    from datetime import datetime

    from participation.web.files import dated_name

    monkeypatch.setattr("participation.timeutil.utcnow", lambda: datetime(2026, 12, 1, 23, 30))
    assert dated_name("demo", "tellingen", ext="csv") == "demo-tellingen-2026-12-02.csv"
