"""App-wide behaviour: configuration, headers and translations."""

from pathlib import Path

from babel.messages.pofile import read_po

from participation import with_psycopg_driver

PO_FILE = Path(__file__).parents[1] / "participation/translations/nl/LC_MESSAGES/messages.po"


def test_plain_postgres_urls_use_psycopg_3() -> None:
    assert with_psycopg_driver("postgres://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    assert with_psycopg_driver("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert with_psycopg_driver("sqlite:///x.sqlite") == "sqlite:///x.sqlite"


def test_every_message_has_a_dutch_translation() -> None:
    with PO_FILE.open("rb") as handle:
        catalog = read_po(handle)
    untranslated = [
        message.id
        for message in catalog
        if message.id
        and (not message.string or (isinstance(message.string, tuple) and not all(message.string)))
    ]
    assert untranslated == []
    assert not [m.id for m in catalog if m.id and m.fuzzy]


def test_pages_send_a_strict_content_security_policy(client, demo) -> None:
    response = client.get("/v/demo")
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_the_catalogue_holds_every_message_in_the_code() -> None:
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir

    root = PO_FILE.parents[4]
    keywords = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None}
    found = set()
    for folder, pattern, method in (
        ("participation", "**.py", "python"),
        ("templates", "**.html", "jinja2"),
    ):
        for _, _, message, _, _ in extract_from_dir(
            root / folder, [(pattern, method)], keywords=keywords
        ):
            found.add(message if isinstance(message, str) else message[0])
    with PO_FILE.open("rb") as handle:
        known = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}
    assert len(found) > 50
    assert found - known == set(), "run `make extract-messages` and translate"


def test_every_catalogue_compiles_without_errors() -> None:
    """What `pybabel compile --use-fuzzy` (make, a fresh clone) checks: placeholders agree."""
    for po in PO_FILE.parents[2].glob("*/LC_MESSAGES/messages.po"):
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=po.parent.parent.name)
        problems = [(message.id, [str(e) for e in errors]) for message, errors in catalog.check()]
        assert problems == [], po


def test_no_page_repeats_the_csrf_fields_id(app, demo) -> None:
    """Pages with many small forms (the programme, the campaign) gave 13 id="csrf_token"."""
    from tests.conftest import login_as

    staff = login_as(app.test_client(), "admin")
    for path in ("/staff/campaigns/demo", "/staff/campaigns/demo/programme", "/staff/accounts"):
        page = staff.get(path).get_data(as_text=True)
        assert 'name="csrf_token"' in page, path
        assert 'id="csrf_token"' not in page, path
    assert staff.get("/staff/campaigns/demo").get_data(as_text=True).count('"csrf_token"') > 12
