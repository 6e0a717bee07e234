"""Helpers of the workbook tests: workbooks built cell by cell, and hypothesis strategies
for snapshots a read could produce."""

from __future__ import annotations

import csv
import dataclasses
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import strategies as st

from communitydna.framework import MEASURE_KEYS, OVERALL, Sector
from communitydna.io import ReadResult, read_study
from communitydna.io.columns import SHEETS, normalise_name
from communitydna.snapshot import (
    RELATIONSHIP_TYPES,
    Action,
    ActionStatus,
    ActionUpdate,
    Direction,
    Evidence,
    FollowUp,
    Indicator,
    Lead,
    Milestone,
    Observation,
    ObservationKind,
    Organisation,
    PartialDate,
    Place,
    Polarity,
    Progress,
    Quantity,
    Rating,
    Recommendation,
    Relationship,
    RelationshipStatus,
    Size,
    Snapshot,
    TensionReport,
)

Sheets = dict[str, list[list[Any]]]


# -- workbooks built cell by cell -----------------------------------------------------------


def base_sheets() -> Sheets:
    """The smallest valid study, as rows per sheet (header first); tests change it."""
    return {
        "Place": [["field", "value"], ["name", "Northgate"], ["variant", "community"]],
        "Organisations": [
            ["id", "name", "sector", "type", "ward"],
            ["council", "Northgate Council", "public", "local authority", "East"],
            ["foodbank", "Northgate Food Bank", "social", "charity", "West"],
            ["shop", "Corner Shop", "commercial", "retailer", "East"],
        ],
        "Relationships": [
            ["from", "to", "type", "strength"],
            ["council", "foodbank", "grant", 4],
        ],
    }


def write_xlsx(path: Path, sheets: Sheets) -> Path:
    """A workbook with these rows, as a spreadsheet program would save it."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def write_csv(folder: Path, sheets: Sheets) -> Path:
    """A folder of csv files with these rows."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in sheets.items():
        with (folder / f"{name}.csv").open("w", newline="", encoding="utf-8") as f:
            out = csv.writer(f)
            for row in rows:
                out.writerow(["" if v is None else v for v in row])
    return folder


def read_xlsx(sheets: Sheets) -> ReadResult:
    """Write rows as an .xlsx file and read it."""
    with tempfile.TemporaryDirectory() as folder:
        return read_study(write_xlsx(Path(folder) / "study.xlsx", sheets))


def read_csv(sheets: Sheets) -> ReadResult:
    """Write rows as a folder of csv files (every value as text) and read it."""
    with tempfile.TemporaryDirectory() as folder:
        return read_study(write_csv(Path(folder) / "study", sheets))


Read = Callable[[Sheets], ReadResult]

both_formats = pytest.mark.parametrize("read_rows", [read_xlsx, read_csv], ids=["xlsx", "csv"])
"""Run a test taking ``read_rows`` once with a workbook and once with a csv folder."""


def with_sheet(name: str, rows: Sequence[Sequence[Any]], sheets: Sheets | None = None) -> Sheets:
    sheets = base_sheets() if sheets is None else sheets
    sheets[name] = [list(r) for r in rows]
    return sheets


def only_problem(result: ReadResult) -> Any:
    assert result.snapshot is None, "expected the read to fail"
    assert len(result.errors) == 1, [str(p) for p in result.errors]
    return result.errors[0]


# -- a small study --------------------------------------------------------------------------


