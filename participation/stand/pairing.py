"""The screen a tablet shows until staff pair it with the stand: a code to type, or to scan."""

from __future__ import annotations

import base64

from flask import Response, render_template, request

from participation.models import Stand
from participation.renderers.qr import qr_svg
from participation.services.stands import kiosk_devices
from participation.web.forms import ConfirmForm
from participation.web.links import public_url


def pairing_page(stand: Stand, refused: bool = False) -> Response:
    """The pairing screen; `refused`: a vote or remark came without a paired tablet (403)."""
    pairing = kiosk_devices.pairing_for_nonce(
        stand, request.cookies.get(kiosk_devices.PAIRING_COOKIE)
    )
    state = kiosk_devices.pairing_state(pairing)
    scan = None
    if state == "waiting" and pairing is not None:
        # The staff phone scans this: the stand's staff page with the code filled in.
        link = public_url("staff.stand", stand_id=stand.id, koppelcode=pairing.code)
        scan = "data:image/svg+xml;base64," + base64.b64encode(qr_svg(link)).decode()
    html = render_template(
        "stand/pairing.html",
        stand=stand,
        state=state,
        pairing=pairing,
        scan=scan,
        form=ConfirmForm(),
        refused=refused,
    )
    response = Response(html, status=403 if refused else 200)
    response.headers["Cache-Control"] = "no-store"
    # The service worker keeps the last ballot page for offline use, never this screen.
    response.headers["X-Kiosk-Pairing"] = "1"
    return response
