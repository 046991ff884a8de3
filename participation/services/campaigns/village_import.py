"""Importing villages from a CSV file: a preview that stores nothing, then one transaction."""

from __future__ import annotations

import logging

from participation.domain.refusals import Refused
from participation.domain.village_import import (
    MAX_BYTES,
    FileProblem,
    ImportPlan,
    decode_upload,
    plan_import,
)
from participation.extensions import db
from participation.models import Area, StaffUser
from participation.services import audit, ownership
from participation.services.ballots import voting
from participation.services.campaigns import areas

log = logging.getLogger(__name__)


class ImportRefused(Refused):
    """Nothing of the file can be stored (problems: the ImportPlan saying why)."""


def preview_upload(data: bytes) -> tuple[str, ImportPlan]:
    """An uploaded file's text and plan; a file over the size limit or not in UTF-8 is
    refused whole."""
    if len(data) > MAX_BYTES:
        return "", ImportPlan(file_problem=FileProblem.TOO_LARGE)
    text = decode_upload(data)
    if text is None:
        log.info("village import refused: the file is not UTF-8")
        return "", ImportPlan(file_problem=FileProblem.NOT_UTF8)
    return text, preview(text)


def preview(text: str) -> ImportPlan:
    """What the text would add and change; stores nothing."""
    plan = plan_import(text, areas.known_villages())
    log.info(
        "village import previewed: %d to add, %d to change, %d refused%s",
        len(plan.added),
        len(plan.changed),
        len(plan.refused),
        f", file refused ({plan.file_problem.value})" if plan.file_problem else "",
    )
    return plan


def store(text: str, actor: StaffUser | None, via: str = "web") -> ImportPlan:
    """Read the text again and store its good lines in one transaction, audited as one
    area.import event (and area.create/rename/update per village). Refused lines are never
    stored; ImportRefused when there is nothing to store."""
    plan = preview(text)
    if not plan.has_work:
        raise ImportRefused(plan)
    for addition in plan.added:
        fields = addition.fields
        db.session.add(
            Area(
                kind=areas.VILLAGE,
                name=fields.name,
                slug=fields.slug,
                population=fields.population,
                postcodes=" ".join(fields.postcodes),
                parent=areas.municipality(),
            )
        )
        audit.record(actor, "area.create", fields.slug, areas.describe(None, fields))
    for change in plan.changed:
        area = ownership.owned(Area, change.village_id)
        # The plan was made just now, in this transaction, from the villages within reach.
        assert area is not None
        areas.apply_fields(area, change.after, actor)
    audit.record(
        actor,
        "area.import",
        "villages",
        f"via {via}: {len(plan.added)} added, {len(plan.changed)} changed, "
        f"{len(plan.refused)} lines refused"
        + (f" (lines {', '.join(str(r.line) for r in plan.refused)})" if plan.refused else ""),
    )
    areas.flush_or_refuse()
    db.session.commit()
    voting.forget_rules()
    log.info("village import stored: %d added, %d changed", len(plan.added), len(plan.changed))
    return plan