def small_study() -> Snapshot:
    """A study with something in every sheet, including the awkward cases."""
    return Snapshot(
        place=Place(
            "Northgate",
            "place",
            PartialDate(2012, 7),
            "A neighbourhood.\nTwo lines.",
            ("East", "West"),
            ("A. Researcher",),
            {"funded by": "Trust"},
        ),
        organisations=(
            Organisation(
                "council",
                "Northgate Council",
                Sector.PUBLIC,
                "local authority",
                "East",
                size=Size.LARGE,
                attributes={"charity number": "123", "founded": "1974"},
            ),
            Organisation(
                "foodbank",
                "Northgate Food Bank",
                Sector.SOCIAL,
                led_by=("bme", "women"),
                identifier="GB-CHC-1234567",
            ),
            Organisation("=shop", "=SUM(A1)", Sector.COMMERCIAL, notes="_x0041_ stays"),
        ),
        relationships=(
            Relationship(
                "r1",
                "council",
                "foodbank",
                "grant",
                True,
                4,
                True,
                RelationshipStatus.ENDED,
                PartialDate(2010),
                PartialDate(2013, 3, 5),
                "quarterly",
                ("e1",),
            ),
            Relationship("r2", "foodbank", "=shop", "mentoring", strength=1),
        ),
        evidence=(
            Evidence(
                "e1",
                "The grant kept it open.",
                "Interview: manager",
                PartialDate(1899, 12, 31),
                ("social", "health"),
                Polarity.POSITIVE,
                2,
                ("council",),
                True,
            ),
        ),
        ratings=(Rating("social", 4, ("a", "b"), "me", PartialDate(999)), Rating("health")),
        overall=Rating(OVERALL, 5),
        recommendations=(Recommendation("rec1", "Do it", "txt", ("social",), "Council", "agreed"),),
        followups=(FollowUp("rec1", PartialDate(2013, 1), Progress.DONE, "n"),),
        actions=(
            Action(
                "1.2.10",
                "act",
                "theme",
                (Milestone("a"), Milestone("", PartialDate(2008, 11)), Milestone("c")),
                (Lead("council", "council"), Lead("Nobody Ltd")),
                "out",
                ActionStatus.AT_RISK,
                ("identity",),
                ("rec1",),
                updates=(
                    ActionUpdate(PartialDate(2008, 12), ActionStatus.AT_RISK, "late", {"by": "A"}),
                    ActionUpdate(PartialDate(2008, 10, 1)),
                ),
            ),
        ),
        indicators=(Indicator("ni1", "Belonging", "national", "%", Direction.UP, "Council"),),
        observations=(
            Observation(
                "ni1",
                "2007/08",
                ObservationKind.BASELINE,
                Quantity(Decimal(40), "<", True),
                "East",
                (("age", "16-24"),),
            ),
            Observation(
                "ni1", "2008", ObservationKind.TARGET, Quantity(Decimal("45.5"), None, True)
            ),
            Observation("ni1", "2009", ObservationKind.ACTUAL, Quantity()),
            Observation("ni1", "2010", ObservationKind.ACTUAL, Quantity(Decimal("0.1"))),
            Observation("ni1", "2011", ObservationKind.ACTUAL, Quantity(Decimal("123456789.25"))),
        ),
        tensions=(TensionReport(PartialDate(2012, 3), "East", "Police", "asb", 2, "sum"),),
    )


# -- hypothesis: snapshots a read could produce ---------------------------------------------

_CHARACTERS = st.characters(blacklist_categories=("Cs", "Cc", "Cn", "Zl", "Zp"))


