from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from communitydna.cli import cli


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Run the CLI in a temporary folder; returns the click result."""
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(cli, list(args), catch_exceptions=False)

    return invoke


@pytest.fixture(scope="session")
def demo_xlsx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from communitydna.demo import demo_snapshot
    from communitydna.io import write_study

    path = tmp_path_factory.mktemp("demo") / "demo.xlsx"
    write_study(demo_snapshot(), path)
    return path
