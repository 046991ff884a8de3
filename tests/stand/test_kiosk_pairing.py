"""A kiosk is a paired tablet, not a link: pairing, revoking, the pace, and the probe's flood.

The probe (issue 26): with the kiosk link copied from a tablet's address bar, five POSTs of 200
ballots stored 1,000 stand ballots in seconds; they escaped the burst signals, no exclusion
could remove them, and `queued=99999` was shown to staff as it came.
"""

from __future__ import annotations

import base64
import hashlib
import re
import time
import uuid
from datetime import timedelta

from sqlalchemy import func, select

from participation.extensions import db
from participation.models import AuditEvent, Ballot, KioskDevice, KioskPairing, Remark
from participation.renderers.qr import qr_svg
from participation.timeutil import utcnow
from tests.conftest import add_stand, csrf_token, login_as, paired_kiosk, send_ballot

NOT_PAIRED = (
    "Deze tablet is niet gekoppeld aan de stand. Vraag een medewerker om hem te koppelen. "
    "Er is niets opgeslagen."
)


def ballot(demo, village: str = "marum", **extra) -> dict:  # type: ignore[no-untyped-def]
    return {
        "ballot_key": str(uuid.uuid4()),
        "village": village,
        "themes": [t.id for t in demo.themes[:6]],
        **extra,
    }


def count(model) -> int:  # type: ignore[no-untyped-def]
    return db.session.scalar(select(func.count()).select_from(model)) or 0


def secret_of(client, stand) -> str:  # type: ignore[no-untyped-def]
    return client.get_cookie("kiosk_tablet", path=f"/stand/{stand.token}").value


def sync(client, stand, ballots, **extra):  # type: ignore[no-untyped-def]
    return client.post(f"/stand/{stand.token}/ballots", json={"ballots": ballots, **extra})


def last_audit() -> AuditEvent:
    return db.session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()


def test_a_copied_kiosk_link_without_the_secret_is_refused_and_stores_nothing(
    app, demo, stand
) -> None:
    genuine = paired_kiosk(stand)
    leek = add_stand(demo, "leek")
    other_tablet = paired_kiosk(leek)
    copied = app.test_client()  # the link from the tablet's address bar, on another browser
    page = copied.get(f"/stand/{stand.token}").get_data(as_text=True)
    assert "Deze tablet koppelen aan de stand in Marum" in page
    assert "Toon een koppelcode" in page and "Verstuur mijn stem" not in page
    guessed = app.test_client()
    guessed.set_cookie("kiosk_tablet", "geraden-geheim", path=f"/stand/{stand.token}")
    # A real secret, but of another stand's tablet, opens nothing here.
    borrowed = app.test_client()
    borrowed.set_cookie("kiosk_tablet", secret_of(other_tablet, leek), path=f"/stand/{stand.token}")
    for client in (copied, guessed, borrowed):
        flood = sync(client, stand, [ballot(demo) for _ in range(200)], queued=99999)
        assert flood.status_code == 403 and flood.get_json()["error"] == NOT_PAIRED
        remark = client.post(
            f"/stand/{stand.token}/remarks",
            json={"remarks": [{"remark_key": str(uuid.uuid4()), "text": "Hallo", "themes": []}]},
        )
        assert remark.status_code == 403 and remark.get_json()["error"] == NOT_PAIRED
        themes = [t.id for t in demo.themes[:6]]
        form = client.post(
            f"/stand/{stand.token}",
            data={"ballot_key": str(uuid.uuid4()), "village": "marum", "theme": themes},
        )
        assert form.status_code == 403
        assert "Er is niets opgeslagen: deze tablet is niet gekoppeld" in form.get_data(
            as_text=True
        )
        note = client.post(
            f"/stand/{stand.token}/opmerking",
            data={"remark_key": str(uuid.uuid4()), "text": "Hallo"},
        )
        assert note.status_code == 403
    assert count(Ballot) == 0 and count(Remark) == 0
    db.session.expire_all()
    assert stand.last_contact_at is None and stand.queued_reported == 0
    # The stand's own paired tablet is not affected.
    assert sync(genuine, stand, [ballot(demo)]).get_json()["stored"]
    assert count(Ballot) == 1


