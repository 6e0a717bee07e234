"""Scale-out as DEPLOYMENT.md describes it, on this machine: two application servers on one
PostgreSQL database with the cache in Redis, and background work on an RQ worker.

What one server writes, the other shows; a PDF report asked for on one server is written by
the worker and collected from the other.
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from communitydna.io import write_study

from .support import small_snapshot

CLI = str(Path(sys.executable).parent / "communitydna")
EMAIL, PASSWORD = "owner@example.org", "a long enough password 1"
POSTGRES = "postgres://postgres@127.0.0.1:5432/"


def _reachable(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")), reason="makes its own database"),
    pytest.mark.skipif(
        not (_reachable(5432) and _reachable(6379)), reason="needs PostgreSQL and Redis"
    ),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, f"{args}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture
def deployment(tmp_path: Path) -> Iterator[dict[str, str]]:
    import psycopg

    name = f"communitydna_scale_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(POSTGRES + "postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    env = {
        **os.environ,
        "COMMUNITYDNA_HOME": str(tmp_path / "shared"),  # the jobs' files, shared by all
        "DATABASE_URL": POSTGRES + name,
        "COMMUNITYDNA_REDIS_URL": "redis://127.0.0.1:6379/14",
        "COMMUNITYDNA_TASKS": "rq",
        "COMMUNITYDNA_SECURE_COOKIES": "0",
        "COMMUNITYDNA_SECRET_KEY": "one secret key shared by every server of the deployment",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    try:
        yield env
    finally:
        with psycopg.connect(POSTGRES + "postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _serve(env: dict[str, str]) -> tuple[subprocess.Popen[bytes], int]:
    port = _free_port()
    server = subprocess.Popen(
        [CLI, "serve", "--port", str(port), "--workers", "2"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return server, port
        except OSError:
            time.sleep(0.3)
    os.killpg(server.pid, signal.SIGKILL)
    raise AssertionError("a server did not start")


class Browser:
    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, form: dict[str, str] | None = None
    ) -> tuple[int, str, str]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            form = {**form, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        content = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            key, _, rest = header.partition("=")
            self.cookies[key.strip()] = rest.split(";", 1)[0]
        text = content.decode("utf-8", "replace") if b"%PDF" not in content[:8] else "%PDF"
        return response.status, response.headers.get("Location", ""), text

    def sign_in(self) -> None:
        self.request("GET", "/accounts/login/")
        status, _, _ = self.request(
            "POST", "/accounts/login/", {"username": EMAIL, "password": PASSWORD}
        )
        assert status == 302


def test_two_servers_share_one_database_and_a_worker_does_the_long_work(
    deployment: dict[str, str], tmp_path: Path
) -> None:
    env = deployment
    workbook = tmp_path / "northgate.xlsx"
    write_study(small_snapshot(), workbook)
    _run(env, CLI, "user", "create", "--email", EMAIL, "--password", PASSWORD,
         "--workspace", "Scale", "--role", "owner")  # fmt: skip
    study = _run(env, CLI, "study", "import", str(workbook), "--workspace", "Scale").split()[0]
    first, port_one = _serve(env)
    second, port_two = _serve(env)
    try:
        one, two = Browser(port_one), Browser(port_two)
        one.sign_in()
        # A session made on one server is good on the other (same database, same key).
        two.cookies = dict(one.cookies)
        status, _, _ = one.request("POST", f"/studies/{study}/organisations/new/",
                                   {"name": "Northgate Library", "sector": "public"})  # fmt: skip
        assert status == 302
        status, _, page = two.request("GET", f"/studies/{study}/organisations/?q=Library")
        assert status == 200
        assert "Northgate Library" in page

        # A PDF asked for on the first server waits for a worker …
        status, location, _ = one.request("POST", f"/studies/{study}/report/download/",
                                          {"format": "pdf"})  # fmt: skip
        assert status == 302
        job = re.fullmatch(r"/jobs/(\d+)/", location)
        assert job is not None
        _, _, panel = two.request("GET", f"/jobs/{job.group(1)}/progress/")
        assert "Waiting" in panel
        # … which does it; the second server hands the file over.
        _run(env, CLI, "worker", "--burst")
        status, _, panel = two.request("GET", f"/jobs/{job.group(1)}/progress/")
        assert "Done" in panel, panel
        status, _, content = two.request("GET", f"/jobs/{job.group(1)}/download/")
        assert (status, content) == (200, "%PDF")
    finally:
        for server in (first, second):
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=60)
