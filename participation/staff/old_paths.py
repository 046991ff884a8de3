"""Old Dutch staff addresses that someone may still hold answer with a permanent redirect."""

from __future__ import annotations

from typing import Any

from flask import abort, redirect, request, url_for
from werkzeug.wrappers import Response

from participation.staff import bp

# Old path (under /staff) -> the endpoint that now answers it. Only pages a person can hold: a
# bookmark, or the link in an invitation e-mail already sent. Forms post to url_for, so the old
# POST-only addresses (…/verwijderen, …/stand, …/opnieuw) are simply gone.
OLD_PATHS = {
    "/gemeente": "staff.municipality_settings",
    "/inrichting": "staff.setup_page",
    "/mijn-account": "staff.my_account",
    "/welkom/<token>": "staff.welcome",
    "/wachtrij": "staff.job_queue",
    "/campaigns/<slug>/programma": "staff.programme_page",
    "/campaigns/<slug>/teksten/<language>": "staff.campaign_texts",
    "/surveys/<slug>/teksten/<language>": "staff.survey_texts",
    "/campaigns/<slug>/uitkomst": "staff.outcome_settings",
    "/campaigns/<slug>/uitkomst/teksten/<language>": "staff.outcome_texts_page",
    "/campaigns/<slug>/uitkomst/print/<kind>.<fmt>": "staff.outcome_print",
    "/campaigns/<slug>/volgende-ronde": "staff.next_cycle",
    "/stands/<int:stand_id>/proces-verbaal": "staff.stand_record",
    "/stands/<int:stand_id>/proces-verbaal.pdf": "staff.stand_record_pdf",
}
OLD_PATH_ENDPOINT = "old_path"


def old_path(**values: Any) -> Response:
    """301 to today's address, query string kept; the new page checks who may see it."""
    rule = request.url_rule
    endpoint = OLD_PATHS.get(rule.rule.removeprefix(bp.url_prefix or "")) if rule else None
    if endpoint is None:
        abort(404)
    target = url_for(endpoint, **values)
    query = request.query_string.decode("utf-8", "replace")
    return redirect(f"{target}?{query}" if query else target, code=301)


for _old in OLD_PATHS:
    bp.add_url_rule(_old, OLD_PATH_ENDPOINT, old_path, methods=["GET"])