def test_staff_pair_a_tablet_with_the_code_it_shows(app, demo, stand) -> None:
    tablet = app.test_client()
    token = csrf_token(tablet, f"/stand/{stand.token}")
    assert count(KioskPairing) == 0  # opening the link stores nothing
    shown = tablet.post(f"/stand/{stand.token}/koppelen", data={"csrf_token": token})
    assert shown.status_code == 303
    page = tablet.get(f"/stand/{stand.token}").get_data(as_text=True)
    code = re.search(r'data-code="(\d{6})"', page).group(1)  # type: ignore[union-attr]
    assert f"{code[:3]} {code[3:]}" in page and "Koppelcode" in page
    # The code to scan with the staff phone: the stand's staff page with the code filled in.
    scan = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', page).group(1)  # type: ignore[union-attr]
    link = f"http://localhost/staff/stands/{stand.id}?koppelcode={code}"
    assert base64.b64decode(scan) == qr_svg(link)
    status = f"/stand/{stand.token}/koppelen/status"
    assert tablet.get(status).get_json() == {"state": "waiting"}
    # Continue before staff typed the code: nothing to collect, still the code.
    tablet.post(f"/stand/{stand.token}/koppelen/klaar", data={"csrf_token": token})
    assert tablet.get_cookie("kiosk_tablet", path=f"/stand/{stand.token}") is None

    staff = login_as(app.test_client(), "staff")
    scanned = staff.get(f"/staff/stands/{stand.id}?koppelcode={code}").get_data(as_text=True)
    assert f'value="{code}"' in scanned  # the scanned link fills the code in
    form = f"/staff/stands/{stand.id}"
    wrong = "000000" if code != "000000" else "111111"
    refused = staff.post(
        f"{form}/tablets", data={"csrf_token": csrf_token(staff, form), "code": wrong}
    )
    assert refused.status_code == 422
    assert "Geen tablet bij deze stand toont deze code" in refused.get_data(as_text=True)
    assert count(KioskDevice) == 0
    done = staff.post(
        f"{form}/tablets",
        data={
            "csrf_token": csrf_token(staff, form),
            "code": f"{code[:3]} {code[3:]}",
            "name": "Tablet bij de ingang",
        },
        follow_redirects=True,
    )
    assert "Tablet bij de ingang is gekoppeld." in done.get_data(as_text=True)
    event = last_audit()
    assert (event.action, event.target) == ("kiosk.pair", f"campaign:demo/stand:{stand.id}")
    assert "Tablet bij de ingang" in event.details
    assert tablet.get(status).get_json() == {"state": "approved"}

    collected = tablet.post(f"/stand/{stand.token}/koppelen/klaar", data={"csrf_token": token})
    assert collected.status_code == 303
    cookie = next(
        c for c in collected.headers.getlist("Set-Cookie") if c.startswith("kiosk_tablet=")
    )
    assert "HttpOnly" in cookie and f"Path=/stand/{stand.token}" in cookie
    assert "SameSite=Lax" in cookie
    secret = secret_of(tablet, stand)
    device = db.session.scalars(select(KioskDevice)).one()
    assert device.secret_hash == hashlib.sha256(secret.encode()).hexdigest() != secret
    assert count(KioskPairing) == 0  # the code is used up
    page = tablet.get(f"/stand/{stand.token}").get_data(as_text=True)
    assert "Verstuur mijn stem" in page and "Gekoppeld als Tablet bij de ingang" in page
    assert sync(tablet, stand, [ballot(demo)]).get_json()["stored"]
    assert db.session.scalars(select(Ballot.kiosk_device_id)).one() == device.id
    # A second collect with the same nonce gets nothing more.
    again = tablet.post(f"/stand/{stand.token}/koppelen/klaar", data={"csrf_token": token})
    assert not any(c.startswith("kiosk_tablet=") for c in again.headers.getlist("Set-Cookie"))
    listing = staff.get(form).get_data(as_text=True).split('id="tablets"')[1]
    assert "Tablet bij de ingang" in listing and "staff@example.org" in listing


