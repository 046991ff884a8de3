"""The council report, the session memo and the proces-verbaal: tagged PDFs (PDF/UA-1) with
embedded fonts, a title and the language nl, holding the same numbers as the results JSON."""

from __future__ import annotations

import re
import subprocess
import tempfile
import zlib

import pytest

from participation.domain.stats import whole_percent
from participation.services.sessions import prioritisation
from tests.conftest import add_stand, login_as, send_ballot
from tests.staff.test_posters import pdf_pages

pytestmark = pytest.mark.sqlite_only  # how it is drawn: the same from either database


def poppler(tool: str, data: bytes) -> str:
    """pdfinfo or pdffonts on the PDF (poppler-utils, installed by .ci/run)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        return subprocess.run(
            [tool, handle.name], check=True, capture_output=True, text=True
        ).stdout


def streams(data: bytes) -> list[bytes]:
    """The PDF's objects, with compressed object streams opened (the catalog sits in one)."""
    found = [data]
    for raw in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            found.append(zlib.decompress(raw))
        except zlib.error:
            continue
    return found


def assert_accessible(data: bytes, title: str) -> str:
    info = poppler("pdfinfo", data)
    assert re.search(r"^Tagged:\s+yes$", info, re.M), info
    assert re.search(rf"^Title:\s+{re.escape(title)}", info, re.M), info
    fonts = poppler("pdffonts", data).splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # the emb column
    assert any(b"/Lang (nl)" in stream for stream in streams(data))
    return " ".join(" ".join(text.split()) for _, text, _ in pdf_pages(data, dpi=30))


@pytest.fixture
def voted(app, demo):  # type: ignore[no-untyped-def]
    ids = [t.id for t in demo.themes]
    for index in range(7):  # shares that need rounding
        picks = ids[index % 4 : index % 4 + 6]
        village = "leek" if index < 4 else "marum"
        assert (
            send_ballot(app.test_client(), demo, village=village, themes=picks).status_code == 303
        )
    return demo


def test_the_council_report_is_tagged_and_holds_the_json_numbers(app, voted) -> None:
    staff = login_as(app.test_client(), "staff")
    data = staff.get("/results/demo/rapport.pdf").data
    text = assert_accessible(data, "Rapport: Wat vindt u belangrijk")
    results = staff.get("/api/v1/campaigns/demo/results").get_json()
    assert f"{results['ballots']} inwoners deden mee." in text
    for theme in results["themes"]:
        share = whole_percent(theme["share"])
        row = f"{theme['rank']} {theme['title']} {theme['votes']} {share}"
        assert row in text, row
    assert "Meedoen was vrijwillig." in text


def test_the_memo_and_the_proces_verbaal_are_tagged(app, voted) -> None:
    staff = login_as(app.test_client(), "staff")
    from participation.extensions import db
    from participation.models import StaffUser

    actor = db.session.scalar(db.select(StaffUser))
    session = prioritisation.create(voted, "Sessie raad", 3, 6, actor)
    memo = staff.get(f"/staff/sessions/{session.id}/report.pdf").data
    text = assert_accessible(memo, "Verslag van de sessie: Sessie raad")
    assert "Prioritering: Sessie raad" in text
    stand = add_stand(voted)
    record = staff.get(f"/staff/stands/{stand.id}/record.pdf").data
    text = assert_accessible(record, "Proces-verbaal: Marum")
    assert "Handtekeningen" in text and "Gemeente Westerkwartier" in text


def test_the_progress_report_pdf_is_tagged(app, voted) -> None:
    from participation.services.accounts import create_user

    actor = create_user("voortgang@example.org", "een-lang-wachtwoord", "staff")
    session = prioritisation.create(voted, "Sessie", 3, 6, actor)
    prioritisation.record_decision(session, voted.themes[0], True, "Veel stemmen.", 1, actor)
    staff = login_as(app.test_client(), "staff")
    text = assert_accessible(
        staff.get("/results/demo/voortgang.pdf").data,
        "Voortgangsrapportage: Wat vindt u belangrijk voor de veiligheid in uw dorp?",
    )
    assert voted.themes[0].title in text and "Nog geen doelen." in text


def table_tags(data: bytes) -> tuple[list[list[str]], list[str | None]]:
    """Per Table its tagged children, and every TH's /Scope (read with pikepdf)."""
    import io

    import pikepdf

    tables: list[list[str]] = []
    scopes: list[str | None] = []
    with pikepdf.open(io.BytesIO(data)) as document:

        def walk(node) -> None:  # type: ignore[no-untyped-def]
            if isinstance(node, pikepdf.Array):
                for kid in node:
                    walk(kid)
                return
            if not isinstance(node, pikepdf.Dictionary):
                return
            kind = node.get("/S")
            if kind == "/Table":
                kids = node.K if isinstance(node.K, pikepdf.Array) else [node.K]
                tables.append(
                    [str(k.S) for k in kids if isinstance(k, pikepdf.Dictionary) and "/S" in k]
                )
            if kind == "/TH":
                attributes = node.get("/A")
                scope = (
                    attributes.get("/Scope") if isinstance(attributes, pikepdf.Dictionary) else None
                )
                scopes.append(str(scope) if scope is not None else None)
            if "/K" in node:
                walk(node.K)

        walk(document.Root.StructTreeRoot)
    return tables, scopes


@pytest.mark.parametrize("which", ["report", "memo", "record", "progress"])
def test_pdf_tables_are_tagged_for_screen_readers(app, voted, which) -> None:
    """PDF/UA-1: a Caption is its Table's first child, never deeper inside; every TH has a
    Scope (Column in the head, Row beside the data)."""
    from participation.extensions import db
    from participation.models import StaffUser

    staff = login_as(app.test_client(), "staff")
    actor = db.session.scalar(db.select(StaffUser))
    session = prioritisation.create(voted, "Sessie raad", 3, 6, actor)
    prioritisation.record_decision(session, voted.themes[0], True, "Veel stemmen.", 1, actor)
    url = {
        "report": "/results/demo/rapport.pdf",
        "memo": f"/staff/sessions/{session.id}/report.pdf",
        "record": f"/staff/stands/{add_stand(voted).id}/record.pdf",
        "progress": "/results/demo/voortgang.pdf",
    }[which]
    tables, scopes = table_tags(staff.get(url).data)
    assert tables, which
    for kids in tables:
        assert "/Table" not in kids, kids  # no Table → Table → Caption chains
        assert "/Caption" not in kids[1:], kids  # a Caption comes first
        assert kids and set(kids) <= {"/Caption", "/THead", "/TBody", "/TR", "/TFoot"}, kids
    assert scopes and all(scope in ("/Column", "/Row") for scope in scopes), scopes
