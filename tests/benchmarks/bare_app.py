"""The reference point for the ballot benchmark: a bare Flask view with sqlite3 inserts.

It stores the same rows as the real app (the phone's count, a ballot and its choices, in one
transaction) over one persistent sqlite3 connection per worker, with the same pragmas, and
nothing else: no CSRF, no validation, no ORM. It is the ceiling for this stack, not a product.
"""

import hashlib
import hmac
import os
import secrets
import sqlite3
import uuid
from datetime import UTC, datetime

from flask import Flask, redirect, request

app = Flask(__name__)
_connection: sqlite3.Connection | None = None
_ids: dict[str, int] = {}


def connection() -> sqlite3.Connection:
    global _connection
    if _connection is None:
        _connection = sqlite3.connect(os.environ["BARE_DB"], isolation_level=None)
        for pragma in (
            "journal_mode=WAL",
            "busy_timeout=5000",
            "foreign_keys=ON",
            "synchronous=NORMAL",
        ):
            _connection.execute(f"PRAGMA {pragma}")
        _ids.update(_connection.execute("SELECT slug, id FROM area").fetchall())
    return _connection


@app.get("/v/demo")
def form() -> str:
    return '<input name="csrf_token" type="hidden" value="unused">'


@app.post("/v/demo")
def submit():  # type: ignore[no-untyped-def]
    db = connection()
    # A new phone each time, counted as the app counts it.
    device = hmac.new(b"bare", secrets.token_bytes(16), hashlib.sha256).hexdigest()[:32]
    db.execute("BEGIN IMMEDIATE")
    (seq,) = db.execute(
        "INSERT INTO device_tally (municipality_id, campaign_id, device_hash, ballots)"
        " VALUES (1, 1, ?, 1)"
        " ON CONFLICT DO UPDATE SET ballots = ballots + 1 RETURNING ballots",
        (device,),
    ).fetchone()
    cursor = db.execute(
        "INSERT INTO ballot (ballot_key, municipality_id, campaign_id, area_id, channel,"
        " trust_level, created_at, device_seq) VALUES (?, 1, 1, ?, 'web', 'device', ?, ?)",
        (
            uuid.UUID(request.form["ballot_key"]).hex,
            _ids.get(request.form["village"]),
            datetime.now(UTC).replace(tzinfo=None).isoformat(" "),
            seq,
        ),
    )
    db.executemany(
        "INSERT INTO ballot_choice (municipality_id, ballot_id, theme_id) VALUES (1, ?, ?)",
        [(cursor.lastrowid, int(theme)) for theme in request.form.getlist("theme")],
    )
    db.execute("COMMIT")
    return redirect("/v/demo/bedankt", code=303)
