"""Secret links: the kiosk link, an association's invite, a session participant's link."""

import secrets


def secret_link_token() -> str:
    """An unguessable, URL-safe token (about 256 bits); whoever holds the link may use it."""
    return secrets.token_urlsafe(32)
