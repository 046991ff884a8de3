"""Remarks from stands: stored once per UUID, read per stand and per theme."""

from __future__ import annotations

import logging
import uuid
from typing import Any

from sqlalchemy import select

from participation.domain.text_input import strict_int
from participation.extensions import db
from participation.models import Campaign, Remark, Stand, Theme, remark_themes

log = logging.getLogger(__name__)
MAX_LENGTH = 2000


def save(
    stand: Stand, remark_key: uuid.UUID, text: str, theme_ids: list[int], source: str = "kiosk"
) -> bool:
    """Store a remark unless its key is known; False for a repeat. Unknown themes are dropped."""
    text = text.strip()[:MAX_LENGTH]
    if not text:
        raise ValueError("empty remark")
    if db.session.scalar(select(Remark.id).where(Remark.remark_key == remark_key)):
        return False
    themes = [t for t in stand.campaign.themes if t.id in set(theme_ids)]
    db.session.add(
        Remark(remark_key=remark_key, stand_id=stand.id, text=text, themes=themes, source=source)
    )
    db.session.commit()
    return True


def sync(stand: Stand, items: list[Any]) -> dict[str, list[str]]:
    """Store queued remarks; report which keys are done (stored or repeats) and refused."""
    done, refused = [], []
    for item in items[:200]:
        key = str(item.get("remark_key", "?"))[:64] if isinstance(item, dict) else "?"
        try:
            if not stand.accepts_sync():
                raise ValueError("stand not taking remarks")
            text, themes = item.get("text"), item.get("themes", [])
            # Documented types only: text as text, themes as a list of whole numbers.
            if not isinstance(text, str) or not isinstance(themes, list):
                raise TypeError("a remark needs text and a list of themes")
            save(stand, uuid.UUID(key), text, [strict_int(t) for t in themes])
            done.append(key)
        except (ValueError, TypeError, AttributeError):
            refused.append(key)
    log.info("remark sync for stand %s: %d done, %d refused", stand.id, len(done), len(refused))
    return {"done": done, "refused": refused}


def for_stand(stand: Stand) -> list[Remark]:
    return list(
        db.session.scalars(
            select(Remark).where(Remark.stand_id == stand.id).order_by(Remark.created_at)
        )
    )


def for_theme(campaign: Campaign, theme: Theme | None) -> list[Remark]:
    """The campaign's remarks, only those tagged with `theme` when given."""
    query = (
        select(Remark)
        .join(Stand, Stand.id == Remark.stand_id)
        .where(Stand.campaign_id == campaign.id)
        .order_by(Remark.created_at)
    )
    if theme is not None:
        query = query.join(remark_themes, remark_themes.c.remark_id == Remark.id).where(
            remark_themes.c.theme_id == theme.id
        )
    return list(db.session.scalars(query))
