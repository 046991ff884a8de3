"""Rules from results to priorities: association views, trends, the shortlist and dots."""

from __future__ import annotations

from participation.domain.priorities import (
    DotProblem,
    ShortlistEntry,
    ViewProblem,
    check_dots,
    check_view,
    dot_totals,
    draft_shortlist,
    new_join_code,
    read_join_code,
    trend_of,
)


def test_a_view_is_one_to_six_different_themes_while_the_campaign_is_open() -> None:
    themes = range(1, 13)
    assert check_view([(1, "veel inbraken"), (4, "")], themes, campaign_open=True) == []
    assert check_view([], themes, True) == [ViewProblem.EMPTY]
    assert check_view([(t, "") for t in range(1, 8)], themes, True) == [ViewProblem.TOO_MANY]
    assert check_view([(1, ""), (1, "")], themes, True) == [ViewProblem.DUPLICATE]
    assert check_view([(99, "")], themes, True) == [ViewProblem.UNKNOWN_THEME]
    assert check_view([(1, "x" * 501)], themes, True) == [ViewProblem.REASON_TOO_LONG]
    assert check_view([(1, "")], themes, False) == [ViewProblem.CLOSED]


def test_trend_compares_the_last_year_with_the_first() -> None:
    assert trend_of([(2019, 120), (2020, 110), (2022, 80)]) == "falling"
    assert trend_of([(2022, 80), (2019, 60)]) == "rising"  # order of input does not matter
    assert trend_of([(2019, 100), (2022, 104)]) == "stable"
    assert trend_of([(2022, 5)]) == "stable"
    assert trend_of([(2019, 0), (2022, 3)]) == "rising"


def test_the_shortlist_is_the_top_then_the_strongest_village_stand_outs() -> None:
    ranked = [10, 11, 12, 13, 14, 15, 16, 17]
    stand_outs = {
        "Marum": [(14, 0.12), (11, 0.30)],
        "Leek": [(14, 0.20), (16, 0.11), (17, -0.25)],  # 17: picked less often, not a reason
        "Tolbert": [(15, 0.25)],
    }
    assert draft_shortlist(ranked, stand_outs, top=3, extra=2) == [
        ShortlistEntry(10, "top"),
        ShortlistEntry(11, "top"),
        ShortlistEntry(12, "top"),
        ShortlistEntry(15, "stands_out", ("Tolbert",), 0.25),
        ShortlistEntry(14, "stands_out", ("Leek", "Marum"), 0.20),
    ]
    assert len(draft_shortlist(ranked, stand_outs, top=3, extra=0)) == 3
    assert len(draft_shortlist(ranked, stand_outs, top=3, extra=9)) == 6  # 14, 15, 16


def test_dots_stay_within_the_budget_on_the_shortlist_in_an_open_round() -> None:
    assert check_dots({1: 2, 2: 1}, [1, 2, 3], budget=3, round_open=True) == []
    assert check_dots({1: 2, 2: 2}, [1, 2], 3, True) == [DotProblem.TOO_MANY]
    assert check_dots({9: 1}, [1, 2], 3, True) == [DotProblem.NOT_ON_SHORTLIST]
    assert check_dots({1: -1, 2: 4}, [1, 2], 3, True) == [DotProblem.NEGATIVE, DotProblem.TOO_MANY]
    assert check_dots({1: 1}, [1], 3, False) == [DotProblem.ROUND_CLOSED]
    assert check_dots({9: 0}, [1], 3, True) == []  # a zero on another theme is no dot


def test_dot_totals_per_group() -> None:
    rows = [(1, "police", 2), (1, "council", 1), (2, "police", 1), (1, "police", 1)]
    assert dot_totals(rows) == {
        1: {"police": 3, "council": 1, "total": 4},
        2: {"police": 1, "total": 1},
    }


def test_join_codes_are_typed_back_forgivingly() -> None:
    code = new_join_code()
    assert len(code) == 6 and read_join_code(code.lower()) == code
    assert read_join_code(f" {code[:3]}-{code[3:]} ") == code
    assert read_join_code("O0O0O0") is None and read_join_code("ABC") is None


def test_every_list_has_a_page_name_for_each_of_its_values() -> None:
    """The fixed lists are defined once (domain.vocabulary); web.labels names each value."""
    from participation.domain.vocabulary import (
        GROUP_NAMES,
        SAFETY_FIELDS,
        TREND_NAMES,
        CampaignStatus,
        Channel,
        TrustLevel,
    )
    from participation.web import labels

    assert set(labels.CHANNEL_LABELS) == set(Channel)
    assert set(labels.TRUST_LABELS) == set(TrustLevel)
    assert set(labels.STATUS_LABELS) == set(CampaignStatus)
    assert set(labels.SAFETY_FIELD_LABELS) == set(SAFETY_FIELDS)
    assert set(labels.GROUP_LABELS) == set(GROUP_NAMES)
    assert set(labels.TREND_LABELS) == set(TREND_NAMES)
