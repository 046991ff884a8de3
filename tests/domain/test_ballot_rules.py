"""Ballot validation rules, without Flask or a database."""

import pytest

from participation.domain.ballots import BallotProblem, PickRule, check_choices, check_village

THEMES = set(range(1, 13))
PICK_6 = PickRule(6, 6)


def test_exactly_six_distinct_known_themes_is_valid() -> None:
    assert check_choices([1, 2, 3, 4, 5, 6], THEMES, PICK_6) == []


@pytest.mark.parametrize(
    ("chosen", "problem"),
    [
        ([], BallotProblem.TOO_FEW),
        ([1, 2, 3, 4, 5], BallotProblem.TOO_FEW),
        ([1, 2, 3, 4, 5, 6, 7], BallotProblem.TOO_MANY),
        ([1, 2, 3, 4, 5, 5], BallotProblem.DUPLICATE_THEME),
        ([1, 2, 3, 4, 5, 99], BallotProblem.UNKNOWN_THEME),
    ],
)
def test_invalid_picks_name_their_cause(chosen: list[int], problem: BallotProblem) -> None:
    assert check_choices(chosen, THEMES, PICK_6) == [problem]


def test_a_range_rule_accepts_anything_inside_it() -> None:
    rule = PickRule(1, 3)
    assert check_choices([4], THEMES, rule) == []
    assert check_choices([4, 5, 6], THEMES, rule) == []
    assert check_choices([4, 5, 6, 7], THEMES, rule) == [BallotProblem.TOO_MANY]


@pytest.mark.parametrize(("low", "high"), [(0, 6), (7, 6), (-1, 1)])
def test_a_pick_rule_must_make_sense(low: int, high: int) -> None:
    with pytest.raises(ValueError):
        PickRule(low, high)


def test_village_must_be_given_and_known() -> None:
    villages = {"leek", "marum"}
    assert check_village("leek", villages) == []
    assert check_village("", villages) == [BallotProblem.MISSING_VILLAGE]
    assert check_village(None, villages) == [BallotProblem.MISSING_VILLAGE]
    assert check_village("atlantis", villages) == [BallotProblem.UNKNOWN_VILLAGE]


def test_domain_imports_no_framework() -> None:
    import ast
    from pathlib import Path

    import participation.domain as domain

    for path in Path(domain.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] not in {"flask", "sqlalchemy", "flask_sqlalchemy"}, path
