"""``communitydna analyse STUDY``: a readable summary, or one JSON document."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from communitydna.analysis import load_schema
from communitydna.cli.analyse import analyse

io = pytest.importorskip("communitydna.io")
if not hasattr(io, "read_study") or not hasattr(io, "write_study"):  # pragma: no cover
    pytest.skip("the workbook reader is not available", allow_module_level=True)


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from communitydna.demo import demo_snapshot

    path = tmp_path_factory.mktemp("study") / "study.xlsx"
    io.write_study(demo_snapshot(), path)
    return path


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(analyse, list(args), catch_exceptions=False)


def test_json_output_is_one_document_that_validates(workbook: Path) -> None:
    result = run(str(workbook), "--json", "--as-of", "2024-04", "--orders", "5")
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    jsonschema.validate(document, load_schema())
    assert document["as_of"] == "2024-04-01"


def test_the_summary_reads_as_sections_for_a_person(workbook: Path) -> None:
    result = run(str(workbook), "--as-of", "2024-04-01", "--orders", "5")
    assert result.exit_code == 0, result.output
    for heading in (
        "Each sector (measures 1–3)",
        "Ties between sectors (measures 4–6)",
        "Brokers",
        "Gaps",
        "Shocks",
        "Losing a whole group",
        "Suggested ratings",
    ):
        assert heading in result.output


def test_a_named_organisation_can_be_closed_by_name(workbook: Path) -> None:
    from communitydna.demo import demo_snapshot

    name = demo_snapshot().organisations[0].name
    result = run(str(workbook), "--json", "--orders", "3", "--remove", name)
    assert result.exit_code == 0, result.output
    keys = [s["key"] for s in json.loads(result.output)["shocks"]["scenarios"]]
    assert "named" in keys


def test_a_bad_date_or_an_unknown_organisation_is_a_plain_error(workbook: Path) -> None:
    bad_date = run(str(workbook), "--as-of", "the thirty-second of May")
    assert bad_date.exit_code == 1
    assert "--as-of" in " ".join(bad_date.output.split())
    unknown = run(str(workbook), "--remove", "Nobody At All")
    assert unknown.exit_code == 1
    assert "matches no organisation" in " ".join(unknown.output.split())


def test_a_missing_study_is_a_plain_error(tmp_path: Path) -> None:
    result = run(str(tmp_path / "missing.xlsx"))
    assert result.exit_code == 1
    assert "does not exist" in " ".join(result.output.split())
