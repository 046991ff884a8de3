"""The villages form: residents and postcodes per village, one pair of fields each."""

from __future__ import annotations

from collections.abc import Mapping

from flask_babel import gettext as _

from participation.domain.areas import read_postcodes
from participation.domain.text_input import parse_number
from participation.models import Area
from participation.services.campaigns.areas import VillageDetails


def read_village_details(
    formdata: Mapping[str, str], villages: list[Area]
) -> tuple[dict[Area, VillageDetails], dict[str, str]]:
    """The details typed per village, and a message per field that cannot be read.

    Residents are a whole number (a thousands point is allowed: 12.500); postcodes are
    4-digit codes separated by spaces or commas.
    """
    changes: dict[Area, VillageDetails] = {}
    errors: dict[str, str] = {}
    for area in villages:
        population = formdata.get(f"population_{area.id}", "").strip().replace(".", "")
        codes = read_postcodes(formdata.get(f"postcodes_{area.id}", ""))
        residents = parse_number(population) if population else None
        if population and (residents is None or len(population) > 7):
            errors[f"population_{area.id}"] = _("Give the number of residents as a whole number.")
        if codes is None:
            errors[f"postcodes_{area.id}"] = _("Give 4-digit postcodes, separated by spaces.")
        changes[area] = VillageDetails(residents, codes or [])
    return (changes, errors) if not errors else ({}, errors)
