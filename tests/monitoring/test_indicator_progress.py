"""Progress against target goes the right way, keeps qualifiers and never invents a zero."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from communitydna.monitoring import Standing, indicator_progress, period_key
from communitydna.monitoring import progress_against_target as progress
from communitydna.snapshot import Direction, Indicator, Observation, ObservationKind, Quantity

K = ObservationKind


def obs(kind: ObservationKind, value: str, period: str = "2008", **kw: object) -> Observation:
    return Observation("ni", period, kind, Quantity.parse(value), **kw)  # type: ignore[arg-type]


def test_a_fall_towards_a_lower_target_is_progress() -> None:
    p = progress(
        obs(K.BASELINE, "30%"), obs(K.TARGET, "20%"), obs(K.ACTUAL, "27.5%"), Direction.DOWN
    )
    assert p.share == Decimal("0.25")  # (27.5 - 30) / (20 - 30)
    assert (p.met, p.improved, p.standing) == (False, True, Standing.ON_THE_WAY)
    assert p.words == "25% of the way from the baseline to the target"


def test_a_rise_when_lower_is_better_is_going_the_wrong_way() -> None:
    p = progress(obs(K.BASELINE, "30"), obs(K.TARGET, "20"), obs(K.ACTUAL, "33"), Direction.DOWN)
    assert p.share == Decimal("-0.3")
    assert (p.met, p.improved, p.standing) == (False, False, Standing.WRONG_WAY)


def test_reaching_or_passing_the_target_in_the_better_direction_meets_it() -> None:
    for actual in ("50", "51", "50%"):
        p = progress(
            obs(K.BASELINE, "40"), obs(K.TARGET, "50"), obs(K.ACTUAL, actual), Direction.UP
        )
        assert p.met is True
        assert p.standing is Standing.MET
    p = progress(obs(K.BASELINE, "40"), obs(K.TARGET, "50"), obs(K.ACTUAL, "60"), Direction.UP)
    assert p.share == 2


def test_the_direction_is_inferred_from_the_baseline_and_target_when_not_given() -> None:
    p = progress(obs(K.BASELINE, "10"), obs(K.TARGET, "4"), obs(K.ACTUAL, "3"))
    assert (p.better, p.met) == (Direction.DOWN, True)


@pytest.mark.parametrize(
    ("actual", "target", "direction", "met"),
    [
        ("less than 40%", "40%", Direction.DOWN, True),  # every value below 40 meets at most 40
        ("less than 40%", "40%", Direction.UP, False),  # no value below 40 reaches 40
        ("less than 40%", "35%", Direction.DOWN, None),  # 30 would meet it, 38 would not
        ("more than 40%", "40%", Direction.UP, True),
        ("at least 40%", "40%", Direction.UP, True),
        ("at most 40%", "40%", Direction.UP, None),
        ("40%", "less than 40%", Direction.DOWN, False),  # the target's own condition
        ("39.9%", "less than 40%", Direction.DOWN, True),
        ("about 50", "50", Direction.UP, True),
    ],
)
def test_qualifiers_make_ranges_and_an_unknowable_result_stays_unknown(
    actual: str, target: str, direction: Direction, met: bool | None
) -> None:
    p = progress(obs(K.BASELINE, "45%"), obs(K.TARGET, target), obs(K.ACTUAL, actual), direction)
    assert p.met is met
    assert p.exact is False or "about" not in actual


def test_an_approximate_value_says_its_share_is_approximate() -> None:
    p = progress(
        obs(K.BASELINE, "40"), obs(K.TARGET, "60"), obs(K.ACTUAL, "about 50"), Direction.UP
    )
    assert p.words == "about 50% of the way from the baseline to the target"


@pytest.mark.parametrize("missing", ["baseline", "target", "actual"])
def test_to_be_determined_gives_no_progress_and_never_zero(missing: str) -> None:
    values = {"baseline": "40", "target": "50", "actual": "45"}
    values[missing] = "to be determined"
    p = progress(
        obs(K.BASELINE, values["baseline"]),
        obs(K.TARGET, values["target"]),
        obs(K.ACTUAL, values["actual"]),
        Direction.UP,
    )
    assert p.share is None
    assert "to be determined" in p.words
    if missing != "baseline":
        assert p.standing is Standing.NOT_KNOWN
        assert (p.met, p.improved) == (None, None)


def test_nothing_recorded_says_so() -> None:
    p = progress(None, None, None, Direction.UP)
    assert p.words == "not known: no actual value has been recorded"


def test_the_series_compares_the_earliest_baseline_latest_actual_and_its_periods_target() -> None:
    ni = Indicator("ni", "Jobs", direction=Direction.UP)
    rows = [
        obs(K.ACTUAL, "48", "2009/10"),
        obs(K.BASELINE, "40", "2007/08"),
        obs(K.BASELINE, "41", "2008/09"),
        obs(K.TARGET, "50", "2009/10"),
        obs(K.TARGET, "60", "2010/11"),
        obs(K.ACTUAL, "44", "2008/09"),
        obs(K.ACTUAL, "99", "2009/10", area="East"),
        obs(K.ACTUAL, "1", "2009/10", breakdown=(("age", "16-24"),)),
    ]
    p = indicator_progress(ni, rows)
    assert p.baseline is not None
    assert p.baseline.period == "2007/08"
    assert p.actual is not None
    assert str(p.actual.value) == "48"
    assert p.target is not None
    assert p.target.period == "2009/10"
    assert p.share == Decimal("0.8")
    east = indicator_progress(ni, rows, area="east")
    assert east.actual is not None
    assert str(east.actual.value) == "99"
    assert east.words == "not known: no target has been recorded"


def test_periods_sort_as_plans_write_them() -> None:
    periods = ["2010", "2008-11", "November 2008", "2008/09", "Q1 2009", "2007"]
    assert sorted(periods, key=period_key) == [
        "2007",
        "2008/09",
        "2008-11",
        "November 2008",
        "Q1 2009",
        "2010",
    ]


numbers = st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False)


@given(numbers, numbers, numbers, st.sampled_from(list(Direction)))
def test_progress_always_points_the_better_way(
    baseline: Decimal, target: Decimal, actual: Decimal, direction: Direction
) -> None:
    def q(x: Decimal) -> Observation:
        return Observation("ni", "2008", K.ACTUAL, Quantity(x))

    p = progress(q(baseline), q(target), q(actual), direction)
    better = actual >= target if direction is Direction.UP else actual <= target
    assert p.met is better
    if actual != baseline:
        assert p.improved is ((actual > baseline) == (direction is Direction.UP))
    if target != baseline:
        assert p.share is not None
        # reaching the target is a share of one, whatever the direction
        if actual == target:
            assert p.share == 1
    else:
        assert p.share is None
