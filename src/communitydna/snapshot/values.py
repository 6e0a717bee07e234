"""Small value types that people write in spreadsheets, and their parsers.

- :class:`PartialDate` — a date precise to the day, the month or the year, which keeps that
  precision (``2012``, ``2012-07``, ``July 2012``, ``2012-07-15``, an Excel serial number).
- :class:`Quantity` — an indicator value with its qualifier (``less than 40%``), or not yet
  known (blank, ``to be determined``).
- :func:`split_list`, :func:`parse_bool`, :func:`parse_breakdown` — lists in a cell,
  yes/no, and ``key=value`` breakdowns.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import total_ordering

__all__ = [
    "PartialDate",
    "Precision",
    "Quantity",
    "format_breakdown",
    "parse_bool",
    "parse_breakdown",
    "split_list",
]


class Precision(StrEnum):
    YEAR = "year"
    MONTH = "month"
    DAY = "day"


_MONTHS: dict[str, int] = {}
for _i in range(1, 13):
    _MONTHS[calendar.month_name[_i].lower()] = _i
    _MONTHS[calendar.month_abbr[_i].lower()] = _i
_MONTHS["sept"] = 9

# Excel's day zero for the 1900 date system (serial 1 = 1900-01-01, with the 1900 leap bug).
_EXCEL_EPOCH = dt.date(1899, 12, 30)


@total_ordering
@dataclass(frozen=True, slots=True)
class PartialDate:
    """A calendar date known to the year, the month or the day.

    Ordering compares the first day of each period, then the precision (coarser first), so
    sorting is stable and ``2012`` sorts before ``2012-01``.

    Examples
    --------
    >>> PartialDate.parse("July 2012")
    PartialDate(year=2012, month=7, day=None)
    >>> str(PartialDate.parse("15/07/2012"))
    '2012-07-15'
    >>> PartialDate.parse("2012").end()
    datetime.date(2012, 12, 31)
    >>> str(PartialDate.parse(41105))  # an Excel date serial
    '2012-07-15'
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise ValueError(f"year {self.year} is out of range")
        if self.month is None and self.day is not None:
            raise ValueError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} is out of range")
        if self.day is not None:
            assert self.month is not None
            dt.date(self.year, self.month, self.day)  # raises ValueError if impossible

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    def start(self) -> dt.date:
        """The first day of the period."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def end(self) -> dt.date:
        """The last day of the period."""
        if self.day is not None:
            return self.start()
        if self.month is not None:
            return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return dt.date(self.year, 12, 31)

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def human(self) -> str:
        """For reports: ``15 July 2012``, ``July 2012`` or ``2012``."""
        if self.month is None:
            return str(self.year)
        name = calendar.month_name[self.month]
        if self.day is None:
            return f"{name} {self.year}"
        return f"{self.day} {name} {self.year}"

    def _key(self) -> tuple[dt.date, int]:
        order = {Precision.YEAR: 0, Precision.MONTH: 1, Precision.DAY: 2}
        return (self.start(), order[self.precision])

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() < other._key()

    @classmethod
    def from_date(cls, value: dt.date) -> PartialDate:
        return cls(value.year, value.month, value.day)

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        """Read a date as a spreadsheet gives it.

        Accepts ``datetime.date``/``datetime``, an Excel serial number, ``YYYY``,
        ``YYYY-MM``, ``YYYY-MM-DD`` (also with ``/``), ``DD/MM/YYYY`` (UK order),
        ``MM/YYYY``, ``July 2012``, ``Jul 2012``, ``15 July 2012``, ``July 15, 2012``.

        Raises
        ------
        ValueError
            If the value is not a date.
        """
        if isinstance(value, dt.datetime):
            return cls.from_date(value.date())
        if isinstance(value, dt.date):
            return cls.from_date(value)
        if isinstance(value, bool):
            raise ValueError(f"{value!r} is not a date")
        if isinstance(value, int | float | Decimal):
            number = float(value)
            if number.is_integer() and 1000 <= number <= 9999:
                return cls(int(number))
            if number.is_integer() and 1 <= number <= 2958465:
                return cls.from_date(_EXCEL_EPOCH + dt.timedelta(days=int(number)))
            if 1 <= number <= 2958465:
                # A date-time serial: the fraction is the time of day, which we drop.
                return cls.from_date(_EXCEL_EPOCH + dt.timedelta(days=int(number)))
            raise ValueError(f"{value!r} is not a date")
        text = str(value).strip()
        if not text:
            raise ValueError("the date is blank")
        try:
            return cls._parse_text(text)
        except ValueError as exc:
            raise ValueError(
                f"{text!r} is not a date; write it as 2012-07-15, 2012-07, July 2012 or 2012"
            ) from exc

    @classmethod
    def _parse_text(cls, text: str) -> PartialDate:
        t = text.strip().lower().rstrip(".")
        t = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", t)
        t = re.sub(r"\s+", " ", t)
        # ISO-like, possibly with a time part from a datetime turned into text
        m = re.fullmatch(
            r"(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?(?:[ t]\d{1,2}:\d{2}.*)?", t
        )
        if m:
            y, mo, d = m.groups()
            return cls(int(y), int(mo) if mo else None, int(d) if d else None)
        m = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", t)
        if m:
            d, mo, y = m.groups()
            return cls(int(y), int(mo), int(d))
        m = re.fullmatch(r"(\d{1,2})[-/.](\d{4})", t)
        if m:
            mo, y = m.groups()
            return cls(int(y), int(mo))
        m = re.fullmatch(r"([a-z]+),? (\d{4})", t)
        if m and m.group(1) in _MONTHS:
            return cls(int(m.group(2)), _MONTHS[m.group(1)])
        m = re.fullmatch(r"(\d{1,2}) ([a-z]+),? (\d{4})", t)
        if m and m.group(2) in _MONTHS:
            return cls(int(m.group(3)), _MONTHS[m.group(2)], int(m.group(1)))
        m = re.fullmatch(r"([a-z]+) (\d{1,2}),? (\d{4})", t)
        if m and m.group(1) in _MONTHS:
            return cls(int(m.group(3)), _MONTHS[m.group(1)], int(m.group(2)))
        m = re.fullmatch(r"([a-z]+)[- ](\d{2})", t)  # "Nov-08", Excel's mmm-yy
        if m and m.group(1) in _MONTHS:
            return cls(2000 + int(m.group(2)), _MONTHS[m.group(1)])
        raise ValueError(text)


_QUALIFIERS: tuple[tuple[str, str], ...] = (
    ("less than or equal to", "<="),
    ("more than or equal to", ">="),
    ("greater than or equal to", ">="),
    ("at least", ">="),
    ("at most", "<="),
    ("no more than", "<="),
    ("no less than", ">="),
    ("less than", "<"),
    ("fewer than", "<"),
    ("under", "<"),
    ("below", "<"),
    ("more than", ">"),
    ("greater than", ">"),
    ("over", ">"),
    ("above", ">"),
    ("approximately", "~"),
    ("approx.", "~"),
    ("approx", "~"),
    ("around", "~"),
    ("about", "~"),
    ("circa", "~"),
    ("c.", "~"),
    ("<=", "<="),
    ("≤", "<="),
    (">=", ">="),
    ("≥", ">="),
    ("<", "<"),
    (">", ">"),
    ("~", "~"),
)
_QUALIFIER_WORDS = {
    "<": "less than",
    "<=": "at most",
    ">": "more than",
    ">=": "at least",
    "~": "about",
}
_UNKNOWN = {
    "",
    "tbd",
    "tbc",
    "to be determined",
    "to be confirmed",
    "n/a",
    "na",
    "unknown",
    "-",
    "?",
}


@dataclass(frozen=True, slots=True)
class Quantity:
    """An indicator value: a number with an optional qualifier and percent sign, or unknown.

    ``number`` is ``None`` when the value is not yet known (blank or "to be determined"); it
    is never turned into zero. ``qualifier`` is one of ``<``, ``<=``, ``>``, ``>=``, ``~``.

    Examples
    --------
    >>> Quantity.parse("less than 40%")
    Quantity(number=Decimal('40'), qualifier='<', percent=True)
    >>> str(Quantity.parse("less than 40%"))
    'less than 40%'
    >>> Quantity.parse("to be determined").known
    False
    >>> str(Quantity.parse("1,250"))
    '1250'
    """

    number: Decimal | None = None
    qualifier: str | None = None
    percent: bool = False

    @property
    def known(self) -> bool:
        return self.number is not None

    def __str__(self) -> str:
        if self.number is None:
            return "to be determined"
        text = _format_decimal(self.number) + ("%" if self.percent else "")
        if self.qualifier:
            text = f"{_QUALIFIER_WORDS[self.qualifier]} {text}"
        return text

    def as_float(self) -> float | None:
        return None if self.number is None else float(self.number)

    @classmethod
    def parse(cls, value: object, *, percent_format: bool = False) -> Quantity:
        """Read a value as typed or as a spreadsheet stores it.

        Parameters
        ----------
        value
            Text, a number or ``None``.
        percent_format : bool
            True when the spreadsheet cell is formatted as a percentage, so a stored
            ``0.45`` means 45%.

        Raises
        ------
        ValueError
            If the text holds no readable number.
        """
        if value is None:
            return cls()
        if isinstance(value, bool):
            raise ValueError(f"{value!r} is not a number")
        if isinstance(value, int | float | Decimal):
            number = _to_decimal(value)
            if percent_format:
                return cls(_normalise(number * 100), None, True)
            return cls(number)
        text = str(value).strip()
        if text.lower().rstrip(".") in _UNKNOWN:
            return cls()
        lowered = text.lower()
        qualifier = None
        for word, symbol in _QUALIFIERS:
            if lowered.startswith(word):
                qualifier = symbol
                lowered = lowered[len(word) :].strip()
                break
        percent = False
        if lowered.endswith("%"):
            percent = True
            lowered = lowered[:-1].strip()
        elif lowered.endswith(("per cent", "percent")):
            percent = True
            lowered = re.sub(r"\s*per ?cent$", "", lowered)
        lowered = lowered.replace(",", "").replace("£", "").strip()
        try:
            number = _to_decimal(lowered)
        except (InvalidOperation, ValueError):
            raise ValueError(
                f"{text!r} is not a number; write e.g. 42, 42%, less than 40%, about 3.5, "
                "or 'to be determined'"
            ) from None
        return cls(number, qualifier, percent)


_LARGEST = Decimal("1e15")


def _to_decimal(value: object) -> Decimal:
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError("not a finite number")
        number = Decimal(repr(value))
    else:
        number = Decimal(str(value))
    if not number.is_finite():
        raise ValueError("not a finite number")
    if abs(number) >= _LARGEST:
        raise ValueError("too large to be an indicator value")
    return _normalise(number)


def _normalise(number: Decimal) -> Decimal:
    # 40.0 and 40 are the same value; keep one spelling so round trips compare equal.
    if number == number.to_integral_value():
        return Decimal(int(number))
    return number.normalize()


def _format_decimal(number: Decimal) -> str:
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


_TRUE = {"yes", "y", "true", "t", "1", "x", "✓", "✔"}
_FALSE = {"no", "n", "false", "f", "0", ""}


def parse_bool(value: object, *, default: bool = False) -> bool:
    """Read yes/no. Blank gives ``default``.

    >>> parse_bool("Yes"), parse_bool(""), parse_bool(None, default=True)
    (True, False, True)
    """
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    text = str(value).strip().lower()
    if text == "":
        return default
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"{value!r} is not yes or no")


def split_list(value: object) -> tuple[str, ...]:
    """Split a cell holding a list, separated by ``;`` or new lines. Blank items are dropped.

    >>> split_list("bme; women\\nyouth")
    ('bme', 'women', 'youth')
    """
    if value is None:
        return ()
    text = str(value)
    return tuple(p.strip() for p in re.split(r"[;\r\n]+", text) if p.strip())


def parse_breakdown(value: object) -> tuple[tuple[str, str], ...]:
    """Read ``age=16-24; ethnicity=Pakistani`` into ordered key/value pairs.

    Keys are lower-cased; a bare value without ``=`` is kept under the key ``group``.

    >>> parse_breakdown("Age=16-24; ethnicity = Pakistani")
    (('age', '16-24'), ('ethnicity', 'Pakistani'))
    """
    pairs: list[tuple[str, str]] = []
    for item in split_list(value):
        if "=" in item:
            key, _, val = item.partition("=")
            key = key.strip().lower()
            if not key:
                raise ValueError(f"{item!r} has no name before '='")
            pairs.append((key, val.strip()))
        else:
            pairs.append(("group", item))
    return tuple(pairs)


def format_breakdown(pairs: tuple[tuple[str, str], ...]) -> str:
    """The inverse of :func:`parse_breakdown`.

    >>> format_breakdown((("age", "16-24"), ("ward", "Northgate")))
    'age=16-24; ward=Northgate'
    """
    return "; ".join(f"{k}={v}" for k, v in pairs)
