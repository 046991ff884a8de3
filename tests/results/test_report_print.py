"""The council report and the session memo on paper, as a reader holds them: every word at
8 pt or more (measured in the PDF with pdftotext -bbox), no heading, caption or table header
left alone at the foot of a page, and a comparison that names both campaigns by year."""

from __future__ import annotations

import random
import re
import subprocess
import tempfile
from datetime import datetime
from html.parser import HTMLParser
from typing import ClassVar

import pytest

from participation.chores.load import add_synthetic_ballots
from participation.demo import seed_previous_cycle
from participation.extensions import db
from participation.models import Area, StaffUser
from participation.services.ballots import voting
from participation.services.sessions import prioritisation
from tests.conftest import login_as

pytestmark = pytest.mark.sqlite_only  # how it is drawn: the same from either database

WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)
BODY_PT = 9.5  # static/css/print.css: html { font-size: 9.5pt }
SMALLEST_PT = 8.0


def poppler(data: bytes, *args: str) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        return subprocess.run(
            [*args, handle.name, "-"], check=True, capture_output=True, text=True
        ).stdout


def word_heights(data: bytes) -> list[list[tuple[float, str]]]:
    """Per page, each word's box height in points and its text (pdftotext -bbox)."""
    pages = poppler(data, "pdftotext", "-bbox").split("<page ")[1:]
    return [[(float(m[3]) - float(m[1]), m[4]) for m in WORD.findall(page)] for page in pages]


def sizes_in_pt(data: bytes, calibration: str) -> list[list[tuple[float, str]]]:
    """Each word's type size: box heights scaled by the body text's own box (a word of
    `calibration` at 9.5 pt), since a box is the font's ascent plus descent, not its size."""
    pages = word_heights(data)
    found = [h for page in pages for h, text in page if text == calibration]
    assert found, f"no '{calibration}' in the PDF to calibrate on"
    per_pt = min(found) / BODY_PT
    return [[(round(h / per_pt, 2), text) for h, text in page] for page in pages]


def assert_nothing_under_8_pt(data: bytes, calibration: str) -> None:
    small = [
        (number, size, text)
        for number, page in enumerate(sizes_in_pt(data, calibration), start=1)
        for size, text in page
        if size < SMALLEST_PT - 0.05
    ]
    assert small == [], f"{len(small)} words under 8 pt, the first: {small[:10]}"


class _Heads(HTMLParser):
    """The texts of headings, printed captions and table headers in the page that was
    printed: what must never end a page."""

    KINDS: ClassVar[set[str]] = {"h1", "h2", "h3", "caption", "thead"}

    def __init__(self) -> None:
        super().__init__()
        self.open: list[tuple[str, bool]] = []
        self.found: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.KINDS and not self.open:
            hidden = "visually-hidden" in (dict(attrs).get("class") or "")
            self.open.append((tag, hidden))
            self.text = []

    def handle_endtag(self, tag: str) -> None:
        if self.open and self.open[0][0] == tag:
            _, hidden = self.open.pop()
            if not hidden:
                self.found.append(" ".join(" ".join(self.text).split()))

    def handle_data(self, data: str) -> None:
        if self.open:
            self.text.append(data)


def heads_of(html: str) -> list[str]:
    parser = _Heads()
    parser.feed(html)
    return [text for text in parser.found if text]


def page_endings(data: bytes) -> list[str]:
    """The last line of each page's text above its footer (pdftotext -layout)."""
    endings = []
    for page in poppler(data, "pdftotext", "-layout").split("\f"):
        lines = [" ".join(line.split()) for line in page.splitlines() if line.strip()]
        body = [line for line in lines if not re.search(r"pagina \d+ van \d+$", line)]
        if body:
            endings.append(body[-1])
    return endings


def ends_with_a_head(line: str, heads: list[str]) -> str | None:
    """The heading, caption or table header that `line` is (a part of), if any."""
    words = line.split()
    for head in heads:
        head_words = head.split()
        contiguous = any(
            head_words[start : start + len(words)] == words
            for start in range(len(head_words) - len(words) + 1)
        )
        if contiguous or set(words) <= set(head_words):  # a header's cells, wrapped
            return head
    return None


def assert_no_page_ends_with_a_head(data: bytes, html: str) -> None:
    heads = heads_of(html)
    assert heads, "no headings found in the printed page"
    endings = page_endings(data)[:-1]  # the last page may end anywhere
    alone = [(n, line, ends_with_a_head(line, heads)) for n, line in enumerate(endings, 1)]
    assert [found for found in alone if found[2]] == []


