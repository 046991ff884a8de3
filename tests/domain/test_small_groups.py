"""Small groups: folded so that none is shown and none can be worked out by subtraction."""

from hypothesis import given
from hypothesis import strategies as st

from participation.domain.small_groups import groups_to_fold


def test_groups_of_five_or_more_are_shown_and_empty_ones_stay() -> None:
    assert groups_to_fold({"a": 5, "b": 30, "c": 0}) == set()


def test_two_small_groups_that_make_five_together_are_folded_alone() -> None:
    assert groups_to_fold({"a": 3, "b": 2, "c": 40}) == {"a", "b"}


def test_a_merged_group_under_five_takes_the_smallest_shown_group_with_it() -> None:
    assert groups_to_fold({"a": 1, "b": 40, "c": 7, "d": 9}) == {"a", "c"}


@given(st.dictionaries(st.text(max_size=3), st.integers(0, 60), max_size=8))
def test_no_shown_group_and_no_derivable_group_is_small(sizes: dict[str, int]) -> None:
    fold = groups_to_fold(sizes)
    shown = [n for k, n in sizes.items() if k not in fold]
    assert all(n == 0 or n >= 5 for n in shown)
    merged = sum(sizes[k] for k in fold)
    # The merged group is what the total minus the shown groups gives back.
    assert merged == 0 or merged >= 5 or not shown or all(n == 0 for n in shown)
