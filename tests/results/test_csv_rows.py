"""Every CSV keeps each row on one line and runs nothing: read with Python's csv module and
opened in LibreOffice Calc, as municipal staff would, whatever residents and staff typed."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from participation.extensions import db
from tests.conftest import answer_demo_survey, login_as, send_ballot

pytestmark = pytest.mark.sqlite_only  # how it is drawn: the same from either database

# A line break inside a cell, then what a spreadsheet would run at the start of a line.
HOSTILE = ["Veilig\r=1+1", "Rustig\n@SUM(A1)", "Licht\r\n-2+3", "Schoon\u2028+4"]
CSVS = [
    "/results/demo/tallies.csv",
    "/results/demo/stemmen.csv",
    "/s/demo-vragenlijst/resultaten.csv",
]


@pytest.fixture
def hostile_csvs(app, demo):  # type: ignore[no-untyped-def]
    for theme, title in zip(demo.themes, HOSTILE, strict=False):
        theme.title = title
    db.session.commit()
    for _ in range(5):
        send_ballot(app.test_client(), demo, village="leek")
    answer_demo_survey('goed\r=HYPERLINK("http://evil.example")\nen verder')
    staff = login_as(app.test_client(), "staff")
    found = {}
    for url in CSVS:
        for variant in ("", "?format=excel"):
            response = staff.get(url + variant)
            assert response.status_code == 200, url
            found[url + variant] = response.get_data(as_text=True)
    return found


def _rows(text: str, delimiter: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter))


def test_no_cell_holds_a_line_break_or_starts_a_formula(hostile_csvs) -> None:
    for url, text in hostile_csvs.items():
        rows = _rows(text, ";" if "excel" in url else ",")
        # As many rows as lines: no cell spans two.
        assert len(rows) == len(text.strip("\r\n").splitlines()), url
        width = {len(row) for row in rows if row}
        assert len(width) == 1, (url, width)
        for row in rows:
            for cell in row:
                assert "\r" not in cell and "\n" not in cell and "\u2028" not in cell, url
                assert not cell.startswith(("=", "+", "-", "@")), (url, cell)
    titles = {row[2] for row in _rows(hostile_csvs["/results/demo/tallies.csv"], ",")[1:]}
    assert "Veilig =1+1" in titles and "Licht -2+3" in titles  # kept, on one line


def _libreoffice() -> str | None:
    found = shutil.which("soffice")
    if found is None and os.environ.get("REQUIRE_LIBREOFFICE") == "1":
        pytest.fail("LibreOffice (soffice) is required but not installed")
    return found


def test_libreoffice_opens_every_csv_with_the_same_rows_and_no_formula(
    hostile_csvs, tmp_path: Path
) -> None:
    soffice = _libreoffice()
    if soffice is None:
        pytest.skip("LibreOffice is not installed (CI installs it)")
    profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"
    for separator, variant in ((44, ""), (59, "?format=excel")):
        folder = tmp_path / str(separator)
        folder.mkdir()
        names = {}
        for index, url in enumerate(CSVS):
            name = folder / f"file{index}.csv"
            name.write_bytes(hostile_csvs[url + variant].encode("utf-8"))
            names[name] = url + variant
        subprocess.run(
            [
                soffice,
                profile,
                "--headless",
                f"--infilter=CSV:{separator},34,76,1",
                "--convert-to",
                "xlsx",
                "--outdir",
                str(folder),
                *map(str, names),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        for name, url in names.items():
            sheet = load_workbook(name.with_suffix(".xlsx")).active
            cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
            assert not [c.coordinate for c in cells if c.data_type == "f"], url
            expected = _rows(hostile_csvs[url], chr(separator))
            assert sheet.max_row == len(expected), url