@pytest.fixture
def printed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The HTML of every PDF made during the test, as WeasyPrint got it."""
    from participation.web import print_documents

    pages: list[str] = []
    make = print_documents.html_pdf

    def keep(html: str, *args: object, **kwargs: object) -> bytes:
        pages.append(html)
        return make(html, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(print_documents, "html_pdf", keep)
    return pages


def _consultation(demo, villages: int, ballots: int = 900):  # type: ignore[no-untyped-def]
    """The demo with `villages` more villages, `ballots` synthetic ballots spread over all
    of them, channels and elsewhere, and its made-up previous cycle of 2022."""
    municipality = demo.areas[0].parent
    for number in range(villages):
        village = Area(slug=f"extra-{number}", name=f"Buurtschap {number + 1}", kind="village")
        village.parent = municipality
        demo.areas.append(village)
    demo.opens_at = datetime(2026, 9, 1)
    db.session.commit()
    voting.forget_rules()
    add_synthetic_ballots(voting.load_rules("demo"), ballots, random.Random(27), days=30)
    db.session.commit()
    seed_previous_cycle(demo)
    return demo


# Each added village moves what follows the first table down by a row: over this range the
# ranked table's header once fell alone at the foot of page 1, and each chart's type was
# 4.7 to 6.1 pt (the charts were drawn wider than the page and scaled down).
@pytest.mark.parametrize("villages", [0, 2, 4])
def test_the_report_prints_no_word_under_8_pt_and_no_head_alone(
    app, demo, printed, villages: int
) -> None:
    _consultation(demo, villages)
    staff = login_as(app.test_client(), "staff")
    response = staff.get("/results/demo/rapport.pdf")
    assert response.status_code == 200
    assert_nothing_under_8_pt(response.data, calibration="deden")
    assert_no_page_ends_with_a_head(response.data, printed[-1])


def test_the_memo_prints_no_word_under_8_pt_and_no_head_alone(app, demo, printed) -> None:
    _consultation(demo, 0, ballots=300)
    staff = login_as(app.test_client(), "staff")
    actor = db.session.scalar(db.select(StaffUser))
    session = prioritisation.create(demo, "Sessie met de raad", 5, 6, actor)
    for _ in range(3):  # four rounds of dots: a heading, a caption and a table each
        prioritisation.close_round(session, actor)
        prioritisation.open_next_round(session, actor)
    # A longer reason moves the rounds down the pages, six lines at a time: over this range
    # "Stippen, ronde N" fell alone at the foot of a page.
    for lines in range(0, 40, 6):
        reason = "Een reden van een regel tekst voor de raad, met nog wat woorden erbij. " * (
            lines + 1
        )
        prioritisation.record_decision(session, demo.themes[0], True, reason, 1, actor)
        response = staff.get(f"/staff/sessions/{session.id}/report.pdf")
        assert response.status_code == 200
        assert_nothing_under_8_pt(response.data, calibration="reden")
        assert_no_page_ends_with_a_head(response.data, printed[-1])


def pdf_text(data: bytes) -> str:
    return " ".join(poppler(data, "pdftotext", "-layout").split())


def test_the_comparison_names_both_campaigns_by_year_and_title(app, demo) -> None:
    _consultation(demo, 0, ballots=120)
    staff = login_as(app.test_client(), "staff")
    then = "2022 (Veiligheid 2022 (verzonnen voorbeeld voor de demo)): 600 stemmers."
    now = f"2026 ({demo.title}): 120 stemmers."
    report = pdf_text(staff.get("/results/demo/rapport.pdf").data)
    assert then in report and now in report
    # The table's head: each campaign's year above its rank and share; no "then" and "now".
    assert "Thema 2022 2026" in report and "Plaats Aandeel Plaats Aandeel" in report
    assert "toen" not in report and " nu " not in report
    page = staff.get("/results/demo").get_data(as_text=True)
    section = page[page.index('id="comparison"') :]
    assert '<th scope="colgroup" colspan="2" class="num">2022</th>' in section
    assert '<th scope="colgroup" colspan="2" class="num">2026</th>' in section
    assert "toen" not in section[: section.index("</table>")]
    actor = db.session.scalar(db.select(StaffUser))
    session = prioritisation.create(demo, "Sessie met de raad", 5, 6, actor)
    memo = pdf_text(staff.get(f"/staff/sessions/{session.id}/report.pdf").data)
    assert "Vergeleken met de vorige raadpleging" in memo and then in memo and now in memo


def test_campaigns_without_years_that_tell_them_apart_are_named_by_title(app, demo) -> None:
    _consultation(demo, 0, ballots=120)
    previous = demo.previous_id
    from participation.models import Campaign

    earlier = db.session.get(Campaign, previous)
    earlier.opens_at = earlier.closes_at = earlier.results_published_at = None
    db.session.commit()
    staff = login_as(app.test_client(), "staff")
    page = staff.get("/results/demo").get_data(as_text=True)
    section = page[
        page.index('id="comparison"') : page.index("</table>", page.index('id="comparison"'))
    ]
    assert f'class="num">{earlier.title}</th>' in section
    assert f'class="num">{demo.title}</th>' in section


def test_charts_and_the_pdf_are_made_once_per_count(app, demo, monkeypatch) -> None:
    from participation.renderers import charts, pdf, report_charts

    _consultation(demo, 0, ballots=60)
    report_charts.forget()
    pdf.forget()
    drawn: list[str] = []
    draw = charts.render
    monkeypatch.setattr(charts, "render", lambda chart, fmt: drawn.append(fmt) or draw(chart, fmt))
    staff = login_as(app.test_client(), "staff")
    first = staff.get("/results/demo/rapport.pdf").data
    assert len(drawn) == 3  # the ranked total, one page of villages, the channels
    assert staff.get("/results/demo/rapport.pdf").data == first
    assert len(drawn) == 3  # kept: nothing drawn again
    assert "60 inwoners deden mee." in pdf_text(first)
    from tests.conftest import send_ballot

    send_ballot(app.test_client(), demo, village="leek")
    again = staff.get("/results/demo/rapport.pdf").data
    assert len(drawn) == 6 and again != first
    assert "61 inwoners deden mee." in pdf_text(again)


def test_the_printed_heat_map_colours_are_the_style_sheet_s_classes() -> None:
    """Cells carry a class, not an inline style (the CSP forbids those); the classes' colours
    are cividis at each 5 % step, with the text colour that contrasts most."""
    from pathlib import Path

    from participation.renderers.heatmap import level_css, level_of

    css = (Path(__file__).parents[2] / "static" / "css" / "print.css").read_text()
    assert level_css() in css
    assert [level_of(s) for s in (0.0, 0.049, 0.05, 0.5, 0.999, 1.0)] == [0, 0, 1, 10, 19, 19]
