"""A real Chromium driven by Playwright: Debian's headless build of it (chromium-headless-shell)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

from tests.conftest import migrated_database

# Chromium's own headless build, the one Playwright itself runs headless: the same Blink and V8
# as the browser, without the desktop browser's shell. The full `chromium` (CHROMIUM_PATH) took
# about half as much CPU again for the same tests (ABAB on 30 of them, 2026-12-03).
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium-headless-shell")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """Browser tests run on SQLite only; the other tests cover both backends."""
    return migrated_database("sqlite", tmp_path_factory, getattr(request.config, "cache", None))


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"Chromium is required but missing at {CHROMIUM}")
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium-headless-shell)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def phone(chromium):  # type: ignore[no-untyped-def]
    """A fresh phone-sized page with Dutch as the browser language."""
    context = chromium.new_context(viewport=PHONE, locale="nl-NL", has_touch=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone_without_js(chromium):  # type: ignore[no-untyped-def]
    context = chromium.new_context(locale="nl-NL", viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()
