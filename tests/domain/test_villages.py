"""A village's fields on their own, and what it may share with other villages."""

from __future__ import annotations

import pytest

from participation.domain.villages import (
    KnownVillage,
    VillageFields,
    VillageProblem,
    conflicts,
    make_slug,
    merged_population,
    read_fields,
)

LEEK = KnownVillage(1, "Leek", "leek", 9950, ("9351",), ("leek-oud",))
MARUM = KnownVillage(2, "Marum", "marum", None, ())


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Oude Pekela", "oude-pekela"),
        ("Ezinge", "ezinge"),
        ("Pieterbüren", "pieterburen"),
        ("'t Zandt", "t-zandt"),
        ("  Nieuw   Beerta ", "nieuw-beerta"),
        ("Ee", "ee"),
        ("日本", ""),
    ],
)
def test_a_short_name_is_made_from_the_name(name: str, slug: str) -> None:
    assert make_slug(name) == slug


def test_good_fields_are_read_whole() -> None:
    fields, problems = read_fields(" Oude  Pekela ", "", "7.300", "9665, 9666 9665")
    assert problems == []
    assert fields == VillageFields("Oude Pekela", "oude-pekela", 7300, ("9665", "9666"))


@pytest.mark.parametrize(
    ("given", "field", "kind"),
    [
        (("",), "name", VillageProblem.NAME_MISSING),
        (("x" * 121,), "name", VillageProblem.NAME_TOO_LONG),
        (("=1+1",), "name", VillageProblem.FORMULA),
        (("Dorp", "Groot Dorp"), "slug", VillageProblem.SLUG_INVALID),
        (("Dorp", "x"), "slug", VillageProblem.SLUG_INVALID),
        (("Elders",), "slug", VillageProblem.SLUG_RESERVED),
        (("日本",), "slug", VillageProblem.SLUG_FROM_NAME),
        (("Dorp", "", "12,5"), "population", VillageProblem.POPULATION_INVALID),
        (("Dorp", "", "1.2"), "population", VillageProblem.POPULATION_INVALID),
        (("Dorp", "", "-5"), "population", VillageProblem.FORMULA),
        (("Dorp", "", "", "935"), "postcodes", VillageProblem.POSTCODE_INVALID),
        (("Dorp", "", "", "0123"), "postcodes", VillageProblem.POSTCODE_INVALID),
        (("Dorp\x00",), "name", VillageProblem.UNREADABLE),
        (("Do\trp",), "name", VillageProblem.UNREADABLE),
    ],
)
def test_a_bad_field_is_named_with_its_problem(given: tuple, field: str, kind) -> None:  # type: ignore[no-untyped-def]
    fields, problems = read_fields(*given)
    assert fields is None
    assert (field, kind) in {(p.field, p.kind) for p in problems}


def test_too_many_postcodes_for_the_column() -> None:
    codes = " ".join(str(code) for code in range(1000, 1101))
    _, problems = read_fields("Dorp", "", "", codes)
    assert [p.kind for p in problems] == [VillageProblem.POSTCODES_TOO_LONG]


def test_names_short_names_and_postcodes_are_each_one_villages() -> None:
    fields = VillageFields("LEEK", "leek-oud", None, ("9351", "9999"))
    found = {(p.kind, p.other, p.detail) for p in conflicts(fields, [LEEK, MARUM])}
    assert found == {
        (VillageProblem.NAME_TAKEN, "Leek", ""),
        (VillageProblem.SLUG_TAKEN, "Leek", ""),
        (VillageProblem.POSTCODE_TAKEN, "Leek", "9351"),
    }
    # A village may keep its own name and take back its own earlier short name.
    assert conflicts(fields, [LEEK, MARUM], own_id=LEEK.id) == []


def test_merged_residents_add_up_only_when_both_are_known() -> None:
    assert merged_population(100, 50) == 150
    assert merged_population(100, None) is None
    assert merged_population(None, None) is None


def test_no_village_has_ten_million_residents() -> None:
    from participation.domain.villages import MAX_POPULATION, read_population

    assert read_population("9.999.999") == MAX_POPULATION
    with pytest.raises(ValueError):
        read_population("999.999.999")
