"""Every PDF survives any text: random Unicode in every typed field gives a 200 and a PDF."""

# Issue 26: WeasyPrint stopped with "AssertionError: Got ' \u2029' between two lines", a 500.
# domain.printable is the one rule (tests/domain/test_printable.py); here every PDF is tried.

from __future__ import annotations

import uuid
from datetime import date, datetime

import pypdfium2
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from participation.domain.programme import ActionStatus, Direction, GoalKind, Progress
from participation.extensions import db
from participation.models import (
    ActionUpdate,
    Area,
    Association,
    AssociationTheme,
    AssociationView,
    Campaign,
    Decision,
    Goal,
    GoalUpdate,
    Indicator,
    Municipality,
    Option,
    Outcome,
    PlanAction,
    PrioritySession,
    Question,
    Remark,
    ShortlistItem,
    StaffUser,
    Stand,
    Survey,
    Theme,
)
from participation.services.campaigns import associations, indicators
from participation.services.outcome import outcome, programme
from participation.services.sessions import prioritisation
from participation.services.stands import remarks
from tests.conftest import add_stand, answer_demo_survey, login_as, send_ballot

# Every text people type that a PDF shows: staff (titles, reasons, goals), associations (their
# views, typed by outsiders), residents at a stand (remarks) and survey texts.
TYPED = {
    Campaign: ("title", "intro"),
    Theme: ("title", "explanation"),
    Area: ("name",),
    Association: ("name", "contact_role"),
    AssociationView: ("remarks",),
    AssociationTheme: ("reason",),
    Indicator: ("name", "source"),
    Municipality: ("name", "contact_line", "privacy_contact"),
    Outcome: ("summary",),
    Goal: ("description",),
    GoalUpdate: ("note",),
    PlanAction: ("what", "partner"),
    ActionUpdate: ("note",),
    Remark: ("text",),
    PrioritySession: ("title",),
    ShortlistItem: ("reason",),
    Decision: ("rationale",),
    Stand: ("place",),
    Survey: ("title", "intro"),
    Question: ("text", "help"),
    Option: ("label",),
    StaffUser: ("display_name",),
}
# What broke WeasyPrint or could (separators, BOM, non-characters, bidi controls, zero-width
# characters, emoji and their sequences), between words so that lines break near them.
PIECES = [
    *"\u2028\u2029\ufeff\ufdd0\ufdef\ufffe\U0010ffff\u202a\u202b\u202d\u202e\u202c",
    *"\u2066\u2067\u2068\u2069\u200e\u200f\u200b\u200c\u200d\u2060\u00ad\x85\x0b\x0c\r\n\t",
    "😀",
    "👍🏽",
    "🇳🇱",
    "👨\u200d👩\u200d👧",
    "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",
    "e\u0301\u0301",
    "שלום",
    "مرحبا",
    "漢字",
    " ",
    " ",
    "woord",
    "Verkeersveiligheid",
]
# Any character a database stores (no lone surrogates; PostgreSQL takes no NUL).
ANY_CHARACTER = st.characters(exclude_categories=("Cs",), exclude_characters="\x00")
typed_text = st.lists(st.one_of(ANY_CHARACTER, st.sampled_from(PIECES)), min_size=1, max_size=40)
ANY_TEXT = typed_text.map("".join).filter(str.strip)
# Bounded for CI: the test takes 15 to 30 s on a 2-core machine.
PDFS = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def documents(app, demo):  # type: ignore[no-untyped-def]
    """The demo with something in every typed field a PDF shows; the staff client and the
    PDFs' addresses."""
    app.config["PUBLIC_BASE_URL"] = "https://stem.westerkwartier.nl"
    demo.closes_at = datetime(2027, 3, 14, 23, 0)
    db.session.commit()
    themes = demo.themes
    for number in range(12):  # enough voters in two villages for every figure to be shown
        village = "leek" if number % 2 else "marum"
        picks = [t.id for t in themes[number % 3 : number % 3 + 6]]
        send_ballot(app.test_client(), demo, village=village, themes=picks)
    for _ in range(5):
        answer_demo_survey("Meer licht op straat")
    staff = login_as(app.test_client(), "staff")
    actor = db.session.scalar(select(StaffUser))
    marum = db.session.scalar(select(Area).where(Area.slug == "marum"))
    association = associations.register(demo, marum, "Dorpsbelang Marum", "secretaris", actor)
    associations.submit_view(
        association, [(themes[0].id, "Veel inbraken"), (themes[2].id, "Hard rijden")], "Dank"
    )
    indicator = indicators.add(
        demo,
        indicators.IndicatorInput(themes[0].id, "Woninginbraken", "Politie", [(2023, 40.0)]),
        actor,
    )
    session = prioritisation.create(demo, "Sessie raad", 3, 6, actor)
    prioritisation.add_to_shortlist(session, themes[11], "Gevraagd door de raad", actor)
    prioritisation.record_decision(session, themes[0], True, "Veel stemmen.", 1, actor)
    prioritisation.record_decision(session, themes[1], False, "Later.", None, actor)
    outcome.save(
        demo, outcome.OutcomeSettings(session.id, None, "Samenvatting", True, 2027, 2030), actor
    )
    goal = programme.add_goal(
        demo,
        programme.GoalInput(
            themes[0].id, "Minder inbraken", GoalKind.MEASURABLE, indicator.id,
            2023, 40.0, 2027, 30.0, Direction.DOWN,
        ),
        actor,
    )  # fmt: skip
    programme.set_goal_status(goal, date(2027, 6, 1), Progress.ON_TRACK, "Goed op weg", actor)
    written = programme.GoalInput(themes[0].id, "Buurtpreventie", GoalKind.WRITTEN)
    programme.add_goal(demo, written, actor)
    action = programme.add_action(demo, themes[0].id, "Voorlichting", "Politie", None, actor)
    programme.update_action(action, date(2027, 6, 1), ActionStatus.UNDERWAY, "Begonnen", actor)
    stand = add_stand(demo)
    remarks.save(stand, uuid.uuid4(), "Te hard gereden bij de school", [themes[0].id])
    return staff, [
        "/results/demo/rapport.pdf",
        f"/staff/sessions/{session.id}/report.pdf",
        "/results/demo/voortgang.pdf",
        f"/staff/stands/{stand.id}/record.pdf",
        "/staff/campaigns/demo/print/poster-a4.pdf?dorp=marum",
        "/staff/campaigns/demo/print/flyers-a6.pdf?dorp=leek",
        "/staff/campaigns/demo/outcome/print/poster-a4.pdf",
    ]


