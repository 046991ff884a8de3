"""Where a redirect may go: only to a page of this site, never to another one."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from flask import request

from participation.domain.text_input import has_control_characters


def local_target(target: str | None) -> str | None:
    """`target` if it resolves to this site's own host over http(s), else None.

    The usual rule (as in Django's url_has_allowed_host_and_scheme): resolve the target
    against this request's address and compare hosts. A browser reads '////evil.example',
    '/\\\\evil.example' and '\\\\evil.example' as another site, so backslashes are refused
    before that, and so are control characters, line breaks and tabs (a header cannot hold
    them); only paths starting with one '/' are taken.
    """
    if not target or "\\" in target or has_control_characters(target) or not target.isprintable():
        return None
    if not target.startswith("/") or target.startswith("//"):
        return None
    resolved = urlsplit(urljoin(request.host_url, target))
    own = urlsplit(request.host_url)
    if resolved.scheme not in ("http", "https") or resolved.netloc != own.netloc:
        return None
    return target
