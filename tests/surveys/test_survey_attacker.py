"""An attacker who fetches every public survey figure at every moment (anonymous HTTP only)
and tries every subtraction, within and between releases, finds no group of 1 to 4 people.

The same attacker, given what staff see (today's counts), does find one: so it can.
"""

from __future__ import annotations

import html
import itertools
import random
import re
from dataclasses import dataclass, field

from participation.services.surveys.survey_releases import ReleaseProblem
from tests.conftest import login_as
from tests.surveys.conftest import (
    FIRST,
    HELP,
    JSON,
    KIND,
    NUISANCE,
    PAGE,
    SAFE,
    VILLAGE,
    demo_survey,
    publish,
    refused,
    release_survey,
    respond,
)

NO_ANSWER = "(geen antwoord)"


def members(label: str) -> frozenset[str]:
    """The groups a shown figure counts, read from its label."""
    if label == "Geen antwoord":
        return frozenset({NO_ANSWER})
    if not label.startswith("Samen: "):
        return frozenset({label})
    body, found = label.removeprefix("Samen: "), set()
    if body.endswith(" en geen antwoord"):
        body = body.removesuffix(" en geen antwoord")
        found.add(NO_ANSWER)
    return frozenset(found | set(body.split(", ")))


@dataclass
class Snapshot:
    """Every figure one moment's fetches show: per table, member groups -> count."""

    respondents: int
    figures: dict[str, dict[frozenset[str], int]] = field(default_factory=dict)
    overlapping: set[str] = field(default_factory=set)  # multiple choice: picks, not people

    def add(self, table: str, groups: frozenset[str], value: int) -> None:
        known = self.figures.setdefault(table, {})
        assert known.get(groups, value) == value, (table, groups, known[groups], value)
        known[groups] = value


def fetch(client, splits: bool = True) -> Snapshot:  # type: ignore[no-untyped-def]
    data = client.get(JSON).get_json()
    found = Snapshot(data["respondents"])
    found.add("respondents", frozenset({"*"}), data["respondents"])
    for question in data["questions"]:
        table = "village" if question["type"] in ("village", "postcode") else f"q{question['id']}"
        if question["type"] == "multiple":
            found.overlapping.add(table)
        for option in question["options"]:
            if option["count"] is not None:
                found.add(table, members(option["label"]), option["count"])
        if question["base"] is not None:
            found.add(table, frozenset({NO_ANSWER}), data["respondents"] - question["base"])
    page = client.get(PAGE).get_data(as_text=True)
    for split in re.findall(r'<option value="(dorp|\d+)"', page) if splits else []:
        shown = client.get(f"{PAGE}?per={split}").get_data(as_text=True)
        table = "village" if split == "dorp" else f"q{split}"
        for label, n in re.findall(r'num">([^<]*)<br><span class="muted">n = (\d+)<', shown):
            found.add(table, members(html.unescape(label)), int(n))
        # Each row of a split adds up to the question's own figure: nothing finer leaks.
        for section in shown.split('<section class="survey-question"')[1:]:
            question_id = re.search(r'id="question-(\d+)"', section).group(1)
            if "Uitsplitsing:" not in section:
                continue
            split_table = section.split("Uitsplitsing:")[1]
            for label, cells in re.findall(r'<th scope="row">([^<]*)</th>(.*?)</tr>', split_table):
                if "&lt; 5" in cells:  # a hidden cell: the row's visible cells are a part
                    continue
                total = sum(int(n) for n in re.findall(r'num">(\d+) <span', cells))
                found.add(f"q{question_id}", members(html.unescape(label)), total)
    return found


def blocks_of(shot: Snapshot, table: str) -> dict[frozenset[str], int]:
    """A table's figures; for a table of people (not picks), the groups none of them shows
    count everyone minus those shown."""
    blocks = dict(shot.figures.get(table, {}))
    seen = [g for groups in blocks for g in groups]
    assert len(seen) == len(set(seen)), (table, blocks)  # each group in one figure only
    if table not in shot.overlapping and table != "respondents":
        rest = frozenset({*seen, NO_ANSWER} - set(seen))
        if rest:
            blocks[rest] = shot.respondents - sum(blocks.values())
    return blocks


