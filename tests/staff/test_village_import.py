"""Staff import villages from a CSV file: a preview that stores nothing, then a confirmation."""

from __future__ import annotations

import io
import re

import pytest
from sqlalchemy import func, select

from participation.extensions import db
from participation.models import Area, AuditEvent
from tests.conftest import csrf_token, login_as

URL = "/staff/villages/import"
HIDDEN_TEXT = re.compile(r'<input type="hidden" name="text" value="([^"]*)">')
GOOD = "naam;slug;inwoners;postcodes\nEzinge;;1.650;9891\nLeek;;10.000;9351 9354\n"


def villages() -> int:
    return db.session.scalar(select(func.count()).select_from(Area)) or 0


def village(slug: str) -> Area | None:
    return db.session.scalar(select(Area).where(Area.slug == slug))


@pytest.fixture
def staff(app, demo):  # type: ignore[no-untyped-def]
    return login_as(app.test_client(), "staff")


def upload(client, data: bytes, name: str = "dorpen.csv"):  # type: ignore[no-untyped-def]
    form = {"csrf_token": csrf_token(client, URL), "file": (io.BytesIO(data), name)}
    return client.post(URL, data=form, content_type="multipart/form-data")


def paste(client, text: str, **extra: str):  # type: ignore[no-untyped-def]
    form = {"csrf_token": csrf_token(client, URL), "text": text, **extra}
    return client.post(URL, data=form, content_type="multipart/form-data")


def test_the_import_page_offers_a_file_and_a_text_field(staff) -> None:
    page = staff.get(URL).get_data(as_text=True)
    assert 'type="file"' in page and 'name="file"' in page and 'name="text"' in page


def test_the_preview_stores_nothing_and_confirming_stores_the_good_lines(staff) -> None:
    before = villages()
    preview = upload(staff, ("\ufeff" + GOOD + "Oude Pekela;;=1+1;\n").encode())
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200
    assert "Voorbeeld: er is nog niets opgeslagen" in page
    assert '<th scope="row">Ezinge</th>' in page and "Inwoners: 9800 → 10000" in page
    assert "1 geweigerde regel: wordt niet opgeslagen" in page
    assert '<th scope="row" class="num">4</th>' in page and "formule" in page
    assert 'name="confirm" value="1"' in page
    assert villages() == before and village("ezinge") is None
    carried = HIDDEN_TEXT.search(page).group(1)
    stored = paste(staff, carried.replace("&#34;", '"').replace("&#39;", "'"), confirm="1")
    assert stored.status_code == 303 and stored.headers["Location"] == "/staff/villages"
    assert village("ezinge").population == 1650
    leek = village("leek")
    assert (leek.population, leek.postcodes) == (10000, "9351 9354")
    assert village("oude-pekela") is None  # a refused line is never stored
    assert villages() == before + 1
    done = staff.get("/staff/villages").get_data(as_text=True)
    assert "1 dorpen toegevoegd en 1 gewijzigd." in done
    assert "area.import" in set(db.session.scalars(select(AuditEvent.action)))


def test_a_pasted_comma_list_works_too(staff) -> None:
    response = paste(staff, 'Name,Population\nWinsum,"7,000"\n', confirm="1")
    assert response.status_code == 422  # 7,000 is not a whole number: nothing to store
    assert village("winsum") is None
    assert paste(staff, "Name,Population\nWinsum,7000\n", confirm="1").status_code == 303
    assert village("winsum").population == 7000


def test_a_cp1252_file_is_refused_whole_with_advice(staff) -> None:
    before = villages()
    response = upload(staff, "naam;postcodes\nPieterbüren;9968\n".encode("cp1252"))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "niet als UTF-8 opgeslagen" in page and "CSV UTF-8" in page
    assert 'name="confirm"' not in page and villages() == before


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("dorp;inwoners\nEzinge;10\n", "onbekende kolom: dorp"),
        ("inwoners\n10\n", "ten minste naam"),
        ("", "Kies een CSV-bestand"),
        ("naam\n" + "Dorp\n" * 2_001, "te groot"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_whole(staff, text: str, message: str) -> None:
    before = villages()
    response = paste(staff, text)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert villages() == before


def test_refused_lines_carry_their_own_line_numbers_and_reasons(staff) -> None:
    text = (
        "naam;postcodes\n"  # line 1
        "Ezinge;9891\n"
        "\n"  # an empty line still counts
        "Winsum;9891\n"  # 4: the postcode of line 2
        "Ezinge;\n"  # 5: line 2 again
        "@SUM(1);\n"  # 6: a formula
        "Baflo;98\n"  # 7: not 4 digits
    )
    page = paste(staff, text).get_data(as_text=True)
    assert "Postcode 9891 staat ook bij Ezinge op regel 2." in page
    assert "Regel 2 gaat over hetzelfde dorp." in page
    for line in (4, 5, 6, 7):
        assert f'<th scope="row" class="num">{line}</th>' in page
    assert "Geef postcodes van 4 cijfers" in page


def test_only_refused_lines_is_a_422_with_nothing_to_confirm(staff) -> None:
    before = villages()
    response = paste(staff, "naam\n=cmd|' /C calc'!A0\n")
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "Er kan niets worden geïmporteerd" in page
    assert 'name="confirm"' not in page
    assert paste(staff, "naam\n=cmd\n", confirm="1").status_code == 422
    assert villages() == before


def test_a_control_character_stays_refused_after_the_preview(staff) -> None:
    before = villages()
    page = upload(staff, b"naam\nEzinge\nWin\x01sum\n").get_data(as_text=True)
    assert "stuurteken" in page
    carried = HIDDEN_TEXT.search(page).group(1)
    assert "\x01" not in carried and "\ufffd" in carried
    assert paste(staff, carried, confirm="1").status_code == 303
    assert village("ezinge") is not None and village("winsum") is None
    assert villages() == before + 1
