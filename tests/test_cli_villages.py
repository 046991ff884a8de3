"""`flask villages import FILE [--dry-run]`: the browser's import from a shell."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from participation.extensions import db
from participation.models import Area, AuditEvent


def villages() -> int:
    return db.session.scalar(select(func.count()).select_from(Area)) or 0


def write(tmp_path: Path, text: str, encoding: str = "utf-8-sig") -> str:
    path = tmp_path / "kernen.csv"
    path.write_text(text, encoding=encoding)
    return str(path)


def test_a_good_file_is_stored_and_audited_as_the_command_line(app, demo, tmp_path) -> None:
    before = villages()
    path = write(tmp_path, "naam;inwoners;postcodes\nEzinge;1.650;9891\nLeek;10.000;\n")
    result = app.test_cli_runner().invoke(args=["villages", "import", path])
    assert result.exit_code == 0, result.output
    assert "line 2: add Ezinge (ezinge)" in result.output
    assert "line 3: change Leek: population 9800 -> 10000" in result.output
    assert "Stored: 1 added, 1 changed." in result.output
    assert villages() == before + 1
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "area.import"))
    assert event.actor_id is None and "command line (kernen.csv)" in event.details


def test_a_refused_line_stores_nothing_and_exits_with_1(app, demo, tmp_path) -> None:
    before = villages()
    path = write(tmp_path, "naam;postcodes\nEzinge;9891\nWinsum;98\n=1+1;\n")
    result = app.test_cli_runner().invoke(args=["villages", "import", path])
    assert result.exit_code == 1
    assert "line 3: REFUSED" in result.output and "4 cijfers" in result.output
    assert "lines 3, 4 were refused" in result.output
    assert villages() == before


def test_a_cp1252_file_is_refused_with_advice(app, demo, tmp_path) -> None:
    path = write(tmp_path, "naam\nPieterbüren\n", encoding="cp1252")
    result = app.test_cli_runner().invoke(args=["villages", "import", path])
    assert result.exit_code == 1 and "CSV UTF-8" in result.output


def test_a_dry_run_stores_nothing(app, demo, tmp_path) -> None:
    before = villages()
    path = write(tmp_path, "name,population\nEzinge,1650\n")
    result = app.test_cli_runner().invoke(args=["villages", "import", path, "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "line 2: add Ezinge" in result.output and "Dry run: nothing stored." in result.output
    assert villages() == before
