"""Progress of a performance indicator against its target.

Decisions
---------
Which way is better
    The indicator's ``direction`` (up or down); without one, the way from the baseline to
    the target, when both are known and differ. Without either, only a value equal to the
    target is known to meet it; any other leaves ``met`` unknown.
What "met" means
    A target written with a qualifier states its own condition (``less than 40%`` is met by
    any value below 40); a plain or approximate target is met by a value at or beyond it in
    the better direction. A value with a qualifier is a range (``less than 40%`` is any value
    below 40), so whether it meets the target may be unknown: then ``met`` is ``None``,
    never a guess.
How far along
    ``share`` is the fraction of the way from the baseline to the target that the actual
    value has come: 0 at the baseline, 1 at the target, negative when it went the other way.
    It needs all three numbers and a target that differs from the baseline; it is marked
    inexact when any of them carries a qualifier.
Not known
    A value that is blank or "to be determined" has no number and gives no progress: the
    result says what is missing and every figure is ``None``, never zero.
Percentages
    ``42`` and ``42%`` are compared as the same number; plans write them both ways.
Which values
    :func:`indicator_progress` compares one series (an area and a breakdown, by default the
    whole place with no breakdown): the earliest baseline, the latest actual (by period), and
    the target for the actual's period, else the last target.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache

from communitydna.snapshot import Direction, Indicator, Observation, ObservationKind, Quantity

__all__ = [
    "IndicatorProgress",
    "Standing",
    "indicator_progress",
    "period_key",
    "progress_against_target",
]


class Standing(StrEnum):
    """Where an indicator stands against its target, in words a report can use."""

    MET = "target met"
    ON_THE_WAY = "on the way"
    NO_CHANGE = "no change"
    WRONG_WAY = "going the wrong way"
    NOT_MET = "target not met"
    UNCLEAR = "cannot tell"
    NOT_KNOWN = "not known"


@dataclass(frozen=True, slots=True)
class IndicatorProgress:
    """An indicator's actual value compared with its baseline and target.

    Attributes
    ----------
    baseline, target, actual : Observation or None
        The observations compared (``None`` when there is none).
    better : Direction or None
        The direction that is better, as given or inferred.
    met : bool or None
        Whether the actual value meets the target; ``None`` when that cannot be known.
    share : Decimal or None
        The fraction of the way from the baseline to the target (1 = there).
    improved : bool or None
        Whether the actual value is better than the baseline.
    exact : bool
        False when a qualifier (``less than``, ``about``) makes the comparison approximate.
    standing : Standing
    words : str
        One sentence for a report, e.g. ``"62% of the way from the baseline to the target"``.
    """

    baseline: Observation | None
    target: Observation | None
    actual: Observation | None
    better: Direction | None
    met: bool | None
    share: Decimal | None
    improved: bool | None
    exact: bool
    standing: Standing
    words: str


_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        1,
    )
    for name in names
}


@lru_cache(maxsize=4096)  # sorting and charting ask for the same few periods over and over
def period_key(period: str) -> tuple[int, int, str]:
    """A key that sorts periods as plans write them: by year, then month or quarter.

    ``2007/08`` (a financial year) sorts with 2007; ``2008-05``, ``May 2008`` and
    ``Q2 2008`` by their month; periods without a year come last, by their text.

    Examples
    --------
    >>> sorted(["2009/10", "Q2 2008", "2008-01", "2007/08", "later"], key=period_key)
    ['2007/08', '2008-01', 'Q2 2008', '2009/10', 'later']
    >>> period_key("May 2008")
    (2008, 5, 'may 2008')
    """
    text = " ".join(period.split()).lower()
    found = _YEAR.search(text)
    if found is None:
        return (10_000, 0, text)
    year = int(found.group(1))
    rest = text[found.end() :]
    month = 0
    numeric = re.match(r"\s*-\s*(\d{1,2})(?!\d)", rest)
    quarter = re.search(r"\bq([1-4])\b", text)
    named = re.search(r"[a-z]+", text[: found.start()] + " " + rest)
    if numeric and 1 <= int(numeric.group(1)) <= 12:
        month = int(numeric.group(1))
    elif quarter:
        month = 3 * int(quarter.group(1)) - 2
    elif named and named.group(0) in _MONTHS:
        month = _MONTHS[named.group(0)]
    return (year, month, text)


# -- comparing values -------------------------------------------------------------------------

_Bound = tuple[Decimal | None, bool]  # (number or None for no bound, open)


def _interval(value: Quantity) -> tuple[_Bound, _Bound]:
    """The range of numbers a value stands for: ``less than 40`` is (-inf, 40)."""
    x = value.number
    assert x is not None
    q = value.qualifier
    if q == "<":
        return (None, True), (x, True)
    if q == "<=":
        return (None, True), (x, False)
    if q == ">":
        return (x, True), (None, True)
    if q == ">=":
        return (x, False), (None, True)
    return (x, False), (x, False)


def _condition(target: Quantity, better: Direction | None) -> str | None:
    if target.qualifier in {"<", "<=", ">", ">="}:
        return target.qualifier
    if better is Direction.UP:
        return ">="
    if better is Direction.DOWN:
        return "<="
    return None


def _meets(actual: Quantity, op: str | None, t: Decimal) -> bool | None:
    (low, low_open), (high, high_open) = _interval(actual)
    if op is None:  # which way is better is unknown: only reaching the target exactly tells
        return True if low == high == t else None
    if op == ">=":
        every = low is not None and low >= t
        none = high is not None and (high < t or (high == t and high_open))
    elif op == ">":
        every = low is not None and (low > t or (low == t and low_open))
        none = high is not None and high <= t
    elif op == "<=":
        every = high is not None and high <= t
        none = low is not None and (low > t or (low == t and low_open))
    else:  # "<"
        every = high is not None and (high < t or (high == t and high_open))
        none = low is not None and low >= t
    if every:
        return True
    if none:
        return False
    return None


def _percent(share: Decimal) -> str:
    return f"{(share * 100).quantize(Decimal(1)):f}%"


def _missing(what: str, observation: Observation | None) -> str:
    if observation is None:
        return f"no {what} has been recorded"
    return f"the {what} is to be determined"


def progress_against_target(
    baseline: Observation | None,
    target: Observation | None,
    actual: Observation | None,
    direction: Direction | None = None,
) -> IndicatorProgress:
    """Compare an actual value with its baseline and target, in the better direction.

    Parameters
    ----------
    baseline, target, actual : Observation or None
    direction : Direction or None
        Which way is better; inferred from the baseline and target when ``None``.

    Returns
    -------
    IndicatorProgress

    Examples
    --------
    >>> from decimal import Decimal as D
    >>> from communitydna.snapshot import ObservationKind as K
    >>> def obs(kind, text):
    ...     return Observation("ni1", "2008", kind, Quantity.parse(text))
    >>> p = progress_against_target(
    ...     obs(K.BASELINE, "20%"), obs(K.TARGET, "10%"), obs(K.ACTUAL, "16%"), Direction.DOWN
    ... )
    >>> p.share, p.met, p.words
    (Decimal('0.4'), False, '40% of the way from the baseline to the target')
    >>> progress_against_target(
    ...     obs(K.BASELINE, "20%"), obs(K.TARGET, "10%"), obs(K.ACTUAL, "less than 8%")
    ... ).words
    'target met'
    >>> p = progress_against_target(
    ...     obs(K.BASELINE, "to be determined"), obs(K.TARGET, "10%"), obs(K.ACTUAL, "12%")
    ... )
    >>> p.share, p.met, p.words
    (None, None, 'cannot tell whether the target is met: the baseline is to be determined')
    """
    b = baseline.value if baseline is not None else Quantity()
    t = target.value if target is not None else Quantity()
    a = actual.value if actual is not None else Quantity()
    better = direction
    if better is None and b.number is not None and t.number is not None and b.number != t.number:
        better = Direction.UP if t.number > b.number else Direction.DOWN
    exact = all(q.qualifier is None for q in (b, t, a) if q.known)

    def result(
        standing: Standing,
        words: str,
        met: bool | None = None,
        share: Decimal | None = None,
        improved: bool | None = None,
    ) -> IndicatorProgress:
        return IndicatorProgress(
            baseline, target, actual, better, met, share, improved, exact, standing, words
        )

    if a.number is None:
        return result(Standing.NOT_KNOWN, "not known: " + _missing("actual value", actual))
    if t.number is None:
        return result(Standing.NOT_KNOWN, "not known: " + _missing("target", target))
    met = _meets(a, _condition(t, better), t.number)
    improved: bool | None = None
    share: Decimal | None = None
    if b.number is not None:
        if better is Direction.UP:
            improved = a.number > b.number
        elif better is Direction.DOWN:
            improved = a.number < b.number
        if t.number != b.number:
            share = (a.number - b.number) / (t.number - b.number)
            share = share.quantize(Decimal("0.0001")).normalize()
    about = "" if exact else "about "
    if met is True:
        return result(Standing.MET, "target met", True, share, improved)
    if met is None:
        reason = (
            "the baseline is to be determined"
            if baseline is not None and b.number is None
            else f"the value is {a}"
            if a.qualifier
            else "the indicator does not say which way is better"
        )
        return result(
            Standing.UNCLEAR,
            f"cannot tell whether the target is met: {reason}",
            None,
            share,
            improved,
        )
    if share is None:
        words = "target not met yet"
        if baseline is not None and b.number is None:
            words += " (progress since the baseline is not known: it is to be determined)"
        return result(Standing.NOT_MET, words, False, None, improved)
    if share > 0:
        return result(
            Standing.ON_THE_WAY,
            f"{about}{_percent(share)} of the way from the baseline to the target",
            False,
            share,
            improved,
        )
    if share == 0:
        return result(Standing.NO_CHANGE, "no change from the baseline", False, share, improved)
    return result(
        Standing.WRONG_WAY,
        "moving away from the target (worse than the baseline)",
        False,
        share,
        improved,
    )


def _latest(observations: Iterable[Observation]) -> Observation | None:
    ordered = sorted(observations, key=lambda o: period_key(o.period))
    known = [o for o in ordered if o.value.known]
    if known:
        return known[-1]
    return ordered[-1] if ordered else None


def indicator_progress(
    indicator: Indicator,
    observations: Iterable[Observation],
    *,
    area: str = "",
    breakdown: tuple[tuple[str, str], ...] = (),
) -> IndicatorProgress:
    """Progress of one series of an indicator (an area and breakdown; the place by default).

    The earliest baseline, the latest actual value that is known (else the latest one, to
    be determined), and the target of the actual's period, else the last target.

    Examples
    --------
    >>> from communitydna.snapshot import Indicator, ObservationKind as K
    >>> ni = Indicator("ni1", "Belonging", unit="%", direction=Direction.UP)
    >>> rows = [
    ...     Observation("ni1", "2007/08", K.BASELINE, Quantity.parse("40%")),
    ...     Observation("ni1", "2010/11", K.TARGET, Quantity.parse("50%")),
    ...     Observation("ni1", "2008/09", K.ACTUAL, Quantity.parse("45%")),
    ...     Observation("ni1", "2009/10", K.ACTUAL, Quantity.parse("to be determined")),
    ... ]
    >>> p = indicator_progress(ni, rows)
    >>> p.actual.period, p.words
    ('2008/09', '50% of the way from the baseline to the target')
    """
    series = [
        o
        for o in observations
        if o.indicator == indicator.id
        and o.area.strip().casefold() == area.strip().casefold()
        and o.breakdown == breakdown
    ]

    def of(kind: ObservationKind) -> list[Observation]:
        return sorted((o for o in series if o.kind is kind), key=lambda o: period_key(o.period))

    baselines = of(ObservationKind.BASELINE)
    targets = of(ObservationKind.TARGET)
    actual = _latest(of(ObservationKind.ACTUAL))
    target = None
    if actual is not None:
        target = next((t for t in targets if t.period == actual.period), None)
    if target is None and targets:
        target = targets[-1]
    return progress_against_target(
        baselines[0] if baselines else None, target, actual, indicator.direction
    )
