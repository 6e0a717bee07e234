"""Background work on separate workers: the database backend and RQ on Redis.

Each test sets up a fresh data folder with the command line, queues a report from a second
process, runs ``communitydna worker --burst`` and checks that the work was done. They run
in subprocesses because the task backend is chosen when Django starts. The database is the
data folder's SQLite file whichever database the rest of the suite uses.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from communitydna.demo import demo_snapshot
from communitydna.io import write_study

REDIS = ("127.0.0.1", 6379)

# They use their own SQLite file whatever the suite's database: the re-run of this folder on
# PostgreSQL would only repeat them (and share their queue).
pytestmark = pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")), reason="independent of the suite's database"
)

_QUEUE = """
from communitydna.web import setup
setup()
from communitydna.web.jobs.services import job_report
from communitydna.web.studies.models import Study
job = job_report(study=Study.objects.get(), user=None, output_format="html", public=False)
print(job.pk, job.status)
"""

_CHECK = """
import sys
from communitydna.web import setup
setup()
from communitydna.web.jobs.models import Job
from communitydna.web.jobs.services import job_folder
job = Job.objects.get(pk=int(sys.argv[1]))
print(job.status, job.result_name, (job_folder(job) / job.result_name).stat().st_size)
"""


def _redis_running() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=1):
            return True
    except OSError:
        return False


def _run(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, f"{args} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _queue_and_work(tmp_path: Path, extra: dict[str, str]) -> None:
    env = {**os.environ, "COMMUNITYDNA_HOME": str(tmp_path / "home"), **extra}
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    cli = str(Path(sys.executable).parent / "communitydna")
    workbook = tmp_path / "demo.xlsx"
    write_study(demo_snapshot(), workbook)
    _run(env, cli, "user", "create", "--email", "owner@example.org", "--password",
         "a long enough password 1", "--workspace", "Calder", "--role", "owner")  # fmt: skip
    _run(env, cli, "study", "import", str(workbook), "--workspace", "Calder")
    job_id, status = _run(env, sys.executable, "-c", _QUEUE).split()
    assert status == "queued"  # nothing runs it until a worker does
    _run(env, cli, "worker", "--burst")
    final, name, size = _run(env, sys.executable, "-c", _CHECK, job_id).split()
    assert (final, name) == ("done", "calderholme.html")
    assert int(size) > 10_000


@pytest.mark.slow
def test_a_database_worker_runs_queued_work(tmp_path: Path) -> None:
    _queue_and_work(tmp_path, {"COMMUNITYDNA_TASKS": "database"})


@pytest.mark.slow
@pytest.mark.skipif(not _redis_running(), reason="needs Redis on 127.0.0.1:6379")
def test_an_rq_worker_runs_queued_work(tmp_path: Path) -> None:
    # Redis database 15, so nothing else on the server is disturbed.
    _queue_and_work(
        tmp_path,
        {"COMMUNITYDNA_TASKS": "rq", "COMMUNITYDNA_REDIS_URL": "redis://127.0.0.1:6379/15"},
    )


def test_the_worker_explains_that_the_default_server_needs_none(tmp_path: Path) -> None:
    env = {**os.environ, "COMMUNITYDNA_HOME": str(tmp_path), "COMMUNITYDNA_TASKS": "thread"}
    env.pop("DATABASE_URL", None)
    cli = str(Path(sys.executable).parent / "communitydna")
    done = subprocess.run([cli, "worker", "--burst"], env=env, capture_output=True, text=True,
                          timeout=120, check=False)  # fmt: skip
    assert done.returncode == 1
    assert "COMMUNITYDNA_TASKS=database" in done.stderr
    assert "Traceback" not in done.stderr
