"""Nothing is lost: workbook → database → workbook gives back what went in."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from communitydna.demo import demo_snapshot
from communitydna.framework import OVERALL, Sector
from communitydna.io import read_study, write_study
from communitydna.snapshot import (
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
from communitydna.web.studies.models import Study
from communitydna.web.studies.selectors import study_to_snapshot
from communitydna.web.studies.services import study_export, study_import

from .support import Cast, small_snapshot

pytestmark = pytest.mark.django_db


def _every_oddity() -> Snapshot:
    """A study that uses every field, every precision and every odd value."""
    return Snapshot(
        place=Place(
            "Ÿnys Môn – “east”",
            variant="place",
            date=PartialDate(2012),
            description="Line one\nline two",
            wards=("A", "B; not split"),
            assessors=("Zoë",),
            attributes={"population": "21,400", "empty": ""},
        ),
        organisations=(
            Organisation(
                "x" * 255,
                "Long id",
                Sector.COMMERCIAL,
                size=Size.LARGE,
                led_by=("bme", "women"),
                identifier="GB-COH-01234567",
                attributes={"website": "https://example.org"},
            ),
            Organisation("b", "B", Sector.SOCIAL, notes="tab\there"),
        ),
        relationships=(
            Relationship(
                "r",
                "b",
                "x" * 255,
                "a type nobody listed",
                directed=True,
                strength=5,
                tense=True,
                status=RelationshipStatus.ENDED,
                since=PartialDate(2001, 2),
                until=PartialDate(2003, 4, 5),
                evidence=("e2", "e1"),
                attributes={"colour": "red"},
            ),
            Relationship("back", "x" * 255, "b"),
        ),
        evidence=(
            Evidence("e1", measures=("governance", "social"), polarity=Polarity.NEGATIVE),
            Evidence(
                "e2",
                "text",
                "Interview",
                PartialDate(2020, 1, 31),
                weight=3,
                organisations=("b", "x" * 255, "b"),
                confidential=True,
                attributes={"coder": "Ann"},
            ),
        ),
        ratings=(
            Rating("health", None, attributes={"note": "not yet"}),
            Rating("social", 2, ("one", "two"), "Ann", PartialDate(2024, 4)),
        ),
        overall=Rating(OVERALL, 6, ("overall",)),
        recommendations=(
            Recommendation("rec", "Do it", "Now", ("health",), "Council", "agreed", {"k": "v"}),
            Recommendation("rec2", "Later"),
        ),
        followups=(
            FollowUp("rec2", PartialDate(2025), Progress.DROPPED, "no money"),
            FollowUp("rec", None, Progress.IN_PROGRESS),
        ),
        actions=(
            Action(
                "1.2.3",
                "Act",
                "Theme",
                (Milestone("first"), Milestone("second", PartialDate(2008, 11))),
                (Lead("Nobody we know"), Lead("B", "b")),
                "Outcome",
                ActionStatus.AT_RISK,
                ("environment",),
                ("rec", "rec2"),
                {"budget": "£5k"},
            ),
            Action("1.2.3", "Same reference, another action"),
            Action(
                "4.5",
                "Updated\nover time",
                milestones=(Milestone("", PartialDate(2009)),),
                updates=(
                    ActionUpdate(PartialDate(2008, 12), ActionStatus.AT_RISK, "late", {"by": "A"}),
                    ActionUpdate(PartialDate(2008, 10, 1)),
                ),
            ),
        ),
        indicators=(
            Indicator("i", "Jobs", "outcome", "%", Direction.DOWN, "Council", {"source": "ONS"}),
        ),
        observations=(
            Observation(
                "i",
                "2007/08",
                ObservationKind.BASELINE,
                Quantity(Decimal("42.5"), "<", True),
                "Ward 1",
                (("age", "16-24"), ("ethnicity", "Pakistani")),
            ),
            Observation("i", "2008/09", ObservationKind.TARGET, Quantity()),
            Observation(
                "i", "2009", ObservationKind.ACTUAL, Quantity(Decimal("123456789012.3456789"))
            ),
            Observation("i", "2010", ObservationKind.ACTUAL, Quantity(Decimal("1E-7"), "~")),
        ),
        tensions=(
            TensionReport(PartialDate(2023, 4), "North", "Police", "asb", 5, "Summary"),
            TensionReport(PartialDate(2023, 4, 1)),
        ),
    )


def test_the_demo_study_comes_back_from_the_database_equal(cast: Cast) -> None:
    snapshot = demo_snapshot()
    study = study_import(workspace=cast.workspace, snapshot=snapshot, user=cast.owner)
    assert study_to_snapshot(study) == snapshot


def test_every_field_precision_and_odd_value_comes_back_equal(cast: Cast) -> None:
    snapshot = _every_oddity()
    study = study_import(workspace=cast.workspace, snapshot=snapshot, user=cast.owner)
    back = study_to_snapshot(Study.objects.get(pk=study.pk))
    assert back == snapshot
    assert back.observations[2].value.number == Decimal("123456789012.3456789")
    assert back.place.date is not None
    assert back.place.date.precision == "year"


def test_a_workbook_imported_and_exported_reads_back_equal(cast: Cast, tmp_path: Path) -> None:
    original = tmp_path / "in.xlsx"
    write_study(demo_snapshot(), original)
    read = read_study(original)
    assert read.snapshot is not None
    study = study_import(workspace=cast.workspace, snapshot=read.snapshot, user=cast.owner)
    exported = study_export(study=study, path=tmp_path / "out.xlsx", user=cast.owner)
    assert read_study(exported).snapshot == read.snapshot == demo_snapshot()
    # a viewer may not see tension reports: their export is the same study without them
    viewed = study_export(study=study, path=tmp_path / "viewed.xlsx", user=cast.viewer)
    seen = read_study(viewed).snapshot
    assert seen is not None
    assert seen.tensions == ()
    assert seen.actions == demo_snapshot().actions
    assert seen.observations == demo_snapshot().observations


def test_a_csv_folder_round_trips_through_the_database(cast: Cast, tmp_path: Path) -> None:
    snapshot = demo_snapshot()
    study = study_import(workspace=cast.workspace, snapshot=snapshot, user=cast.owner)
    study_export(study=study, path=tmp_path / "csv", user=cast.owner)
    assert read_study(tmp_path / "csv").snapshot == snapshot


def test_two_studies_in_one_workspace_keep_their_own_rows(cast: Cast) -> None:
    demo = study_import(workspace=cast.workspace, snapshot=demo_snapshot(), user=cast.owner)
    again = study_import(workspace=cast.workspace, snapshot=small_snapshot(), user=cast.owner)
    assert study_to_snapshot(demo) == demo_snapshot()
    assert study_to_snapshot(again) == small_snapshot()
    assert study_to_snapshot(cast.study) == small_snapshot()


def test_the_study_is_named_after_its_place_unless_named(cast: Cast) -> None:
    named = study_import(
        workspace=cast.workspace, snapshot=small_snapshot(), user=None, name="Round 2"
    )
    assert (cast.study.name, named.name) == ("Northgate", "Round 2")
    assert cast.study.created_by == cast.owner


# -- the action plan and indicators as real plans write them --------------------------------

_REAL_WORLD_SHEETS: dict[str, list[list[object]]] = {
    "Place": [["field", "value"], ["name", "Northgate"], ["wards", "East; West"]],
    "Organisations": [
        ["id", "name", "sector"],
        ["council", "Northgate Council", "public"],
        ["foodbank", "Northgate Food Bank", "voluntary"],
    ],
    "Recommendations": [["id", "title"], ["rec1", "Open the forum"]],
    "Actions": [
        ["ref", "theme", "action", "milestone", "due", "lead", "outcome", "status", "budget"],
        [
            "1.2.3",
            "Cohesion",
            "Run a welcome event.\nInvite every faith group.",
            "Venue booked\nInvitations sent\nEvent held",
            "September 2008\n2008-10\nNovember 2008",
            "Northgate Council; northgate food bank\nNeighbourhood Watch",
            "More residents feel they belong",
            "on track",
            "£5,000",
        ],
        ["2.1", "Jobs", "Open a jobs club", "-\nClub open", "-\n2009", "Jobcentre", "", "", ""],
    ],
    "ActionUpdates": [
        ["action", "date", "status", "note"],
        ["1.2.3", "August 2008", "on track", "Venue booked."],
        ["1.2.3", "2008-10-14", "at risk", "The venue cancelled."],
        ["2.1", "2009", "done", ""],
    ],
    "Indicators": [
        ["id", "name", "unit", "direction", "responsible"],
        ["ni1", "Belonging", "%", "up", "Council"],
        ["ni2", "Out-of-work benefits", "% of residents", "down", "Jobcentre"],
    ],
    "Observations": [
        ["indicator", "period", "kind", "value", "area", "breakdown"],
        ["ni1", "2007/08", "baseline", "to be determined", "", ""],
        ["ni1", "2008/09", "target", "45%", "", ""],
        ["ni1", "2008/09", "actual", "less than 40%", "East", "age=16-24; gender=female"],
        ["ni1", "2008/09", "actual", "42", "", "disability=yes; ethnicity=Pakistani"],
        ["ni2", "2007/08", "baseline", "12.5%", "", ""],
        ["ni2", "2008/09", "target", "about 10", "West", "ward=West"],
        ["ni2", "2009/10", "actual", "", "", ""],
    ],
}


def _write_rows(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_a_real_world_action_plan_and_indicators_round_trip_through_the_database(
    cast: Cast, tmp_path: Path
) -> None:
    read = read_study(_write_rows(tmp_path / "plan.xlsx", _REAL_WORLD_SHEETS))
    assert read.snapshot is not None, [str(p) for p in read.errors]
    study = study_import(workspace=cast.workspace, snapshot=read.snapshot, user=cast.owner)
    exported = study_export(study=study, path=tmp_path / "out.xlsx", user=cast.owner)
    back = read_study(exported).snapshot
    assert back == read.snapshot

    assert back is not None
    welcome, jobs = back.actions
    assert welcome.action == "Run a welcome event.\nInvite every faith group."
    assert [str(m.due) for m in welcome.milestones] == ["2008-09", "2008-10", "2008-11"]
    assert welcome.lead == (
        Lead("Northgate Council", "council"),
        Lead("northgate food bank", "foodbank"),
        Lead("Neighbourhood Watch", None),
    )
    assert welcome.attributes == {"budget": "£5,000"}
    assert welcome.current_status is ActionStatus.AT_RISK
    assert jobs.milestones == (Milestone(""), Milestone("Club open", PartialDate(2009)))
    assert jobs.lead == (Lead("Jobcentre", None),)
    assert [str(u.date) for u in welcome.updates] == ["2008-08", "2008-10-14"]
    values = [str(o.value) for o in back.observations]
    assert values == [
        "to be determined",
        "45%",
        "less than 40%",
        "42",
        "12.5%",
        "about 10",
        "to be determined",
    ]
    assert back.observations[3].breakdown == (("disability", "yes"), ("ethnicity", "Pakistani"))


def test_an_unlinked_lead_can_be_linked_later_and_the_link_survives(cast: Cast) -> None:
    from communitydna.web.studies import models as m

    snapshot = small_snapshot()
    study = study_import(workspace=cast.workspace, snapshot=snapshot, user=cast.owner)
    lead = m.Lead.objects.get(action__study=study, name="Someone else")
    assert lead.organisation is None
    lead.organisation = m.Organisation.objects.get(study=study, key="council")
    lead.save()
    (action,) = study_to_snapshot(study).actions
    assert action.lead[1] == Lead("Someone else", "council")


_dates = st.builds(
    PartialDate,
    st.integers(1990, 2030),
    st.none() | st.integers(1, 12),
)
_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12).map(
    str.strip
)
_quantities = st.builds(
    Quantity,
    st.none() | st.decimals(-1000, 1000, places=3, allow_nan=False),
    st.sampled_from([None, "<", "<=", ">", ">=", "~"]),
    st.booleans(),
).map(lambda q: q if q.number is not None else Quantity())


@st.composite
def _plans(draw: st.DrawFn) -> Snapshot:
    refs = draw(st.lists(st.from_regex(r"[1-9](\.[1-9]){0,2}", fullmatch=True), unique=True))
    actions = tuple(
        Action(
            ref,
            draw(_text.filter(bool)),
            milestones=tuple(
                Milestone(t, d)
                for t, d in draw(st.lists(st.tuples(_text, st.none() | _dates), max_size=3))
            ),
            lead=tuple(
                draw(
                    st.lists(
                        st.sampled_from([Lead("Council", "council"), Lead("Nobody"), Lead("B")]),
                        max_size=3,
                    )
                )
            ),
            status=draw(st.none() | st.sampled_from(list(ActionStatus))),
            updates=tuple(
                ActionUpdate(d, s, n)
                for d, s, n in draw(
                    st.lists(
                        st.tuples(_dates, st.none() | st.sampled_from(list(ActionStatus)), _text),
                        max_size=3,
                    )
                )
            ),
        )
        for ref in refs
    )
    observations = tuple(
        Observation(
            "ni",
            draw(st.sampled_from(["2007/08", "2008-05", "November 2008"])),
            draw(st.sampled_from(list(ObservationKind))),
            draw(_quantities),
            draw(st.sampled_from(["", "East"])),
            tuple(draw(st.lists(st.tuples(st.sampled_from(["age", "ward"]), _text), max_size=2))),
        )
        for _ in range(draw(st.integers(0, 4)))
    )
    return Snapshot(
        place=Place("Northgate"),
        organisations=(Organisation("council", "Council", Sector.PUBLIC),),
        actions=actions,
        indicators=(Indicator("ni", "Jobs", direction=draw(st.none() | st.just(Direction.UP))),),
        observations=observations,
    )


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(plan=_plans())
def test_any_plan_comes_back_from_the_database_equal(cast: Cast, plan: Snapshot) -> None:
    study = study_import(workspace=cast.workspace, snapshot=plan, user=None)
    assert study_to_snapshot(Study.objects.get(pk=study.pk)) == plan


def test_a_workspace_sets_its_own_tension_warning_rule(cast: Cast) -> None:
    from communitydna.monitoring import WarningRule, early_warnings
    from communitydna.web.studies.models.plan import TensionWarningRule

    row = TensionWarningRule.objects.create(workspace=cast.workspace, window=1, threshold=1.5)
    rule = TensionWarningRule.objects.get(pk=row.pk).rule()
    assert rule == WarningRule(window=1, threshold=1.5, measure="severity")
    reports = [
        TensionReport(PartialDate(2023, 1), "East", severity=1),
        TensionReport(PartialDate(2023, 2), "East", severity=3),
    ]
    assert [w.area for w in early_warnings(reports, rule)] == ["East"]
    assert early_warnings(reports) == ()  # the default rule needs three months before
