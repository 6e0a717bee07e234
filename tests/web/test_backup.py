"""``communitydna backup`` and ``restore``: the SQLite database to a file and back, checked."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from communitydna.demo import demo_snapshot
from communitydna.io import write_study

pytestmark = pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")), reason="SQLite only; PostgreSQL uses pg_dump"
)

CLI = str(Path(sys.executable).parent / "communitydna")


def _run(env: dict[str, str], *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [CLI, *args], env=env, capture_output=True, text=True, timeout=300, check=False
    )
    if ok:
        assert done.returncode == 0, f"{args}:\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    environment = {**os.environ, "COMMUNITYDNA_HOME": str(tmp_path / "home")}
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    workbook = tmp_path / "demo.xlsx"
    write_study(demo_snapshot(), workbook)
    _run(environment, "user", "create", "--email", "o@example.org", "--password",
         "a long enough password 1", "--workspace", "Calder", "--role", "owner")  # fmt: skip
    _run(environment, "study", "import", str(workbook), "--workspace", "Calder", "--name", "First")
    return environment


def test_a_backup_restores_the_database_as_it_was(env: dict[str, str], tmp_path: Path) -> None:
    file = tmp_path / "saved.sqlite3"
    out = _run(env, "backup", "-o", str(file)).stdout
    assert out.strip().splitlines()[-1] == str(file)
    with sqlite3.connect(file) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("SELECT name FROM studies_study").fetchall() == [("First",)]
    db.close()
    workbook = tmp_path / "demo.xlsx"
    _run(env, "study", "import", str(workbook), "--workspace", "Calder", "--name", "Second")
    assert "Second" in _run(env, "study", "list").stdout

    _run(env, "restore", str(file), "--yes")
    listed = _run(env, "study", "list").stdout
    assert "First" in listed
    assert "Second" not in listed
    kept = list((Path(env["COMMUNITYDNA_HOME"]) / "backups").glob("before-restore-*.sqlite3"))
    assert len(kept) == 1
    with sqlite3.connect(kept[0]) as db:
        assert {r[0] for r in db.execute("SELECT name FROM studies_study")} == {"First", "Second"}
    db.close()


def test_a_damaged_or_foreign_file_is_refused_and_nothing_changes(
    env: dict[str, str], tmp_path: Path
) -> None:
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all" * 100)
    refused = _run(env, "restore", str(junk), "--yes", ok=False)
    assert refused.returncode == 1
    assert "cannot be restored" in refused.stderr
    assert "nothing was changed" in refused.stderr
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE notes (text)")
    db.close()
    foreign = _run(env, "restore", str(other), "--yes", ok=False)
    assert "not a Community DNA database" in foreign.stderr
    assert "First" in _run(env, "study", "list").stdout


def test_the_default_backup_goes_to_the_data_folder(env: dict[str, str]) -> None:
    path = Path(_run(env, "backup").stdout.strip().splitlines()[-1])
    assert path.parent == Path(env["COMMUNITYDNA_HOME"]) / "backups"
    assert path.stat().st_size > 10_000
