"""Nothing is lost through the database: archive → database → archive and workbook →
database → workbook give back what went in; exports never carry a live formula."""

from __future__ import annotations

import csv
import importlib.util
import json
import re
import sys
import tempfile
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings

from communitydna.cli import cli
from communitydna.demo import demo_snapshot
from communitydna.framework import Sector
from communitydna.io import read_study, snapshot_to_archive, write_archive, write_study
from communitydna.snapshot import (
    Evidence,
    Indicator,
    Observation,
    ObservationKind,
    Organisation,
    PartialDate,
    Place,
    Quantity,
    Relationship,
    Snapshot,
)
from communitydna.web.studies.models import Study
from communitydna.web.studies.selectors import study_to_snapshot
from communitydna.web.studies.services import study_export, study_import

from .support import Cast

pytestmark = pytest.mark.django_db


def _workbook_support() -> ModuleType:
    """The io tests' strategies for snapshots (tests/io is not a package)."""
    name = "workbook_support"
    if name not in sys.modules:
        path = Path(__file__).parents[1] / "io" / "workbook_support.py"
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


snapshots = _workbook_support().snapshots

DB_EXAMPLES = settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _odd() -> Snapshot:
    """What only the archive and the database keep: spaces, tabs, separators in items."""
    return Snapshot(
        place=Place(" Northgate ", "place", PartialDate(2012, 7), wards=("A; B",)),
        organisations=(
            Organisation("a;b", "\tTabbed", Sector.SOCIAL, notes="=SUM(A1)", led_by=("x;y",)),
            Organisation("c", "+C", Sector.PUBLIC, attributes={"Mixed Case": " kept "}),
        ),
        relationships=(Relationship("r", "a;b", "c", evidence=("e", "e")),),
        evidence=(Evidence("e", organisations=("c", "c")),),
        indicators=(Indicator("i", "I"),),
        observations=(
            Observation("i", "2020", ObservationKind.TARGET, Quantity(Decimal("1E-7"), "~")),
            Observation("i", "2021", ObservationKind.ACTUAL, Quantity()),
        ),
    )


def _through_the_database(cast: Cast, data: dict[str, Any]) -> dict[str, Any]:
    """Archive data → a file → a new study in the database → an exported archive's data."""
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder) / "in.json", Path(folder) / "out.json"
        source.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        read = read_study(source)
        assert read.snapshot is not None, [str(p) for p in read.errors]
        study = study_import(workspace=cast.workspace, snapshot=read.snapshot, user=None)
        study_export(study=study, path=target, user=None)
        study.delete()
        back: dict[str, Any] = json.loads(target.read_text("utf-8"))
        return back


@pytest.mark.parametrize("make", [demo_snapshot, _odd], ids=["demo", "odd"])
def test_an_archive_comes_back_equal_from_the_database(
    cast: Cast, make: Callable[[], Snapshot]
) -> None:
    data = snapshot_to_archive(make())
    assert _through_the_database(cast, data) == data


@DB_EXAMPLES
@given(study=snapshots())
def test_any_archive_comes_back_equal_from_the_database(cast: Cast, study: Snapshot) -> None:
    data = snapshot_to_archive(study)
    assert _through_the_database(cast, data) == data


@DB_EXAMPLES
@given(study=snapshots())
def test_any_workbook_comes_back_equal_from_the_database(cast: Cast, study: Snapshot) -> None:
    with tempfile.TemporaryDirectory() as folder:
        original, exported = Path(folder) / "in.xlsx", Path(folder) / "out.xlsx"
        write_study(study, original)
        read = read_study(original)
        assert read.snapshot == study, [str(p) for p in read.errors]
        row = study_import(workspace=cast.workspace, snapshot=study, user=None)
        study_export(study=row, path=exported, user=None)
        row.delete()
        assert read_study(exported).snapshot == study


# -- the commands ---------------------------------------------------------------------------

Run = Callable[..., Result]


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Run:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COMMUNITYDNA_BASE_URL", "http://127.0.0.1:8000")

    def invoke(*args: str) -> Result:
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)

    return invoke


def test_study_export_archive_and_import_give_back_the_same_study(
    run: Run, cast: Cast, tmp_path: Path
) -> None:
    demo = study_import(workspace=cast.workspace, snapshot=demo_snapshot(), user=None)
    exported = run("study", "export", str(demo.pk), "--archive", "-o", "study.json")
    assert exported.exit_code == 0, exported.output
    data = json.loads((tmp_path / "study.json").read_text("utf-8"))
    assert (data["format"], data["version"]) == ("communitydna-study", 1)
    assert data == snapshot_to_archive(demo_snapshot())

    (tmp_path / "study.json").rename(tmp_path / "study.backup")  # known by content too
    imported = run("study", "import", "study.backup", "--workspace", cast.workspace.name)
    assert imported.exit_code == 0, imported.output
    new_id = int(imported.output.split("\t")[0])
    assert study_to_snapshot(Study.objects.get(pk=new_id)) == demo_snapshot()


def test_study_export_archive_needs_a_json_name(run: Run, cast: Cast) -> None:
    result = run("study", "export", str(cast.study.pk), "--archive", "-o", "study.xlsx")
    assert result.exit_code == 1
    assert "an archive is a .json file" in result.output


def test_study_import_refuses_a_newer_archive_and_imports_nothing(
    run: Run, cast: Cast, tmp_path: Path
) -> None:
    data = snapshot_to_archive(demo_snapshot())
    data["version"] = 2
    (tmp_path / "new.json").write_text(json.dumps(data), "utf-8")
    before = Study.objects.count()
    result = run("study", "import", "new.json", "--workspace", cast.workspace.name)
    assert result.exit_code == 1
    assert "newer than this version of Community DNA reads" in result.output
    assert Study.objects.count() == before


def test_an_archive_keeps_what_a_workbook_cannot(run: Run, cast: Cast, tmp_path: Path) -> None:
    write_archive(_odd(), tmp_path / "odd.json")
    imported = run("study", "import", "odd.json", "--workspace", cast.workspace.name)
    assert imported.exit_code == 0, imported.output
    study = Study.objects.get(pk=int(imported.output.split("\t")[0]))
    assert study_to_snapshot(study) == _odd()


# -- exports carry no live formula ----------------------------------------------------------


def test_the_workbook_download_writes_formula_like_text_as_text(cast: Cast, tmp_path: Path) -> None:
    names = ['=HYPERLINK("http://example.org","x")', "+1", "-1", "@x", "'=y"]
    snapshot = Snapshot(
        place=Place("=Northgate"),
        organisations=tuple(
            Organisation(f"o{i}", name, Sector.SOCIAL) for i, name in enumerate(names)
        ),
    )
    study = study_import(workspace=cast.workspace, snapshot=snapshot, user=None)

    xlsx = study_export(study=study, path=tmp_path / "study.xlsx", user=cast.viewer)
    with zipfile.ZipFile(xlsx) as book:
        xml = "".join(book.read(n).decode() for n in book.namelist() if "worksheets/" in n)
    assert not re.search(r"<(\w+:)?f[ >]", xml)
    assert read_study(xlsx).snapshot == snapshot

    folder = study_export(study=study, path=tmp_path / "csv", user=cast.viewer)
    with (folder / "Organisations.csv").open(encoding="utf-8-sig", newline="") as f:
        written = [row[1] for row in list(csv.reader(f))[1:]]
    assert written == ["'" + names[0], "'+1", "'-1", "'@x", "''=y"]
    assert read_study(folder).snapshot == snapshot
