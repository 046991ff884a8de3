"""The stand's ballot form."""

from participation.web.ballot_form import BallotForm


class KioskBallotForm(BallotForm):
    """The same fields on a stand's tablet; the secret kiosk link, not a cookie, authorises it."""
