"""The isolation walk's tools: URLs of every rule filled with one municipality's values,
a fingerprint of one municipality's rows, and the text of any body a route answers."""

from __future__ import annotations

import hashlib
import io
import itertools
import json
import re
import zipfile
from collections.abc import Iterator, Mapping
from typing import Any

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text
from werkzeug.routing import Rule
from werkzeug.wrappers import Response

from participation import tenancy
from participation.extensions import db, limiter
from tests.isolation.world import Side, shape

# Rules the walk cannot fill with a municipality's values, and why. Every other rule is
# filled; a new rule that is neither fails test_every_rule_is_walked_or_excluded.
EXCLUDED = {
    "static": "the install's own CSS, JavaScript and images: no municipality's data",
    "staff.job_try_again": (
        "a job id of the mail queue (Redis), not a row: tests/isolation/test_job_queue.py "
        "retries B's failed job from A's host (a 404) and reads A's queue page"
    ),
}
# Rules that take no value of a municipality: A's own pages. They are fetched with A's values
# (nothing of B may show) and posted to (nothing of B may change), but are no test of B's ids.
# Logging out is not posted: it would end the walker's session halfway.
NOT_POSTED = {"staff.logout": "ends the session the walk uses"}

# The valid values of the arguments that name no row (a wrong one is a 404 before any row is
# looked up, which would prove nothing), per endpoint. A new endpoint with such an argument
# must be listed here, or the walk cannot fill it.
FIXED: dict[tuple[str, str], tuple[str, ...]] = {
    ("results.chart", "name"): ("totaal", "dorpen", "warmtekaart", "kanalen"),
    ("results.chart", "fmt"): ("png", "svg"),
    ("region.results_chart", "fmt"): ("png", "svg"),
    ("results.excel", "kind"): ("uitslag", "totalen"),
    ("results.progress_file", "fmt"): ("pdf", "xlsx"),
    ("surveys.question_chart", "fmt"): ("png", "svg"),
    ("surveys.moderate", "action"): ("verbergen", "tonen", "vrijgeven", "intrekken"),
    ("staff.qr_image", "fmt"): ("svg", "png"),
    ("staff.print_file", "kind"): ("poster-a4", "poster-a3", "flyers-a6"),
    ("staff.print_file", "fmt"): ("pdf", "png"),
    ("staff.outcome_print", "kind"): ("poster-a4", "poster-a3", "flyers-a6"),
    ("staff.outcome_print", "fmt"): ("pdf", "png"),
    ("staff.outcome_publication", "action"): ("publish", "withdraw", "mail"),
    ("staff.session_report_file", "fmt"): ("pdf", "xlsx"),
    ("staff.session_round", "action"): ("close", "next"),
    ("staff.old_path", "kind"): ("poster-a4",),
    ("staff.old_path", "fmt"): ("pdf",),
}
# Arguments whose values are the same in every municipality and every route.
ANY_ROUTE = {"language": ("en",)}
SURVEY_PREFIXES = ("/s/", "/staff/surveys", "/api/v1/surveys")
INSTALL_PREFIX = "/staff/install"


class CannotFill(LookupError):
    """The walk has no value for an argument of this rule."""


def rules(app: Flask) -> list[Rule]:
    return sorted(app.url_map.iter_rules(), key=lambda r: (r.rule, r.endpoint))


def _slugs(rule: Rule, side: Side, aliases: bool) -> tuple[str, ...]:
    if rule.rule.startswith(SURVEY_PREFIXES):
        return (side.slugs["survey"],)
    if rule.rule.startswith(INSTALL_PREFIX):
        return (side.slugs["municipality"],)
    # The open campaign, the published one (results, outcome, releases), an old short name.
    found = (side.slugs["campaign"], side.slugs["published"])
    return (*found, side.slugs["alias"]) if aliases else found


def _choices(rule: Rule, name: str, side: Side, aliases: bool) -> tuple[object, ...]:
    if name == "slug":
        return _slugs(rule, side, aliases)
    if name == "token":
        found = [v for k, v in side.tokens.items() if rule.rule.startswith(k)]
        if not found:
            raise CannotFill(f"{rule.endpoint}: no token for {rule.rule}")
        return (found[0],)
    if name in side.values:
        return (side.values[name],)
    fixed = FIXED.get((rule.endpoint, name)) or ANY_ROUTE.get(name)
    if fixed is None:
        raise CannotFill(f"{rule.endpoint}: no value for <{name}> in {rule.rule}")
    return fixed


def urls(rule: Rule, side: Side, aliases: bool = True) -> list[str]:
    """The rule's URL for every combination of the side's values (CannotFill if it has none);
    without `aliases`, a campaign is named by its short names of today only."""
    names = sorted(rule.arguments)
    options = [_choices(rule, name, side, aliases) for name in names]
    built = []
    for combination in itertools.product(*options):
        built.append(rule.build(dict(zip(names, combination, strict=True)), append_unknown=False))
    return [url for _, url in (b for b in built if b is not None)]


