"""Consistent backups while the app runs: SQLite's online backup, or pg_dump for PostgreSQL."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from sqlalchemy.engine import make_url

from participation.row_security import INSTALL_READ_SETTING as INSTALL_READ


def default_name(database_url: str, folder: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    suffix = "sqlite" if database_url.startswith("sqlite") else "dump"
    return folder / f"participation-{stamp}.{suffix}"


def backup(database_url: str, output: Path) -> Path:
    """Write a consistent copy of the database to `output` and return it.

    SQLite: the online backup API copies a snapshot page by page while writers go on.
    PostgreSQL: pg_dump in custom format, one transaction, so also one consistent snapshot.
    """
    output.parent.mkdir(parents=True, exist_ok=True)
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        source = sqlite3.connect(f"file:{url.database}?mode=ro", uri=True)
        target = sqlite3.connect(output)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        return output
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise RuntimeError("pg_dump is not installed (apt-get install postgresql-client)")
    # Row-level security shows a session no municipality's rows unless it reads for the whole
    # install (migration 0032's install_read policy, for reading only). In the URL's options,
    # which would otherwise win over PGOPTIONS.
    options = f"{url.query.get('options', '')} -c {INSTALL_READ}=on".strip()
    plain = url.set(drivername="postgresql").difference_update_query(["options"])
    joiner = "&" if plain.query else "?"
    # libpq reads %20 as a space, never '+' (which SQLAlchemy's URL would write).
    libpq = f"{plain.render_as_string(hide_password=False)}{joiner}options={quote(options)}"
    subprocess.run(
        [
            pg_dump,
            "--format=custom",
            "--no-owner",
            "--enable-row-security",
            f"--file={output}",
            f"--dbname={libpq}",
        ],
        check=True,
        capture_output=True,
    )
    return output
