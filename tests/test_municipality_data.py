"""Export and erasure of one whole municipality (issue 29, point 5): B goes, A stays as it was."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import uuid
import zipfile
from datetime import datetime

import openpyxl
import pandas as pd
import pytest
from sqlalchemy import func, select, text

from participation import tenancy
from participation.domain.survey_templates import SAFETY_FEELING
from participation.extensions import db
from participation.models import Municipality, StaffMembership, StaffUser
from participation.renderers.municipality_export import campaign_files
from participation.services import audit
from participation.services.accounts import create_user
from participation.services.ballots import codes
from participation.services.campaigns import associations, indicators
from participation.services.municipality_data import erasure, export
from participation.services.municipality_data.tables import LEFT_OUT, tenant_tables
from participation.services.outcome import outcome
from participation.services.sessions import prioritisation
from participation.services.stands import remarks
from participation.services.surveys import surveys
from participation.tenancy import ACROSS_MUNICIPALITIES
from tests.conftest import FIRST_MUNICIPALITY, csrf_token
from tests.factories import client_on, make_ballots, make_campaign, make_stand, make_tenant

ACROSS = {ACROSS_MUNICIPALITIES: True}
PASSWORD = "een-lang-wachtwoord"
MADE_AT = datetime(2026, 12, 1, 9, 30)
B_HOST = "westerveld.localhost"


def _fill(municipality_id: int, tag: str, area: str | None, ballots: int) -> dict[str, object]:
    """One municipality with a bit of everything: a campaign with ballots, a stand with a
    remark, a survey with answers, an association's view, a session, codes, an indicator,
    staff, audit rows and a logo. Marker strings carry `tag`."""
    marker = f"MARKER-{tag}"
    with tenancy.acting_for(municipality_id):
        admin = create_user(f"{tag.lower()}-admin@example.org", PASSWORD, "admin")
        campaign = make_campaign(municipality=area, slug=f"ivp-{tag.lower()}")
        make_ballots(campaign, ballots)
        make_ballots(campaign, 2, village=campaign.areas[1].slug)
        stand = make_stand(campaign)
        remarks.save(stand, uuid.uuid4(), f"{marker} opmerking", [campaign.themes[0].id])
        village = campaign.areas[0]
        association = associations.register(campaign, village, f"Dorpsbelang {marker}", "", admin)
        associations.submit_view(association, [(campaign.themes[1].id, "reden")], marker)
        survey = surveys.make_survey(SAFETY_FEELING, f"beleving-{tag.lower()}", campaign, admin)
        surveys.set_status(survey, "open", admin)
        first, second = survey.questions[:2]
        surveys.submit(survey, uuid.uuid4(), {first.id: ["7"], second.id: ["8"]})
        session = prioritisation.create(campaign, f"Sessie {marker}", 3, 4, admin)
        settings = outcome.OutcomeSettings(session.id, None, f"{marker} besluit", False, 2027, 2030)
        outcome.save(campaign, settings, admin)
        codes.generate_batch(campaign, 2, "huis-aan-huis", admin)
        theme = campaign.themes[0].id
        indicators.add(
            campaign, indicators.IndicatorInput(theme, "Aangiften", "Politie", [(2022, 3)]), admin
        )
        audit.record(admin, "test.marker", f"{marker} audit")
        row = db.session.scalar(
            select(Municipality)
            .where(Municipality.id == municipality_id)
            .execution_options(**ACROSS)
        )
        row.logo, row.logo_type = f"PNG {marker}".encode(), "image/png"
        db.session.commit()
        return {"campaign": campaign.slug, "admin": admin.id, "marker": marker}


@pytest.fixture
def world(app):  # type: ignore[no-untyped-def]
    """Municipality A (the tests' own, id 1) and B (Westerveld), each filled; an operator
    login in A, a login shared by A and B, and one that works only in B."""
    b = make_tenant()
    a_side = _fill(FIRST_MUNICIPALITY, "A", None, ballots=7)
    b_side = _fill(b, "B", "Westerveld", ballots=5)
    operator = create_user("operator@example.org", PASSWORD, "admin")
    operator.operator = True
    shared = create_user("gedeeld@example.org", PASSWORD, "staff")
    db.session.commit()
    with tenancy.acting_for(b):
        db.session.add(StaffMembership(user_id=shared.id, role="viewer"))
        db.session.commit()
    return {"a": a_side, "b": b, "b_side": b_side, "operator": operator, "shared": shared.id}


def _opened(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        return {name: archive.read(name) for name in archive.namelist()}


def _texts(files: dict[str, bytes]) -> str:
    """Every file's text, a workbook's cells included."""
    shown = []
    for name, data in files.items():
        if name.endswith(".xlsx"):
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
            shown += [str(c) for ws in book for row in ws.iter_rows(values_only=True) for c in row]
        else:
            shown.append(data.decode())
    return "\n".join(shown)


def _rows_of(municipality_id: int) -> dict[str, int]:
    """How many rows each table with a municipality_id holds for it (every table of the
    metadata, asked while working for it, as row-level security wants)."""
    found = {}
    with tenancy.acting_for(municipality_id):
        for table in db.metadata.sorted_tables:
            if "municipality_id" in table.c:
                counted = select(func.count()).where(table.c.municipality_id == municipality_id)
                found[table.name] = db.session.scalar(counted)
    return found


def _logins() -> list[tuple[object, ...]]:
    listed = select(StaffUser.__table__).order_by(StaffUser.id)
    return [tuple(row) for row in db.session.execute(listed)]


def _memberships(municipality_id: int) -> list[tuple[object, ...]]:
    with tenancy.acting_for(municipality_id):
        table = StaffMembership.__table__
        mine = select(table).where(table.c.municipality_id == municipality_id)
        return [tuple(r) for r in db.session.execute(mine.order_by(table.c.id))]


def test_the_export_of_b_holds_all_of_b_and_nothing_of_a(app, world) -> None:
    b = world["b"]
    files = _opened(export.export_zip(b, campaign_files, MADE_AT))
    manifest = json.loads(files.pop("manifest.json"))
    assert manifest["municipality"] == {
        "id": b,
        "slug": "westerveld",
        "name": "Gemeente Westerveld",
    }
    assert manifest["made_at"] == "2026-12-01T09:30:00Z"
    assert manifest["alembic_revision"] and manifest["app_version"]
    listed = {entry["name"]: entry for entry in manifest["files"]}
    assert set(listed) == set(files)
    for name, data in files.items():
        assert hashlib.sha256(data).hexdigest() == listed[name]["sha256"], name
        assert len(data) == listed[name]["bytes"], name
    # A file for every table that holds a municipality's rows, found from the metadata.
    for table in db.metadata.sorted_tables:
        if "municipality_id" in table.c and table.name not in LEFT_OUT:
            rows = pd.read_json(io.BytesIO(files[f"tables/{table.name}.json"]))
            assert len(rows) == listed[f"tables/{table.name}.json"]["rows"], table.name
            if len(rows):
                assert set(rows["municipality_id"]) == {b}, table.name
    counts = _rows_of(b)
    ballots = pd.read_json(io.BytesIO(files["tables/ballot.json"]))
    assert len(ballots) == counts["ballot"] == 7
    assert len(pd.read_json(io.BytesIO(files["tables/survey_answer.json"]))) == 2
    # The contract files of its campaign and survey.
    folder = "campaigns/ivp-b/"
    assert json.loads(files[folder + "results.json"])["ballots"] == 7
    tallies = pd.read_csv(io.BytesIO(files[folder + "tallies.csv"]))
    assert list(tallies.columns) == ["village", "theme_id", "theme", "votes", "ballots", "share"]
    assert tallies[tallies.village == "TOTAL"].ballots.iloc[0] == 7
    assert len(pd.read_csv(io.BytesIO(files[folder + "stemmen.csv"]))) == 7
    assert listed[folder + "stemmen.csv"]["rows"] == 7
    book = openpyxl.load_workbook(io.BytesIO(files[folder + "uitslag.xlsx"]))
    assert {"Totaal", "Per dorp", "Stemmen", "Opmerkingen"} <= set(book.sheetnames)
    assert book["Stemmen"].max_row == 1 + 7  # the header, then the seven ballots
    # The same documents B's own staff get from the API.
    staff_b = client_on(app, B_HOST)
    _log_in(staff_b, "b-admin@example.org")
    for name, url in (
        ("results.json", "/api/v1/campaigns/ivp-b/results"),
        ("outcome.json", "/api/v1/campaigns/ivp-b/outcome"),
    ):
        assert json.loads(files[folder + name]) == staff_b.get(url).get_json(), name
    survey_api = staff_b.get("/api/v1/surveys/beleving-b/results").get_json()
    assert json.loads(files["surveys/beleving-b/results.json"]) == survey_api
    survey = json.loads(files["surveys/beleving-b/results.json"])
    assert survey["respondents"] == 1
    # The municipality with its logo; its logins without passwords.
    row = json.loads(files["municipality.json"])
    assert row["slug"] == "westerveld"
    assert base64.b64decode(row["logo"]) == b"PNG MARKER-B"
    staff = json.loads(files["staff.json"])
    assert [(s["email"], s["role"]) for s in staff] == [
        ("b-admin@example.org", "admin"),
        ("gedeeld@example.org", "viewer"),
    ]
    everything = _texts(files)
    assert "password" not in everything and "pbkdf2" not in everything
    assert "scrypt" not in everything
    assert "MARKER-B opmerking" in everything and "MARKER-B audit" in everything
    assert "MARKER-A" not in everything and "a-admin@example.org" not in everything


def test_the_export_is_the_same_bytes_but_for_the_time_it_was_made(world) -> None:
    first = export.export_zip(world["b"], campaign_files, MADE_AT)
    assert export.export_zip(world["b"], campaign_files, MADE_AT) == first
    later = _opened(export.export_zip(world["b"], campaign_files, datetime(2027, 1, 2)))
    earlier = _opened(first)
    assert earlier.keys() == later.keys()
    changed = [name for name in earlier if earlier[name] != later[name]]
    assert changed == ["manifest.json"]
    assert (
        earlier["manifest.json"].replace(b"2026-12-01T09:30:00Z", b"2027-01-02T00:00:00Z")
        == (later["manifest.json"])
    )


def test_erasing_b_leaves_nothing_of_it_and_a_as_it_was(app, world) -> None:
    b, operator = world["b"], world["operator"]
    a_campaign = world["a"]["campaign"]
    a_export = export.export_zip(FIRST_MUNICIPALITY, campaign_files, MADE_AT)
    client = client_on(app, "localhost")
    _log_in(client, "a-admin@example.org")
    a_tallies = client.get(f"/results/{a_campaign}/tallies.csv")
    assert a_tallies.status_code == 200
    a_rows, a_members = _rows_of(FIRST_MUNICIPALITY), _memberships(FIRST_MUNICIPALITY)
    b_rows = _rows_of(b)
    b_only = db.session.scalar(select(StaffUser.id).where(StaffUser.email == "b-admin@example.org"))
    logins_before = [row for row in _logins() if row[0] != b_only]

    report = erasure.erase(b, "westerveld", operator)

    assert report.slug == "westerveld" and report.rows["ballot"] == 7
    assert report.total_rows == sum(b_rows.values()) and report.logins_removed == 1
    # Every table of the metadata holds nothing of B any more, nor the municipality list.
    assert set(_rows_of(b).values()) == {0}
    assert len(_rows_of(b)) == len(tenant_tables()) > 40
    gone = select(Municipality).where(Municipality.id == b).execution_options(**ACROSS)
    assert db.session.scalar(gone) is None
    assert db.session.get(StaffUser, b_only) is None  # its only membership was B's
    # A: the same rows, counts, logins and export, byte for byte.
    assert _rows_of(FIRST_MUNICIPALITY) == a_rows
    assert _memberships(FIRST_MUNICIPALITY) == a_members
    assert _logins() == logins_before  # the shared login and the operator stay, unchanged
    assert client.get(f"/results/{a_campaign}/tallies.csv").data == a_tallies.data
    assert export.export_zip(FIRST_MUNICIPALITY, campaign_files, MADE_AT) == a_export
    # B's host serves nobody now.
    assert client_on(app, B_HOST).get("/v/ivp-b").status_code == 404


def test_a_wrong_confirmation_deletes_nothing(world) -> None:
    b = world["b"]
    before = (_rows_of(b), _rows_of(FIRST_MUNICIPALITY), _logins())
    for typed in ("Westerveld", "westerveld ", "", "gemeente"):
        with pytest.raises(erasure.ErasureRefused) as refused:
            erasure.erase(b, typed, world["operator"])
        assert refused.value.problems == ["confirmation"]
    assert (_rows_of(b), _rows_of(FIRST_MUNICIPALITY), _logins()) == before


def test_a_row_that_comes_in_meanwhile_stops_the_erasure_whole(world, monkeypatch) -> None:
    """A ballot stored while the erasure runs still names the municipality, whose own row
    then cannot go: the erasure is refused as a whole and nothing is deleted."""
    b = world["b"]
    before = (_rows_of(b), _rows_of(FIRST_MUNICIPALITY), _logins())
    # As if the ballots arrived after their table was emptied: the deletes miss them.
    monkeypatch.setattr(
        erasure, "tenant_tables", lambda: [t for t in tenant_tables() if t.name != "ballot"]
    )
    with pytest.raises(erasure.ErasureRefused) as refused:
        erasure.erase(b, "westerveld", world["operator"])
    assert refused.value.problems == ["busy"]
    assert (_rows_of(b), _rows_of(FIRST_MUNICIPALITY), _logins()) == before


def test_the_only_municipality_and_the_current_one_are_not_erased(app) -> None:
    make_campaign(slug="ivp")
    with pytest.raises(erasure.ErasureRefused) as refused:
        erasure.erase(FIRST_MUNICIPALITY, "gemeente", None)
    assert refused.value.problems == ["current", "only_municipality"]
    with tenancy.acting_for(None), pytest.raises(erasure.ErasureRefused) as alone:
        erasure.erase(FIRST_MUNICIPALITY, "gemeente", None)
    assert alone.value.problems == ["only_municipality"]
    assert _rows_of(FIRST_MUNICIPALITY)["campaign"] == 1


def test_the_commands_export_and_erase_after_the_typed_name(app, world, tmp_path) -> None:
    runner = app.test_cli_runner()
    target = tmp_path / "westerveld.zip"
    made = runner.invoke(args=["export-municipality", "--gemeente", "westerveld", "--out", target])
    assert made.exit_code == 0, made.output
    files = _opened(target.read_bytes())
    assert json.loads(files["manifest.json"])["municipality"]["slug"] == "westerveld"
    wrong = runner.invoke(args=["erase-municipality", "--gemeente", "westerveld"], input="ja\n")
    assert wrong.exit_code == 1
    assert "Niets verwijderd: de getypte korte naam klopt niet" in wrong.output
    assert _rows_of(world["b"])["ballot"] == 7
    typed = runner.invoke(
        args=["erase-municipality", "--gemeente", "westerveld"], input="westerveld\n"
    )
    assert typed.exit_code == 0, typed.output
    assert "Gemeente Westerveld (westerveld) verwijderd: " in typed.output
    assert set(_rows_of(world["b"]).values()) == {0}
    unknown = runner.invoke(
        args=["erase-municipality", "--gemeente", "westerveld", "--confirm", "westerveld"]
    )
    assert unknown.exit_code == 2 and "Onbekende gemeente" in unknown.output


def _log_in(client, email: str) -> None:  # type: ignore[no-untyped-def]
    data = {"csrf_token": csrf_token(client, "/staff/login"), "email": email}
    answer = client.post("/staff/login", data={**data, "password": PASSWORD})
    assert answer.status_code == 302


def test_only_operators_reach_the_install_pages(app, world) -> None:
    admin = client_on(app, "localhost")
    _log_in(admin, "a-admin@example.org")
    assert admin.get("/staff/install/westerveld/export").status_code == 404
    assert admin.get("/staff/install/westerveld/erase").status_code == 404
    token = csrf_token(admin, "/staff/login")
    data = {"csrf_token": token, "confirmation": "westerveld"}
    assert admin.post("/staff/install/westerveld/erase", data=data).status_code == 404
    assert _rows_of(world["b"])["ballot"] == 7
    anonymous = client_on(app, "localhost")
    answer = anonymous.get("/staff/install/westerveld/export")
    assert answer.status_code == 302 and "/staff/login" in answer.headers["Location"]


def test_an_operator_downloads_the_zip_and_erases_after_typing_the_name(app, world) -> None:
    client = client_on(app, "localhost")
    _log_in(client, "operator@example.org")
    download = client.get("/staff/install/westerveld/export")
    assert download.status_code == 200 and download.mimetype == "application/zip"
    assert "westerveld-gegevens-" in download.headers["Content-Disposition"]
    assert "campaigns/ivp-b/uitslag.xlsx" in _opened(download.data)
    assert client.get("/staff/install/onbekend/export").status_code == 404
    page = client.get("/staff/install/westerveld/erase")
    assert page.status_code == 200
    assert "Typ westerveld om te bevestigen." in page.get_data(as_text=True)
    token = csrf_token(client, "/staff/install/westerveld/erase")
    wrong = client.post(
        "/staff/install/westerveld/erase", data={"csrf_token": token, "confirmation": "Westerveld"}
    )
    assert wrong.status_code == 400
    assert "Wat u typte is niet precies de korte naam" in wrong.get_data(as_text=True)
    empty = client.post("/staff/install/westerveld/erase", data={"csrf_token": token})
    assert empty.status_code == 400
    no_token = client.post("/staff/install/westerveld/erase", data={"confirmation": "westerveld"})
    assert no_token.status_code == 400
    assert _rows_of(world["b"])["ballot"] == 7
    done = client.post(
        "/staff/install/westerveld/erase", data={"csrf_token": token, "confirmation": "westerveld"}
    )
    assert done.status_code == 303
    assert set(_rows_of(world["b"]).values()) == {0}
    shown = client.get(done.headers["Location"]).get_data(as_text=True)
    assert "Gemeente Westerveld (westerveld) is verwijderd: " in shown
    # Erasing recorded nothing in A's audit log (it would show A's admins something of B).
    with tenancy.acting_for(FIRST_MUNICIPALITY):
        logged = db.session.execute(text("SELECT action FROM audit_event")).scalars().all()
    assert not any("erase" in action for action in logged)


def test_an_operator_cannot_erase_the_municipality_whose_address_it_works_on(app, world) -> None:
    b = world["b"]
    with tenancy.acting_for(b):
        db.session.add(StaffMembership(user_id=world["operator"].id, role="admin"))
        db.session.commit()
    there = client_on(app, B_HOST)
    _log_in(there, "operator@example.org")
    token = csrf_token(there, "/staff/install/westerveld/erase")
    answer = there.post(
        "/staff/install/westerveld/erase", data={"csrf_token": token, "confirmation": "westerveld"}
    )
    assert answer.status_code == 400
    assert "U werkt nu in deze gemeente" in answer.get_data(as_text=True)
    assert _rows_of(b)["ballot"] == 7


def test_a_login_another_municipality_still_names_is_kept(world) -> None:
    """A login that once worked in A (A's audit log names it) and now only in B loses its
    membership with B, but stays: deleting it would take a row of A's log with it."""
    b = world["b"]
    with tenancy.acting_for(b):
        former = create_user("vroeger-a@example.org", PASSWORD, "staff")
    audit.record(former, "test.former", "worked in A once")
    db.session.commit()
    report = erasure.erase(b, "westerveld", world["operator"])
    assert (report.logins_removed, report.logins_kept) == (1, 1)
    kept = db.session.scalar(select(StaffUser).where(StaffUser.email == "vroeger-a@example.org"))
    assert kept is not None and kept.role is None  # it counts for nothing in A
    with tenancy.acting_for(FIRST_MUNICIPALITY):
        named = select(func.count()).where(StaffMembership.user_id == kept.id)
        assert db.session.scalar(named) == 0