def _stripped(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return strategy.map(str.strip).filter(bool)


line = _stripped(st.text(_CHARACTERS, min_size=1, max_size=20))
"""One line of text, as a cell keeps it (no surrounding spaces)."""
item = _stripped(
    st.text(
        st.characters(
            blacklist_categories=("Cs", "Cc", "Cn", "Zl", "Zp"), blacklist_characters=";"
        ),
        max_size=12,
    )
)
"""An item of a list cell: no ``;`` and no line break."""
maybe_line = st.one_of(st.just(""), line)
text_block = st.one_of(
    st.just(""),
    st.lists(line, min_size=1, max_size=3).map("\n".join),
)
"""Several lines, or nothing."""
partial_dates = st.one_of(
    st.integers(1, 9999).map(PartialDate),
    st.builds(PartialDate, st.integers(1, 9999), st.integers(1, 12)),
    st.dates().map(PartialDate.from_date),
)
maybe_date = st.one_of(st.none(), partial_dates)


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _attributes(reserved: set[str]) -> st.SearchStrategy[dict[str, str]]:
    key = st.text("abcdefghijklmnopqrstuvwxyz 0123456789é", min_size=1, max_size=10).map(str.strip)
    key = key.filter(lambda k: bool(k) and normalise_name(k) not in reserved)
    return st.dictionaries(key, line, max_size=2)


def _reserved(sheet: str) -> set[str]:
    spec = next(s for s in SHEETS if s.name == sheet)
    return set(spec.column_names) | ({"field", "value"} if spec.pairs else set())


quantities = st.one_of(
    st.just(Quantity()),
    st.builds(
        lambda number, qualifier, percent: Quantity(
            Quantity.parse(format(number, "f")).number, qualifier, percent
        ),
        st.decimals(
            min_value=-(Decimal(10) ** 15) + 1,
            max_value=Decimal(10) ** 15 - 1,
            allow_nan=False,
            allow_infinity=False,
        ),
        st.sampled_from([None, "<", "<=", ">", ">=", "~"]),
        st.booleans(),
    ),
)

_KNOWN_TYPES = {_key(t.replace("-", " ")) for t in RELATIONSHIP_TYPES}
_OTHER_TYPES = line.filter(
    lambda t: _key(t.replace("-", " ").replace("_", " ")) not in _KNOWN_TYPES
)


@st.composite
def snapshots(draw: st.DrawFn) -> Snapshot:
    """A random study in the form a read produces (ids unique, references resolved)."""
    variant = draw(st.sampled_from(["community", "place"]))
    place = Place(
        draw(line),
        variant,
        draw(maybe_date),
        draw(text_block),
        tuple(draw(st.lists(item, max_size=3))),
        tuple(draw(st.lists(item, max_size=2))),
        draw(_attributes(_reserved("Place"))),
    )
    org_ids = draw(st.lists(item, min_size=1, max_size=5, unique=True))
    organisations = tuple(
        Organisation(
            identity,
            draw(line),
            draw(st.sampled_from(list(Sector))),
            draw(maybe_line),
            draw(maybe_line),
            draw(maybe_line),
            draw(maybe_line),
            tuple(draw(st.lists(item, max_size=3))),
            draw(st.one_of(st.none(), st.sampled_from(list(Size)))),
            draw(text_block),
            draw(_attributes(_reserved("Organisations"))),
        )
        for identity in org_ids
    )
    evidence_ids = draw(st.lists(item, max_size=3, unique=True))
    evidence = tuple(
        Evidence(
            identity,
            draw(line),
            draw(maybe_line),
            draw(maybe_date),
            tuple(draw(st.lists(st.sampled_from(MEASURE_KEYS), max_size=3, unique=True))),
            draw(st.sampled_from(list(Polarity))),
            draw(st.integers(1, 3)),
            tuple(draw(st.lists(st.sampled_from(org_ids), max_size=2, unique=True))),
            draw(st.booleans()),
            draw(_attributes(_reserved("Evidence"))),
        )
        for identity in evidence_ids
    )
    relationships: list[Relationship] = []
    if len(org_ids) >= 2:
        for identity in draw(st.lists(item, max_size=4, unique=True)):
            source, target = draw(st.permutations(org_ids))[:2]
            since, until = draw(maybe_date), draw(maybe_date)
            if since is not None and until is not None and until.end() < since.start():
                since, until = until, since
            if since is not None and until is not None and until.end() < since.start():
                until = None
            kind = draw(st.one_of(st.sampled_from(RELATIONSHIP_TYPES), _OTHER_TYPES))
            relationships.append(
                Relationship(
                    identity,
                    source,
                    target,
                    kind,
                    draw(st.booleans()),
                    draw(st.integers(1, 5)),
                    draw(st.booleans()),
                    draw(st.sampled_from(list(RelationshipStatus))),
                    since,
                    until,
                    draw(text_block),
                    tuple(draw(st.lists(st.sampled_from(evidence_ids), max_size=2, unique=True)))
                    if evidence_ids
                    else (),
                    draw(_attributes(_reserved("Relationships"))),
                )
            )
    rated = draw(st.lists(st.sampled_from(MEASURE_KEYS), max_size=4, unique=True))

    def rating(measure: str) -> Rating:
        return Rating(
            measure,
            draw(st.one_of(st.none(), st.integers(1, 7))),
            tuple(draw(st.lists(line, max_size=3))),
            draw(maybe_line),
            draw(maybe_date),
            draw(_attributes(_reserved("Ratings"))),
        )

    ratings = tuple(rating(m) for m in rated)
    overall = draw(st.one_of(st.none(), st.just(OVERALL).map(rating)))
    rec_ids = draw(st.lists(item, max_size=3, unique=True))
    recommendations = tuple(
        Recommendation(
            identity,
            draw(line),
            draw(text_block),
            tuple(draw(st.lists(st.sampled_from(MEASURE_KEYS), max_size=2, unique=True))),
            draw(maybe_line),
            draw(maybe_line),
            draw(_attributes(_reserved("Recommendations"))),
        )
        for identity in rec_ids
    )
    followups = tuple(
        FollowUp(
            draw(st.sampled_from(rec_ids)),
            draw(maybe_date),
            draw(st.sampled_from(list(Progress))),
            draw(text_block),
            draw(_attributes(_reserved("FollowUps"))),
        )
        for _ in range(draw(st.integers(0, 2) if rec_ids else st.just(0)))
    )
    known = {_key(o.name) for o in organisations} | {_key(i) for i in org_ids}
    unlinked = item.filter(lambda n: n not in org_ids and _key(n) not in known)
    actions = tuple(
        Action(
            draw(maybe_line),
            draw(line),
            draw(maybe_line),
            tuple(
                Milestone(text, due)
                for text, due in draw(
                    st.lists(
                        st.tuples(
                            st.one_of(st.just(""), item.filter(lambda t: t != "-")), maybe_date
                        ),
                        max_size=3,
                    )
                )
            ),
            tuple(
                draw(
                    st.lists(
                        st.one_of(
                            st.sampled_from(org_ids).map(lambda i: Lead(i, i)),
                            unlinked.map(Lead),
                        ),
                        max_size=2,
                    )
                )
            ),
            draw(maybe_line),
            draw(st.one_of(st.none(), st.sampled_from(list(ActionStatus)))),
            tuple(draw(st.lists(st.sampled_from(MEASURE_KEYS), max_size=2, unique=True))),
            tuple(draw(st.lists(st.sampled_from(rec_ids), max_size=2, unique=True)))
            if rec_ids
            else (),
            draw(_attributes(_reserved("Actions"))),
        )
        for _ in range(draw(st.integers(0, 2)))
    )
    refs = Counter(a.ref for a in actions)
    actions = tuple(
        dataclasses.replace(
            a,
            updates=tuple(
                ActionUpdate(
                    draw(partial_dates),
                    draw(st.one_of(st.none(), st.sampled_from(list(ActionStatus)))),
                    draw(text_block),
                    draw(_attributes(_reserved("ActionUpdates"))),
                )
                for _ in range(draw(st.integers(0, 2)))
            ),
        )
        if a.ref and refs[a.ref] == 1
        else a
        for a in actions
    )
    indicator_ids = draw(st.lists(item, max_size=2, unique=True))
    indicators = tuple(
        Indicator(
            identity,
            draw(line),
            draw(maybe_line),
            draw(maybe_line),
            draw(st.one_of(st.none(), st.sampled_from(list(Direction)))),
            draw(maybe_line),
            draw(_attributes(_reserved("Indicators"))),
        )
        for identity in indicator_ids
    )
    breakdown_key = st.text("abcdefghijklmnopqrstuvwxyz -", min_size=1, max_size=8).map(str.strip)
    observations = tuple(
        Observation(
            draw(st.sampled_from(indicator_ids)),
            draw(line),
            draw(st.sampled_from(list(ObservationKind))),
            draw(quantities),
            draw(maybe_line),
            tuple(
                draw(
                    st.lists(
                        st.tuples(breakdown_key.filter(bool), st.one_of(st.just(""), item)),
                        max_size=2,
                    )
                )
            ),
            draw(_attributes(_reserved("Observations"))),
        )
        for _ in range(draw(st.integers(0, 3) if indicator_ids else st.just(0)))
    )
    tensions = tuple(
        TensionReport(
            draw(partial_dates),
            draw(maybe_line),
            draw(maybe_line),
            draw(maybe_line),
            draw(st.integers(1, 5)),
            draw(text_block),
            draw(_attributes(_reserved("Tensions"))),
        )
        for _ in range(draw(st.integers(0, 2)))
    )
    return Snapshot(
        place=place,
        organisations=organisations,
        relationships=tuple(relationships),
        evidence=evidence,
        ratings=ratings,
        overall=overall,
        recommendations=recommendations,
        followups=followups,
        actions=actions,
        indicators=indicators,
        observations=observations,
        tensions=tensions,
    )


def sheets_of(snapshot: Snapshot) -> Sheets:
    """A study as rows per sheet (header first), every value as a spreadsheet would hold it."""
    from communitydna.io.writer import study_tables

    def plain(value: object) -> Any:
        if value is None or isinstance(value, str | int):
            return value
        return str(value)

    return {
        table.spec.name: [list(table.header), *([plain(v) for v in row] for row in table.rows)]
        for table in study_tables(snapshot)
    }