def test_expired_and_guessed_codes_pair_nothing(app, demo, stand) -> None:
    tablet = app.test_client()
    tablet.post(
        f"/stand/{stand.token}/koppelen",
        data={"csrf_token": csrf_token(tablet, f"/stand/{stand.token}")},
    )
    pairing = db.session.scalars(select(KioskPairing)).one()
    pairing.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert "De koppelcode is verlopen." in tablet.get(f"/stand/{stand.token}").get_data(
        as_text=True
    )
    staff = login_as(app.test_client(), "staff")
    form = f"/staff/stands/{stand.id}"
    late = staff.post(
        f"{form}/tablets", data={"csrf_token": csrf_token(staff, form), "code": pairing.code}
    )
    assert late.status_code == 422
    # Guessing: ten wrong codes per stand per ten minutes, then even a right one waits.
    fresh = app.test_client()
    fresh.post(
        f"/stand/{stand.token}/koppelen",
        data={"csrf_token": csrf_token(fresh, f"/stand/{stand.token}")},
    )
    code = db.session.scalars(select(KioskPairing.code).order_by(KioskPairing.id.desc())).first()
    token = csrf_token(staff, form)
    wrong = [f"{n:06d}" for n in range(20) if f"{n:06d}" != code][:9]
    for guess in wrong:
        answer = staff.post(f"{form}/tablets", data={"csrf_token": token, "code": guess})
        assert answer.status_code == 422
    locked = staff.post(f"{form}/tablets", data={"csrf_token": token, "code": code})
    assert locked.status_code == 429
    assert "Te veel verkeerde codes voor deze stand" in locked.get_data(as_text=True)
    assert count(KioskDevice) == 0
    viewer = login_as(app.test_client(), "viewer")
    assert viewer.post(f"{form}/tablets", data={"code": code}).status_code in (400, 403)


def test_a_revoked_tablet_sends_nothing_more(app, demo, stand) -> None:
    tablet = paired_kiosk(stand, name="Tablet 2")
    assert sync(tablet, stand, [ballot(demo)]).get_json()["stored"]
    staff = login_as(app.test_client(), "staff")
    page = f"/staff/stands/{stand.id}"
    device = tablet.kiosk_device
    staff.post(
        f"{page}/tablets/revoke?tablet={device.id}", data={"csrf_token": csrf_token(staff, page)}
    )
    event = last_audit()
    assert (event.action, event.details) == ("kiosk.revoke", f"Tablet 2 (tablet {device.id})")
    later = sync(tablet, stand, [ballot(demo)])
    assert later.status_code == 403 and later.get_json()["error"] == NOT_PAIRED
    remark = tablet.post(
        f"/stand/{stand.token}/remarks",
        json={"remarks": [{"remark_key": str(uuid.uuid4()), "text": "Hallo", "themes": []}]},
    )
    assert remark.status_code == 403
    assert count(Ballot) == 1 and count(Remark) == 0  # what it sent before stays counted
    assert "Deze tablet koppelen" in tablet.get(f"/stand/{stand.token}").get_data(as_text=True)
    listing = staff.get(page).get_data(as_text=True).split('id="tablets"')[1]
    assert "ingetrokken door staff@example.org" in listing


def test_a_batch_after_offline_work_passes_at_the_pace_it_was_cast(app, demo, stand) -> None:
    stand.starts_at = utcnow() - timedelta(hours=3)
    db.session.commit()
    tablet = paired_kiosk(stand)
    device = tablet.kiosk_device
    device.pace_at = utcnow() - timedelta(hours=2)  # paired, then two hours without a network
    db.session.commit()
    now_ms = time.time() * 1000
    # 100 residents, one every 70 seconds on the tablet's own clock (set an hour wrong).
    offline = [ballot(demo, cast_at=now_ms - 3.6e6 - 70_000 * i) for i in range(100)]
    report = sync(tablet, stand, offline, sent_at=now_ms - 3.6e6, queued=100).get_json()
    assert len(report["stored"]) == 100 and report["held"] == []
    minutes = set(db.session.scalars(select(Ballot.created_at)))
    assert len(minutes) > 90  # placed when they were cast, not all in the minute of the sync
    assert min(minutes) >= utcnow() - timedelta(hours=2, minutes=1)
    db.session.expire_all()
    assert device.held_at is None

    # The same span, but a hundred ballots said to be cast within one minute: not a person.
    device.pace_at = utcnow() - timedelta(hours=2)
    device.pace_tokens = 5
    db.session.commit()
    crowded = [ballot(demo, cast_at=now_ms - 600 * i) for i in range(100)]
    report = sync(tablet, stand, crowded, sent_at=now_ms).get_json()
    assert len(report["stored"]) <= 10 and len(report["held"]) >= 90
    # Resending what was stored costs nothing and is never held.
    resent = sync(tablet, stand, [b for b in crowded if b["ballot_key"] in report["stored"]])
    assert sorted(resent.get_json()["duplicates"]) == sorted(report["stored"])