def unions(blocks: dict[frozenset[str], int]) -> dict[frozenset[str], int]:
    """Every union of figures, with its count."""
    found = {}
    items = list(blocks.items())
    for size in range(1, len(items) + 1):
        for chosen in itertools.combinations(items, size):
            found[frozenset().union(*(g for g, _ in chosen))] = sum(n for _, n in chosen)
    return found


def small_groups_found(shots: list[Snapshot]) -> list[tuple[str, int, int, int]]:
    """Every count of 1 to 4 people the attacker can work out: any union of one moment's
    figures, alone (which covers every difference within that moment) or minus any sum of
    an earlier moment's figures of groups it holds: responses are only ever added, so that
    difference counts people too (those new since, and those earlier shown apart)."""
    found = []
    for table in sorted({t for shot in shots for t in shot.figures}):
        blocks = [blocks_of(shot, table) for shot in shots]
        for later, shown in enumerate(blocks):
            for groups, value in unions(shown).items():
                for earlier in [None, *range(later)]:
                    inside = (
                        []
                        if earlier is None
                        else [n for g, n in blocks[earlier].items() if g <= groups]
                    )
                    subtotals = {0}
                    for n in inside:
                        subtotals |= {total + n for total in subtotals}
                    if any(0 < value - total < 5 for total in subtotals):
                        found.append((table, -1 if earlier is None else earlier, later, value))
    return found


def test_an_attacker_with_every_public_fetch_learns_no_group_under_five(app, demo) -> None:
    survey = demo_survey()
    publish(demo)
    rng = random.Random(25)
    visitor, staff = app.test_client(), login_as(app.test_client(), "viewer")
    public: list[Snapshot] = []
    live: list[Snapshot] = []

    def add(*places: str | None) -> None:
        for place in places:
            nuisance = rng.choice(["ja", "soms", "nee", "nee", "weet-niet"])
            respond(
                survey,
                **{
                    VILLAGE: place,
                    SAFE: rng.choice(["ja", "ja", "ja", "neutraal", "nee"]),
                    FIRST: rng.sample(
                        ["woninginbraak", "diefstal", "drugs", "vandalisme", "online"],
                        rng.randint(1, 3),
                    ),
                    NUISANCE: nuisance,
                    KIND: rng.choice(["jongeren", "hondenpoep", "rommel"])
                    if nuisance in ("ja", "soms")
                    else None,
                    HELP: rng.choice(["ja", "misschien", "nee", None]),
                },
            )
        live.append(fetch(staff, splits=False))
        if public:
            assert fetch(visitor) == public[-1]  # between releases nothing moves

    def release() -> None:
        release_survey(survey)
        public.append(fetch(visitor))

    add(*["leek"] * 12, *["marum"] * 10, *["zuidhorn"] * 6, None, None)
    release()
    add("grijpskerk", *["leek"] * 6, *["marum"] * 5)  # a village of 1
    release()
    add("grijpskerk", "leek", "leek")  # 3 new: no release
    assert refused(survey) is ReleaseProblem.TOO_FEW
    add("zuidhorn", "zuidhorn")
    release()
    add(*["leek"] * 8, *["marum"] * 7, *["zuidhorn"] * 5, "grijpskerk", None, "tolbert")
    release()
    assert len(public) == 4
    # The releases do show groups apart, and hide Grijpskerk: it never stands alone.
    assert all(frozenset({"Leek"}) in shot.figures["village"] for shot in public[:2])
    assert all(frozenset({"Grijpskerk"}) not in shot.figures["village"] for shot in public)
    assert small_groups_found(public) == []
    # The same attacker on today's counts (what staff see) finds Grijpskerk's one resident.
    live_found = small_groups_found(live)
    assert ("village", -1, 1, 1) in live_found
