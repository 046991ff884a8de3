"""QR source tags (?bron=): which poster, flyer or banner brought a ballot."""

from __future__ import annotations

import re

SOURCE_TAG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")


def clean_source_tag(raw: str | None) -> str | None:
    """A tag of 1–40 lowercase letters, digits, '-' or '_'; anything else counts as no tag.

    Tags are chosen by staff and printed in QR links; they say nothing about the person.
    """
    tag = (raw or "").strip().lower()
    return tag if SOURCE_TAG.match(tag) else None
