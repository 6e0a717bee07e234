"""Tension reports month by month and the early-warning rule, with values worked by hand."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from communitydna.monitoring import Month, WarningRule, early_warnings, monthly_series
from communitydna.snapshot import PartialDate, TensionReport


def report(month: int, area: str, severity: int, category: str = "asb") -> TensionReport:
    return TensionReport(PartialDate(2023, month), area, "Police", category, severity)


REPORTS = [
    # East: Jan 1, Feb 2, Mar 3, Apr 5+3 = 8. Average of Jan–Mar = 2, rise 6.
    report(1, "East", 1),
    report(2, "East", 2),
    report(3, "East", 3),
    report(4, "East", 5),
    report(4, "East", 3, "hate crime"),
    # West: Jan 2, Feb none, Mar 2, Apr 3. Average of Jan–Mar = 4/3, rise 5/3 (below 2).
    report(1, "West", 2),
    report(3, "West", 2),
    report(4, "West", 3, "hate crime"),
    TensionReport(PartialDate(2023), "West", severity=5),  # a year only: left out
]


def test_scores_are_summed_severities_per_area_and_month_with_zeros_for_quiet_months() -> None:
    series = monthly_series(REPORTS)
    assert [str(m) for m in series.months] == ["2023-01", "2023-02", "2023-03", "2023-04"]
    assert series.scores == {"East": (1, 2, 3, 8), "West": (2, 0, 2, 3)}


def test_trends_per_category_can_count_reports_instead() -> None:
    series = monthly_series(REPORTS, by="category", measure="reports")
    assert series.scores == {"asb": (2, 1, 2, 1), "hate crime": (0, 0, 0, 2)}


def test_an_area_rising_beyond_the_threshold_above_its_trailing_average_is_flagged() -> None:
    (warning,) = early_warnings(REPORTS)
    assert (warning.area, warning.month, warning.score) == ("East", Month(2023, 4), 8)
    assert (warning.average, warning.rise) == (2.0, 6.0)


def test_the_threshold_and_window_are_the_workspaces_to_set() -> None:
    assert early_warnings(REPORTS, WarningRule(threshold=6)) == ()  # a rise of 6 is not above 6
    low = early_warnings(REPORTS, WarningRule(threshold=1.5))
    assert [(w.area, str(w.month)) for w in low] == [("East", "2023-04"), ("West", "2023-04")]
    # a window of one month: East Apr (8 vs 3) and West Mar (2 vs 0), West Jan has no history
    short = early_warnings(REPORTS, WarningRule(window=1, threshold=1.5))
    assert [(w.area, str(w.month), w.rise) for w in short] == [
        ("West", "2023-03", 2.0),
        ("East", "2023-04", 5.0),
    ]


def test_months_without_a_full_window_before_them_are_never_flagged() -> None:
    assert early_warnings([report(1, "East", 5), report(2, "East", 5)], WarningRule(window=3)) == ()


def test_a_rule_refuses_settings_that_make_no_sense() -> None:
    with pytest.raises(ValueError, match="window"):
        WarningRule(window=0)
    with pytest.raises(ValueError, match="negative"):
        WarningRule(threshold=-1)


def test_no_reports_give_no_series_and_no_warnings() -> None:
    assert monthly_series([]).months == ()
    assert early_warnings([]) == ()


monthly = st.lists(
    st.tuples(st.integers(1, 12), st.sampled_from(["East", "West", ""]), st.integers(1, 5)),
    max_size=40,
)


@given(monthly, st.floats(0, 10), st.floats(0, 10), st.integers(1, 4))
def test_a_higher_threshold_flags_no_more_than_a_lower_one(
    rows: list[tuple[int, str, int]], a: float, b: float, window: int
) -> None:
    reports = [report(m, area, s) for m, area, s in rows]
    low, high = sorted((a, b))
    strict = set(early_warnings(reports, WarningRule(window, high)))
    loose = set(early_warnings(reports, WarningRule(window, low)))
    assert strict <= loose


@given(monthly, st.integers(1, 4))
def test_every_warning_is_a_rise_beyond_the_threshold_over_the_window(
    rows: list[tuple[int, str, int]], window: int
) -> None:
    reports = [report(m, area, s) for m, area, s in rows]
    series = monthly_series(reports)
    for w in early_warnings(reports, WarningRule(window, 1.0)):
        i = series.months.index(w.month)
        assert i >= window
        before = series.scores[w.area][i - window : i]
        assert w.score == series.scores[w.area][i]
        assert w.rise == pytest.approx(w.score - sum(before) / window)
        assert w.rise > 1.0
    assert sum(sum(s) for s in series.scores.values()) == sum(r.severity for r in reports)