def fingerprint(side: Side) -> tuple[dict[str, int], str]:
    """Row counts per table and a hash of every row that is the side's (its own rows, its
    municipality row, its logins), read as that municipality."""
    digest = hashlib.sha256()
    counts: dict[str, int] = {}
    db.session.rollback()
    with tenancy.acting_for(side.id):
        for table in db.metadata.sorted_tables:
            if "municipality_id" in table.c:
                where = f"WHERE municipality_id = {int(side.id)}"
            elif table.name == "municipality":
                where = f"WHERE id = {int(side.id)}"
            elif table.name == "region":
                where = (
                    f"WHERE id IN (SELECT region_id FROM municipality WHERE id = {int(side.id)})"
                )
            elif "region_id" in table.c:
                where = (
                    "WHERE region_id IN "
                    f"(SELECT region_id FROM municipality WHERE id = {int(side.id)})"
                )
            elif table.name == "staff_user":
                where = f"WHERE email LIKE '{side.low}-%'"
            else:
                raise AssertionError(f"table {table.name} has no owner the walk knows")
            # In a fixed order: by the key, or by every column a database can order by.
            keys = list(table.primary_key.columns) or [
                c for c in table.c if not isinstance(c.type, sa.JSON)
            ]
            order = ", ".join(f'"{column.name}"' for column in keys)
            query = f'SELECT * FROM "{table.name}" {where} ORDER BY {order}'
            found = db.session.execute(text(query))
            rows = found.all()
            counts[table.name] = len(rows)
            digest.update(f"{table.name}:{rows!r}".encode())
        db.session.rollback()
    return counts, digest.hexdigest()


def body_text(response: Response) -> tuple[str, str]:
    """(kind, text) of a body: HTML, JSON, CSV and SVG as text, a workbook's cells, a PDF's
    text, a zip's members; PNG's bytes as Latin-1 (its text chunks)."""
    kind = response.mimetype or ""
    data = response.get_data()
    if kind == "application/pdf":
        return "pdf", _pdf_text(data)
    if kind.endswith("spreadsheetml.sheet"):
        return "xlsx", _workbook_text(data)
    if kind == "application/zip":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "zip", "\n".join(archive.read(n).decode("latin-1") for n in archive.namelist())
    if kind.startswith("image/png"):
        return "png", data.decode("latin-1")
    if kind == "application/json":
        # Escaped non-ASCII must not hide a marker: read it back as text.
        return "json", json.dumps(json.loads(data), ensure_ascii=False)
    short = kind.split("/")[-1].split("+")[0] or "empty"
    return {"javascript": "js", "plain": "text"}.get(short, short), data.decode("utf-8")


def _pdf_text(data: bytes) -> str:
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def _workbook_text(data: bytes) -> str:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    return "\n".join(_cells(book))


def _cells(book: Any) -> Iterator[str]:
    for sheet in book.worksheets:
        yield sheet.title
        for row in sheet.iter_rows(values_only=True):
            yield "\t".join("" if cell is None else str(cell) for cell in row)


def markers_in(body: str, side: Side, asked: str = "") -> list[str]:
    """The side's markers found in a text: its typed texts, its slugs, addresses, host. A
    short name the request itself named (`asked`, its URL) may be said back."""
    for slug in side.slugs.values():
        if slug in asked:
            body = body.replace(slug, "")
    found = []
    for marker in (f"{side.marker}-", f"{side.low}-"):
        at = body.find(marker)
        if at >= 0:
            found.append(body[max(0, at - 60) : at + 40])
    return found


def cross_references(*municipality_ids: int) -> list[str]:
    """Rows of these municipalities that point at a row of another (by any foreign key
    between two tenant tables). Asked as each municipality in turn, so that on PostgreSQL,
    where row-level security shows a transaction only its own rows, the other's row is as
    missing as on SQLite it is foreign."""
    found = []
    for municipality_id in municipality_ids:
        db.session.rollback()
        with tenancy.acting_for(municipality_id):
            for table in db.metadata.sorted_tables:
                if "municipality_id" not in table.c:
                    continue
                for key in table.foreign_keys:
                    target, column = key.column.table, key.parent.name
                    if "municipality_id" not in target.c or key.column.name != "id":
                        continue
                    query = (
                        f'SELECT count(*) FROM "{table.name}" t WHERE t."{column}" IS NOT NULL '
                        f"AND t.municipality_id = {int(municipality_id)} "
                        f'AND NOT EXISTS (SELECT 1 FROM "{target.name}" r '
                        f'WHERE r.id = t."{column}" AND r.municipality_id = t.municipality_id)'
                    )
                    if mixed := db.session.execute(text(query)).scalar():
                        found.append(f"{table.name}.{column} -> {target.name}: {mixed} rows")
            db.session.rollback()
    return found


# Redirects for any value (an old address, the outcome's short link): the walk follows them
# to the page that then looks the value up.
FOLLOWED = {"staff.old_path", "info.outcome_short_link"}
CSRF = re.compile(r'(name="csrf_token"[^>]*value=|csrf-token" content=)"[^"]*"')


def ghost_of(side: Side) -> Side:
    """Values that name nothing at all, shaped as the side's: what a made-up id gets."""
    ghost = shape()
    ghost.id, ghost.host, ghost.colour = side.id, side.host, side.colour
    return ghost


def ask(
    client: FlaskClient, rule: Rule, method: str, url: str, data: Mapping[str, object]
) -> Response:
    """The answer as a browser ends up with it; a view that raised is noted as a 500."""
    limiter.reset()  # the walk asks far more often than any rate limit allows
    try:
        found = client.get(url) if method == "GET" else client.post(url, data=data)
        while rule.endpoint in FOLLOWED and found.status_code in (301, 302, 303):
            location = found.headers["Location"]
            if "/staff/login" in location:
                break
            found = client.get(location)
    except Exception as crash:  # a 500 in production: a finding of the walk, not its end
        db.session.rollback()
        return Response(repr(crash), 500)
    return found


def page_text(answer: Response) -> str:
    """The page without its CSRF tokens (new in every answer)."""
    return CSRF.sub("", answer.get_data(as_text=True))
