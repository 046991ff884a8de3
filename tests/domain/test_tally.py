"""Tallying and ranking, including property tests on random ballots."""

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from participation.domain.tally import ThemeRef, rank_with_ties, share, tally_group

THEMES = [ThemeRef(id=10 + i, title=f"Thema {i}", position=i) for i in range(1, 13)]


def test_ties_share_a_rank_and_skip_the_next() -> None:
    assert rank_with_ties([5, 9, 9, 1]) == [3, 1, 1, 4]
    assert rank_with_ties([4, 4, 4]) == [1, 1, 1]
    assert rank_with_ties([]) == []


def test_share_is_votes_over_ballots_and_zero_for_an_empty_group() -> None:
    assert share(3, 4) == 0.75
    assert share(0, 0) == 0.0


def test_tally_lists_by_rank_then_ballot_position() -> None:
    themes = THEMES[:4]
    tally = tally_group(themes, {11: 2, 12: 5, 14: 5}, ballots=6)
    assert [(row.theme.position, row.votes, row.rank) for row in tally.themes] == [
        (2, 5, 1),
        (4, 5, 1),
        (1, 2, 3),
        (3, 0, 4),
    ]
    assert tally.themes[0].share == 5 / 6


ballots_strategy = st.lists(
    st.lists(st.sampled_from([t.id for t in THEMES]), min_size=6, max_size=6, unique=True),
    max_size=60,
)


@given(ballots_strategy)
def test_votes_add_up_to_the_picks(ballots: list[list[int]]) -> None:
    votes = Counter(theme_id for ballot in ballots for theme_id in ballot)
    tally = tally_group(THEMES, votes, len(ballots))
    assert tally.votes == sum(len(ballot) for ballot in ballots)
    assert tally.ballots == len(ballots)


@given(ballots_strategy)
def test_every_share_lies_between_zero_and_one(ballots: list[list[int]]) -> None:
    votes = Counter(theme_id for ballot in ballots for theme_id in ballot)
    for row in tally_group(THEMES, votes, len(ballots)).themes:
        assert 0.0 <= row.share <= 1.0


@given(ballots_strategy)
def test_ranks_agree_with_votes(ballots: list[list[int]]) -> None:
    votes = Counter(theme_id for ballot in ballots for theme_id in ballot)
    rows = tally_group(THEMES, votes, len(ballots)).themes
    for a in rows:
        above = sum(1 for b in rows if b.votes > a.votes)
        assert a.rank == above + 1
        for b in rows:
            assert (a.votes > b.votes) == (a.rank < b.rank)
    # Listed by rank, and within a tie by ballot position.
    assert [(r.rank, r.theme.position) for r in rows] == sorted(
        (r.rank, r.theme.position) for r in rows
    )
