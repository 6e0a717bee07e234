"""The web commands: serve, demo, user create, study import/list/export."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from communitydna.cli import cli
from communitydna.demo import demo_snapshot
from communitydna.io import read_study, write_study
from communitydna.web.accounts.models import Role, User, Workspace
from communitydna.web.accounts.permissions import role_of
from communitydna.web.studies.models import Study
from communitydna.web.studies.selectors import study_to_snapshot

from .support import PASSWORD, Cast

Run = Callable[..., Result]
COMMUNITYDNA = (sys.executable, "-c", "from communitydna.cli import main; main()")


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Run:
    """Run a command in this process, against the test database."""
    monkeypatch.chdir(tmp_path)
    # `serve` and `demo` set these defaults in the environment; keep them to this test.
    monkeypatch.setenv("COMMUNITYDNA_SECURE_COOKIES", "0")
    monkeypatch.setenv("COMMUNITYDNA_BASE_URL", "http://127.0.0.1:8000")
    monkeypatch.setenv("COMMUNITYDNA_CONN_MAX_AGE", "0")

    def invoke(*args: str) -> Result:
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)

    return invoke


@pytest.fixture
def demo_xlsx(tmp_path: Path) -> Path:
    path = tmp_path / "demo.xlsx"
    write_study(demo_snapshot(), path)
    return path


@pytest.mark.django_db
def test_user_create_makes_the_workspace_when_needed(run: Run) -> None:
    result = run(
        "user", "create", "--email", "Ann@Example.org", "--password", PASSWORD,
        "--workspace", "Tarnley Council", "--role", "assessor",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Created ann@example.org as assessor of Tarnley Council (new)." in result.output
    ann = User.objects.get(email="ann@example.org")
    assert ann.check_password(PASSWORD)
    assert role_of(ann, Workspace.objects.get(name="Tarnley Council")) == Role.ASSESSOR


@pytest.mark.django_db
def test_user_create_joins_an_existing_workspace_and_refuses_a_taken_address(
    run: Run, cast: Cast
) -> None:
    joined = run(
        "user", "create", "--email", "bo@example.org", "--password", PASSWORD,
        "--workspace", "northgate partnership", "--role", "viewer",
    )  # fmt: skip
    assert joined.exit_code == 0, joined.output
    assert role_of(User.objects.get(email="bo@example.org"), cast.workspace) == Role.VIEWER
    taken = run(
        "user", "create", "--email", "owner@example.org", "--password", PASSWORD,
        "--workspace", "Brand New", "--role", "owner",
    )  # fmt: skip
    assert taken.exit_code == 1
    assert "already an account" in taken.output
    assert not Workspace.objects.filter(name="Brand New").exists()


@pytest.mark.django_db
def test_user_create_refuses_a_weak_password(run: Run) -> None:
    result = run(
        "user", "create", "--email", "c@example.org", "--password", "12345678",
        "--workspace", "W", "--role", "viewer",
    )  # fmt: skip
    assert result.exit_code == 1
    assert "too common" in result.output


@pytest.mark.django_db
def test_study_import_prints_the_id_and_address_and_stores_the_study_whole(
    run: Run, cast: Cast, demo_xlsx: Path
) -> None:
    result = run("study", "import", str(demo_xlsx), "--workspace", "Northgate Partnership")
    assert result.exit_code == 0, result.output
    study = Study.objects.exclude(pk=cast.study.pk).get()
    assert f"{study.pk}\thttp://127.0.0.1:8000/studies/{study.pk}/" in result.output
    assert study_to_snapshot(study) == demo_snapshot()


@pytest.mark.django_db
def test_study_import_into_an_unknown_workspace_fails_and_imports_nothing(
    run: Run, cast: Cast, demo_xlsx: Path
) -> None:
    result = run("study", "import", str(demo_xlsx), "--workspace", "Nowhere")
    assert result.exit_code == 1
    assert "no workspace called 'Nowhere'" in result.output
    assert Study.objects.count() == 1


@pytest.mark.django_db
def test_study_import_of_a_broken_workbook_names_the_problem_and_imports_nothing(
    run: Run, cast: Cast, tmp_path: Path
) -> None:
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "Place.csv").write_text("field,value\nname,Northgate\n")
    (folder / "Organisations.csv").write_text("name,sector\nNorthgate Council,government\n")
    result = run("study", "import", str(folder), "--workspace", "Northgate Partnership")
    assert result.exit_code == 1
    assert "Organisations" in result.output
    assert Study.objects.count() == 1


@pytest.mark.django_db
def test_study_list_gives_id_and_name_per_line(run: Run, cast: Cast) -> None:
    from communitydna.web.studies.services import study_import

    other = study_import(workspace=cast.other_workspace, snapshot=demo_snapshot(), user=None)
    everything = run("study", "list")
    assert everything.output.splitlines() == [
        f"{cast.study.pk}\tNorthgate",
        f"{other.pk}\tCalderholme",
    ]
    one = run("study", "list", "--workspace", "Elsewhere Council")
    assert one.output.splitlines() == [f"{other.pk}\tCalderholme"]


@pytest.mark.django_db
def test_study_export_writes_the_workbook_and_will_not_overwrite_unasked(
    run: Run, cast: Cast, tmp_path: Path
) -> None:
    out = tmp_path / "out.xlsx"
    assert run("study", "export", str(cast.study.pk), "-o", str(out)).exit_code == 0
    assert read_study(out).snapshot == study_to_snapshot(cast.study)
    again = run("study", "export", str(cast.study.pk), "-o", str(out))
    assert again.exit_code == 1
    assert "already exists" in again.output
    assert run("study", "export", str(cast.study.pk), "-o", str(out), "--force").exit_code == 0
    folder = tmp_path / "csv"
    assert run("study", "export", str(cast.study.pk), "-o", str(folder)).exit_code == 0
    assert (folder / "Organisations.csv").exists()


@pytest.mark.django_db
def test_study_export_of_an_unknown_id_says_how_to_find_one(run: Run, tmp_path: Path) -> None:
    result = run("study", "export", "999", "-o", str(tmp_path / "x.xlsx"))
    assert result.exit_code == 1
    assert "no study 999" in result.output


@pytest.mark.django_db
def test_demo_sets_up_a_workspace_with_the_demo_study_and_an_account_per_role(run: Run) -> None:
    result = run("demo", "--no-serve")
    assert result.exit_code == 0, result.output
    workspace = Workspace.objects.get(name="Demo")
    study = Study.objects.get(workspace=workspace)
    assert study_to_snapshot(study) == demo_snapshot()
    assert f"http://127.0.0.1:8000/studies/{study.pk}/" in result.output
    for role in Role:
        line = next(x for x in result.output.splitlines() if f"{role.value}@demo.example" in x)
        password = line.split("password: ")[1].strip()
        person = User.objects.get(email=f"{role.value}@demo.example")
        assert person.check_password(password)
        assert role_of(person, workspace) == role
    second = run("demo", "--no-serve")
    assert second.exit_code == 0
    assert Workspace.objects.filter(name="Demo 2").exists()


def test_the_command_line_does_not_load_django_until_a_web_command_runs() -> None:
    code = "import sys, communitydna.cli; print('django' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


# -- in a fresh data folder, as a newcomer runs them ------------------------------------------


def _fresh_env(home: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("COMMUNITYDNA_") and k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env["COMMUNITYDNA_HOME"] = str(home)
    return env


def _communitydna(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*COMMUNITYDNA, *args],
        env=_fresh_env(home),
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_from_nothing_demo_then_list_then_export_work_in_a_new_data_folder(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    demo = _communitydna(home, "demo", "--no-serve")
    assert demo.returncode == 0, demo.stderr
    assert (home / "communitydna.sqlite3").exists()
    listed = _communitydna(home, "study", "list")
    assert listed.stdout == "1\tCalderholme\n", listed.stderr
    exported = _communitydna(home, "study", "export", "1", "-o", str(tmp_path / "out.xlsx"))
    assert exported.returncode == 0, exported.stderr
    assert read_study(tmp_path / "out.xlsx").snapshot == demo_snapshot()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _get(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_serve_migrates_and_serves_pages_and_static_files(tmp_path: Path) -> None:
    port = _free_port()
    server = subprocess.Popen(
        [*COMMUNITYDNA, "serve", "--port", str(port)],
        env=_fresh_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, _, body = _get(f"{base}/healthz")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        assert (status, body) == (200, b"ok")
        status, headers, page = _get(f"{base}/accounts/login/")
        assert status == 200
        assert headers["Server"] == "communitydna"
        stylesheet = page.decode().split('rel="stylesheet" href="')[1].split('"')[0]
        status, headers, css = _get(base + stylesheet)
        assert status == 200
        assert "immutable" in headers["Cache-Control"]
        assert b".skip-link" in css
        status, headers, _ = _get(f"{base}/studies/1/")
        assert status == 200  # redirected to the login page
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert f"running at {base}/" in output