def type_everywhere(texts: list[str]) -> None:
    """Each typed field of each row gets one of the texts, cut to fit its column."""
    index = 0
    for model, fields in TYPED.items():
        for row in db.session.scalars(select(model)):
            for name in fields:
                length = getattr(model.__table__.c[name].type, "length", None)
                setattr(row, name, texts[index % len(texts)][:length])
                index += 1
    db.session.commit()


def assert_a_pdf(response, url: str) -> str:  # type: ignore[no-untyped-def]
    """A 200 with a PDF that opens and has pages; its text."""
    assert response.status_code == 200, url
    assert response.mimetype == "application/pdf", url
    document = pypdfium2.PdfDocument(response.data)
    try:
        assert len(document) >= 1, url
        return " ".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


# The probe's texts, always tried first (hypothesis.example), then random ones.
PROBE_TEXTS = [
    ["Veel \u2029inbraken"],  # the crash: a paragraph separator after a space
    ["Te hard\u2028gereden \ufeff\ufdd0 \u202eredro\u202c 😀 👍🏽 🇳🇱 \u200b"],
]


# How WeasyPrint lays out a text is the same whichever database held it; storing any typed
# text through the forms is fuzzed on both databases (tests/test_fuzz.py).
@pytest.mark.sqlite_only
def test_every_pdf_takes_any_text_in_every_typed_field(app, documents) -> None:
    """The council report (the slowest: four charts, every section) with fewer examples; the
    session memo, the progress report, the proces-verbaal, posters and flyers with more."""
    staff, urls = documents
    type_everywhere(["Zichtbaar"])  # first: the typed fields do reach every PDF
    for url in urls:
        assert "Zichtbaar" in assert_a_pdf(staff.get(url), url), url
    texts = st.lists(ANY_TEXT, min_size=1, max_size=4)
    for chosen, examples in ((urls[:1], 4), (urls[1:], 10)):

        @settings(PDFS, max_examples=examples)
        @given(texts=texts)
        @example(texts=PROBE_TEXTS[0])
        @example(texts=PROBE_TEXTS[1])
        def check(texts: list[str]) -> None:
            type_everywhere(texts)
            for url in chosen:  # noqa: B023 -- run at once, inside this loop turn
                assert_a_pdf(staff.get(url), url)

        check()