def test_the_no_javascript_form_holds_a_vote_beyond_the_pace(app, demo, stand) -> None:
    tablet = paired_kiosk(stand)
    themes = [t.id for t in demo.themes[:6]]
    statuses = [
        tablet.post(
            f"/stand/{stand.token}",
            data={"ballot_key": str(uuid.uuid4()), "village": "marum", "theme": themes},
        ).status_code
        for _ in range(6)
    ]
    assert statuses == [303] * 5 + [429]
    held = tablet.post(
        f"/stand/{stand.token}",
        data={"ballot_key": str(uuid.uuid4()), "village": "leek", "theme": themes},
    )
    text = held.get_data(as_text=True)
    assert "niet sneller aan dan een mens kan stemmen" in text
    assert text.count("checked") >= 7  # the village and the six themes are kept
    assert count(Ballot) == 5


def test_the_probes_kiosk_flood_is_paced_flagged_and_can_be_left_out_exactly(
    app, demo, stand
) -> None:
    """The probe's five POSTs of 200, with a paired tablet's secret: held, flagged, undone."""
    staff = login_as(app.test_client(), "staff")
    for village in ("leek", "marum", "elders"):
        send_ballot(app.test_client(), demo, village=village)
    genuine = paired_kiosk(stand, name="Tablet 1")
    assert len(sync(genuine, stand, [ballot(demo), ballot(demo, "leek")]).json["stored"]) == 2
    before = staff.get("/api/v1/campaigns/demo/results").get_json()
    assert before["ballots"] == 5

    thief = paired_kiosk(stand, name="Tablet 2")  # its secret copied off the tablet
    started = time.monotonic()
    stored, held = [], []
    for _ in range(5):
        report = sync(thief, stand, [ballot(demo) for _ in range(200)], queued=99999).json
        stored += report["stored"]
        held += report["held"]
    assert time.monotonic() - started < 60  # in seconds, as the probe did
    assert 1 <= len(stored) <= 6 and len(held) == 1000 - len(stored)  # paced: held, not stored
    assert count(Ballot) == 5 + len(stored)

    signals = staff.get("/staff/campaigns/demo/signals").get_data(as_text=True)
    flagged = signals.split('id="tablets"')[1].split("</table>")[0]
    assert "Tablet 2" in flagged and "Tablet 1" not in flagged  # flagged
    assert '<td class="num">199</td>' in flagged or '<td class="num">200</td>' in flagged
    stand_page = staff.get(f"/staff/stands/{stand.id}").get_data(as_text=True)
    assert "meer dan 500" in stand_page  # queued=99999, bounded as reported

    link = f"/staff/stands/{stand.id}/exclusions/new?tablet={thief.kiosk_device.id}"
    form = staff.get(link).get_data(as_text=True)
    assert f" {len(stored)} getelde stem" in form.split('id="matching"')[1].split("</p>")[0]
    reason = "Tablet 2 stuurde 1.000 stemmen in enkele seconden; geheim gekopieerd."
    done = staff.post(
        link,
        data={
            "csrf_token": csrf_token(staff, link),
            "tablet": str(thief.kiosk_device.id),
            "reason": reason,
        },
    )
    assert done.status_code == 303
    after = staff.get("/api/v1/campaigns/demo/results").get_json()
    assert after["excluded_ballots"] == len(stored)
    for part in ("ballots", "themes", "channels", "trust_levels", "villages", "weighted"):
        assert after[part] == before[part], part
    event = last_audit()
    assert event.action == "ballots.exclude" and event.actor.email == "staff@example.org"
    assert f"tablet 'Tablet 2' (#{thief.kiosk_device.id})" in event.details
    assert reason in event.details
    listed = staff.get("/staff/campaigns/demo/signals").get_data(as_text=True)
    assert "Stand in Marum, Tablet 2" in listed.split('id="exclusions"')[1]

    undo = "/staff/exclusions/" + listed.split('action="/staff/exclusions/')[1].split('"')[0]
    staff.post(undo, data={"csrf_token": csrf_token(staff, "/staff/campaigns/demo/signals")})
    again = staff.get("/api/v1/campaigns/demo/results").get_json()
    assert again["ballots"] == 5 + len(stored) and again["excluded_ballots"] == 0


