"""The villages forms: one village's fields, residents and postcodes of all, merge, import."""

from __future__ import annotations

from collections.abc import Mapping

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, SelectField, StringField, TextAreaField

from participation.domain.areas import read_postcodes
from participation.domain.text_input import parse_number
from participation.domain.villages import MAX_POSTCODES, Problem, read_population
from participation.models import Area
from participation.services.campaigns.areas import VillageDetails, VillageInput
from participation.web.village_messages import problem_message


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
        population = formdata.get(f"population_{area.id}", "").strip()
        codes = read_postcodes(formdata.get(f"postcodes_{area.id}", ""))
        try:
            residents = read_population(population) if population else None
        except ValueError:
            residents = None
            errors[f"population_{area.id}"] = _("Give the number of residents as a whole number.")
        if codes is None:
            errors[f"postcodes_{area.id}"] = _("Give 4-digit postcodes, separated by spaces.")
        elif len(" ".join(codes)) > MAX_POSTCODES:
            errors[f"postcodes_{area.id}"] = _("Too many postcodes for one village.")
        changes[area] = VillageDetails(residents, codes or [])
    return (changes, errors) if not errors else ({}, errors)


class VillageForm(FlaskForm):
    """A village's fields; the domain (domain.villages.read_fields) judges them."""

    name = StringField(_l("Name"))
    slug = StringField(
        _l("Short name in links and QR codes (optional)"),
        description=_l(
            "Lowercase letters, digits and hyphens, such as oude-pekela. Left empty, it is "
            "made from the name."
        ),
    )
    population = StringField(
        _l("Residents (optional)"),
        description=_l("A whole number, such as 12500 or 12.500."),
    )
    postcodes = StringField(
        _l("Postcodes (optional)"),
        description=_l("4-digit postcodes separated by spaces or commas, such as 9351 9354."),
    )

    def given(self) -> VillageInput:
        return VillageInput(
            name=self.name.data or "",
            slug=self.slug.data or "",
            population=self.population.data or "",
            postcodes=self.postcodes.data or "",
        )

    def fill(self, area: Area) -> None:
        self.name.data, self.slug.data = area.name, area.slug
        self.population.data = "" if area.population is None else str(area.population)
        self.postcodes.data = area.postcodes

    def show(self, problems: list[Problem]) -> None:
        """Each problem under its field (a problem of the whole line under the name)."""
        for problem in problems:
            field = self[problem.field] if problem.field in FIELD_NAMES else self.name
            field.errors = [*field.errors, problem_message(problem)]


FIELD_NAMES = ("name", "slug", "population", "postcodes")


def optional_int(value: object) -> int | None:
    """The chosen village's id, or None for anything that is not one."""
    return parse_number(value)


class MergeForm(FlaskForm):
    into = SelectField(_l("Merge into"), coerce=optional_int, validate_choice=False)
    # A merge cannot be undone: staff tick that they mean it, as a second step.
    sure = BooleanField(_l("Yes, merge them: this cannot be undone"))


class VillageImportForm(FlaskForm):
    file = FileField(
        _l("CSV file"),
        description=_l(
            "Save it from Excel as 'CSV UTF-8'. The first line names the columns: naam, and "
            "if you like slug, inwoners and postcodes."
        ),
    )
    text = TextAreaField(_l("Or paste the lines here"))
