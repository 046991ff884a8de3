"""Heavy libraries load only where a chart, PDF or workbook is made, not at start or in domain."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Each costs a noticeable part of a second to import; a gunicorn worker, a `flask` command and
# the fast test lane should not pay for them before the first chart, PDF or workbook.
HEAVY = ("matplotlib", "weasyprint", "openpyxl", "pandas")

START_APP = """
from config import TestingConfig
from participation import create_app
create_app(TestingConfig, SQLALCHEMY_DATABASE_URI="sqlite://")
"""
IMPORT_DOMAIN = """
import pkgutil, importlib, participation.domain as domain
for module in pkgutil.walk_packages(domain.__path__, "participation.domain."):
    importlib.import_module(module.name)
"""


def heavy_after(code: str, tmp_path: Path) -> list[str]:
    """The heavy libraries a fresh interpreter has imported once `code` has run."""
    report = f"import json, sys\nprint(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    probe = f"{code}\n{report}"
    env = {**os.environ, "INSTANCE_PATH": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_the_probe_sees_a_heavy_import(tmp_path: Path) -> None:
    assert heavy_after("import participation.renderers.charts", tmp_path) == ["matplotlib"]


def test_starting_the_app_imports_no_chart_pdf_or_workbook_library(tmp_path: Path) -> None:
    assert heavy_after(START_APP, tmp_path) == []


def test_the_domain_imports_no_chart_pdf_or_workbook_library(tmp_path: Path) -> None:
    assert heavy_after(IMPORT_DOMAIN, tmp_path) == []


@pytest.mark.parametrize("module", ["participation.web.labels", "participation.renderers.words"])
def test_pages_that_only_name_chart_words_draw_nothing(module: str, tmp_path: Path) -> None:
    assert heavy_after(f"import {module}", tmp_path) == []