def test_stand_ballots_count_in_the_burst_signals_and_leave_out_per_window(
    app, demo, stand
) -> None:
    app.config["BURST_MIN_BALLOTS"] = 4
    staff = login_as(app.test_client(), "staff")
    tablet = paired_kiosk(stand)
    assert len(sync(tablet, stand, [ballot(demo) for _ in range(4)]).json["stored"]) == 4
    page = staff.get("/staff/campaigns/demo/signals").get_data(as_text=True)
    table = page.split('id="bursts"')[1].split("</table>")[0]
    assert "Stand in Marum" in table and '<td class="num">4</td>' in table
    link = table.split('href="')[1].split('"')[0].replace("&amp;", "&")
    assert link.startswith(f"/staff/stands/{stand.id}/exclusions/new?")
    form = staff.get(link).get_data(as_text=True)
    assert "vallen er nu 4 getelde stemmen onder" in form
    staff.post(
        link,
        data={
            "csrf_token": csrf_token(staff, link),
            "tablet": "0",
            "starts_at": re.search(r'name="starts_at"[^>]*value="([^"]+)"', form).group(1),  # type: ignore[union-attr]
            "ends_at": re.search(r'name="ends_at"[^>]*value="([^"]+)"', form).group(1),  # type: ignore[union-attr]
            "reason": "Een schoolklas stemde tegelijk aan de stand.",
        },
    )
    assert staff.get("/api/v1/campaigns/demo/results").get_json()["ballots"] == 0
    assert "Geen pieken gevonden." in staff.get("/staff/campaigns/demo/signals").get_data(
        as_text=True
    )


def test_the_queue_a_tablet_reports_is_shown_bounded_and_decides_nothing(app, demo, stand) -> None:
    tablet = paired_kiosk(stand)
    staff = login_as(app.test_client(), "staff")
    page = f"/staff/stands/{stand.id}"
    sync(tablet, stand, [ballot(demo)], queued=7)
    assert "nog 6 stemmen wachten op versturen" in staff.get(page).get_data(as_text=True)
    for odd in ("veel", True, -5, 2.5, None):
        sync(tablet, stand, [], queued=odd)
        db.session.expire_all()
        assert stand.queued_reported == 0 and tablet.kiosk_device.queued_reported == 0
    sync(tablet, stand, [], queued=10**30)
    db.session.expire_all()
    assert stand.queued_reported == 501
    shown = staff.get(page).get_data(as_text=True)
    assert "meer dan 500 stemmen wachten op versturen" in shown and "meer dan 500<" in shown
    # Only a warning: staff still close the stand, and nothing is counted from it.
    closed = staff.post(f"{page}/close", data={"csrf_token": csrf_token(staff, page)})
    assert closed.status_code == 302
    db.session.expire_all()
    assert stand.closed_at is not None and count(Ballot) == 1


def test_odd_tablet_and_time_values_in_staff_links_change_nothing(app, demo, stand) -> None:
    staff = login_as(app.test_client(), "staff")
    paired_kiosk(stand)
    page = f"/staff/stands/{stand.id}"
    token = csrf_token(staff, page)
    for odd in ("99999999999999999999999", "-1", "abc", "٣", ""):
        form = staff.get(f"{page}/exclusions/new?tablet={odd}&van=gisteren&tot=2026-13-45T99:99")
        assert form.status_code == 200
        revoke = staff.post(f"{page}/tablets/revoke?tablet={odd}", data={"csrf_token": token})
        assert revoke.status_code == 303
        posted = staff.post(
            f"{page}/exclusions/new",
            data={"csrf_token": token, "tablet": odd, "reason": "Een reden van genoeg tekens."},
        )
        assert posted.status_code == 422
    db.session.expire_all()
    assert db.session.scalars(select(KioskDevice.revoked_at)).one() is None
    assert count(AuditEvent) == sum(
        1 for e in db.session.scalars(select(AuditEvent.action)) if e == "kiosk.pair"
    )


def test_a_held_ballot_repeated_in_the_same_batch_is_held_too(app, demo, stand) -> None:
    tablet = paired_kiosk(stand)
    batch = [ballot(demo) for _ in range(20)]
    report = sync(tablet, stand, [b for b in batch for _ in range(2)]).get_json()
    assert len(report["stored"]) == 5 and len(report["held"]) == 15
    assert count(Ballot) == 5
