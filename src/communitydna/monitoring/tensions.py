"""Community tension reports month by month, and the early-warning rule.

Decisions
---------
The score of a month
    For an area (or a category) and a month, the sum of the severities of the reports
    (``measure="severity"``, the default) or their number (``measure="reports"``). A month
    with no report scores 0. Reports dated only to a year cannot be placed in a month and
    are left out of the monthly series.
The months
    From the month of the first report of the study to the last (or to ``until``), with no
    gaps, the same for every area, so a quiet area's zeros count in its average.
The early-warning rule
    An area is flagged in a month when its score rises above its average over the
    ``window`` months before by more than ``threshold``. A month is judged only once it has
    a full window of months before it, so the first months of a series never raise a false
    alarm. The threshold is in the units of the score (severity points, or reports) and is
    set per workspace.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal

from communitydna.snapshot import TensionReport

__all__ = [
    "EarlyWarning",
    "Month",
    "MonthlySeries",
    "WarningRule",
    "early_warnings",
    "monthly_series",
]


@dataclass(frozen=True, slots=True, order=True)
class Month:
    """A calendar month.

    >>> Month(2023, 12).next(), str(Month(2023, 4))
    (Month(year=2024, month=1), '2023-04')
    """

    year: int
    month: int

    def next(self) -> Month:
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def human(self) -> str:
        """``April 2023``."""
        import calendar

        return f"{calendar.month_name[self.month]} {self.year}"


def _month(report: TensionReport) -> Month | None:
    if report.date.month is None:
        return None
    return Month(report.date.year, report.date.month)


Measure = Literal["severity", "reports"]
By = Literal["area", "category"]


@dataclass(frozen=True, slots=True)
class WarningRule:
    """How the early-warning rule is set for a workspace.

    Attributes
    ----------
    window : int
        Months in the trailing average (at least 1).
    threshold : float
        How far above the trailing average a month's score must rise to flag the area.
    measure : str
        ``"severity"`` (the sum of the reports' severities) or ``"reports"`` (their number).
    """

    window: int = 3
    threshold: float = 2.0
    measure: Measure = "severity"

    def __post_init__(self) -> None:
        if self.window < 1:
            raise ValueError("the window of the trailing average must be at least one month")
        if self.threshold < 0:
            raise ValueError("the threshold cannot be negative")
        if self.measure not in ("severity", "reports"):
            raise ValueError("the measure is 'severity' or 'reports'")


@dataclass(frozen=True, slots=True)
class MonthlySeries:
    """Scores per key (area or category) and month, over one run of months.

    ``scores[key][i]`` is the score of ``key`` in ``months[i]``; keys are sorted, with the
    blank key (reports with no area or category) written as ``"(not given)"``.
    """

    months: tuple[Month, ...] = ()
    scores: dict[str, tuple[int, ...]] = field(default_factory=dict)

    def total(self, key: str) -> int:
        return sum(self.scores.get(key, ()))


NOT_GIVEN = "(not given)"


def monthly_series(
    reports: Iterable[TensionReport],
    *,
    by: By = "area",
    measure: Measure = "severity",
    until: Month | None = None,
) -> MonthlySeries:
    """Tension scores per area (or category) and month.

    Examples
    --------
    >>> from communitydna.snapshot import PartialDate as D, TensionReport as T
    >>> s = monthly_series([T(D(2023, 1), "East", severity=2), T(D(2023, 3), "East", severity=4),
    ...                     T(D(2023, 3, 9), "West", severity=1)])
    >>> [str(m) for m in s.months], s.scores
    (['2023-01', '2023-02', '2023-03'], {'East': (2, 0, 4), 'West': (0, 0, 1)})
    """
    placed: list[tuple[Month, str, int]] = []
    for r in reports:
        month = _month(r)
        if month is None:
            continue
        key = (r.area if by == "area" else r.category).strip() or NOT_GIVEN
        placed.append((month, key, r.severity if measure == "severity" else 1))
    if not placed:
        return MonthlySeries()
    first = min(m for m, _, _ in placed)
    last = max(m for m, _, _ in placed) if until is None else until
    months: list[Month] = []
    month = first
    while month <= last:
        months.append(month)
        month = month.next()
    position = {m: i for i, m in enumerate(months)}
    table: dict[str, list[int]] = {}
    for month, key, score in placed:
        row = table.setdefault(key, [0] * len(months))
        if month in position:
            row[position[month]] += score
    return MonthlySeries(tuple(months), {k: tuple(table[k]) for k in sorted(table)})


@dataclass(frozen=True, slots=True)
class EarlyWarning:
    """An area flagged in a month: its score, the trailing average and the rise."""

    area: str
    month: Month
    score: int
    average: float
    rise: float


def early_warnings(
    reports: Iterable[TensionReport],
    rule: WarningRule | None = None,
    *,
    until: Month | None = None,
) -> tuple[EarlyWarning, ...]:
    """Every area and month the early-warning rule flags, by month then area.

    Parameters
    ----------
    reports : iterable of TensionReport
    rule : WarningRule, optional
        The workspace's rule; three months and a rise of 2 severity points by default.
    until : Month, optional
        The last month to judge (months after the last report then score 0).

    Examples
    --------
    >>> from communitydna.snapshot import PartialDate as D, TensionReport as T
    >>> reports = [T(D(2023, m), "East", severity=s) for m, s in [(1, 1), (2, 2), (3, 3), (4, 5)]]
    >>> reports += [T(D(2023, 4), "East", severity=3)]
    >>> [(w.area, str(w.month), w.score, w.average, w.rise) for w in early_warnings(reports)]
    [('East', '2023-04', 8, 2.0, 6.0)]
    >>> early_warnings(reports, WarningRule(threshold=6))
    ()
    """
    rule = rule or WarningRule()
    series = monthly_series(reports, by="area", measure=rule.measure, until=until)
    threshold = Fraction(rule.threshold)
    found: list[EarlyWarning] = []
    for i in range(rule.window, len(series.months)):
        for area, scores in series.scores.items():
            average = Fraction(sum(scores[i - rule.window : i]), rule.window)
            rise = scores[i] - average
            if rise > threshold:
                found.append(
                    EarlyWarning(area, series.months[i], scores[i], float(average), float(rise))
                )
    return tuple(found)
