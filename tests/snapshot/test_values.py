from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from communitydna.snapshot import (
    PartialDate,
    Precision,
    Quantity,
    format_breakdown,
    parse_bool,
    parse_breakdown,
    split_list,
)


@pytest.mark.parametrize(
    ("value", "expected", "precision"),
    [
        ("2012-07-15", "2012-07-15", Precision.DAY),
        ("2012-07", "2012-07", Precision.MONTH),
        ("2012", "2012", Precision.YEAR),
        (2012, "2012", Precision.YEAR),
        ("July 2012", "2012-07", Precision.MONTH),
        ("november 2008", "2008-11", Precision.MONTH),
        ("Nov 2008", "2008-11", Precision.MONTH),
        ("Sept 2010", "2010-09", Precision.MONTH),
        ("15/07/2012", "2012-07-15", Precision.DAY),
        ("5.7.2012", "2012-07-05", Precision.DAY),
        ("07/2012", "2012-07", Precision.MONTH),
        ("15 July 2012", "2012-07-15", Precision.DAY),
        ("15th July 2012", "2012-07-15", Precision.DAY),
        ("July 15, 2012", "2012-07-15", Precision.DAY),
        ("2012-07-15 00:00:00", "2012-07-15", Precision.DAY),
        (41105, "2012-07-15", Precision.DAY),
        (41105.5, "2012-07-15", Precision.DAY),
        (dt.date(2012, 7, 15), "2012-07-15", Precision.DAY),
        (dt.datetime(2012, 7, 15, 13, 5), "2012-07-15", Precision.DAY),
    ],
)
def test_it_reads_dates_and_keeps_their_precision(
    value: object, expected: str, precision: Precision
) -> None:
    date = PartialDate.parse(value)
    assert str(date) == expected
    assert date.precision is precision


@pytest.mark.parametrize(
    "value", ["", "soon", "2012-13", "31/02/2012", "Smarch 2012", True, -5, 1e12, "0000"]
)
def test_it_rejects_what_is_not_a_date(value: object) -> None:
    with pytest.raises(ValueError):
        PartialDate.parse(value)


def test_a_partial_date_spans_its_whole_period() -> None:
    assert PartialDate(2012).start() == dt.date(2012, 1, 1)
    assert PartialDate(2012).end() == dt.date(2012, 12, 31)
    assert PartialDate(2012, 2).end() == dt.date(2012, 2, 29)
    assert PartialDate(2012, 2, 3).end() == dt.date(2012, 2, 3)


def test_partial_dates_sort_by_start_then_coarser_first() -> None:
    dates = [PartialDate(2012, 1, 5), PartialDate(2012, 1), PartialDate(2012), PartialDate(2011)]
    assert sorted(dates) == [
        PartialDate(2011),
        PartialDate(2012),
        PartialDate(2012, 1),
        PartialDate(2012, 1, 5),
    ]


def test_partial_dates_read_for_people() -> None:
    assert PartialDate(2008, 11).human() == "November 2008"
    assert PartialDate(2008, 11, 3).human() == "3 November 2008"


@given(st.dates(min_value=dt.date(1000, 1, 1)), st.sampled_from(list(Precision)))
def test_a_partial_date_reads_back_from_its_own_text(day: dt.date, precision: Precision) -> None:
    date = PartialDate(
        day.year,
        None if precision is Precision.YEAR else day.month,
        day.day if precision is Precision.DAY else None,
    )
    assert PartialDate.parse(str(date)) == date
    assert PartialDate.parse(date.human()) == date


@pytest.mark.parametrize(
    ("text", "number", "qualifier", "percent"),
    [
        ("42", Decimal(42), None, False),
        ("42.50", Decimal("42.5"), None, False),
        ("1,250", Decimal(1250), None, False),
        ("45%", Decimal(45), None, True),
        ("45 per cent", Decimal(45), None, True),
        ("less than 40%", Decimal(40), "<", True),
        ("< 40", Decimal(40), "<", False),
        ("more than 3.5", Decimal("3.5"), ">", False),
        ("about 200", Decimal(200), "~", False),
        ("at least 10%", Decimal(10), ">=", True),
        ("-3", Decimal(-3), None, False),
        ("£1,000", Decimal(1000), None, False),
    ],
)
def test_it_reads_values_with_qualifiers_and_percentages(
    text: str, number: Decimal, qualifier: str | None, percent: bool
) -> None:
    assert Quantity.parse(text) == Quantity(number, qualifier, percent)


@pytest.mark.parametrize("text", [None, "", "to be determined", "TBD", "tbc", "n/a", "Unknown"])
def test_not_yet_known_values_are_kept_as_unknown_never_zero(text: str | None) -> None:
    value = Quantity.parse(text)
    assert not value.known
    assert value.number is None
    assert str(value) == "to be determined"


def test_a_percent_formatted_cell_is_read_as_a_percentage() -> None:
    assert Quantity.parse(0.45, percent_format=True) == Quantity(Decimal(45), None, True)
    assert Quantity.parse(0.45) == Quantity(Decimal("0.45"))


@pytest.mark.parametrize("text", ["lots", "40%%", "about", "1e9999", "nan"])
def test_it_rejects_values_with_no_readable_number(text: str) -> None:
    with pytest.raises(ValueError):
        Quantity.parse(text)


@given(
    st.decimals(allow_nan=False, allow_infinity=False, places=3, min_value=-1e6, max_value=1e6),
    st.sampled_from([None, "<", "<=", ">", ">=", "~"]),
    st.booleans(),
)
def test_a_quantity_reads_back_from_its_own_text(
    number: Decimal, qualifier: str | None, percent: bool
) -> None:
    value = Quantity.parse(str(Quantity(number, qualifier, percent)))
    assert value.qualifier == qualifier
    assert value.percent == percent
    assert value.number == number


def test_it_reads_yes_and_no_with_a_default_for_blank() -> None:
    assert parse_bool("YES") is True
    assert parse_bool("n") is False
    assert parse_bool(" ", default=True) is True
    with pytest.raises(ValueError):
        parse_bool("perhaps")


def test_lists_split_on_semicolons_and_new_lines() -> None:
    assert split_list("a; b\nc\r\n; ;d") == ("a", "b", "c", "d")
    assert split_list(None) == ()


def test_breakdowns_read_and_write_back() -> None:
    pairs = parse_breakdown("age=16-24; Ethnicity=Pakistani\ngender = female")
    assert pairs == (("age", "16-24"), ("ethnicity", "Pakistani"), ("gender", "female"))
    assert parse_breakdown(format_breakdown(pairs)) == pairs
    with pytest.raises(ValueError):
        parse_breakdown("=x")
