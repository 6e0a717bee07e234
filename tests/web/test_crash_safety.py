"""A server killed outright (SIGKILL) while people are saving: nothing acknowledged is lost,
nothing half-written appears, and the server starts again on the same data.

The real server (``communitydna serve``: gunicorn, several processes) runs in a subprocess on
a database of its own: SQLite in a fresh data folder, and PostgreSQL in a database made for
the test on the server at 127.0.0.1:5432 when it is there. Four clients keep adding
organisations through the site's own form; after some have been acknowledged (the site
redirected to the new organisation), the whole server is killed. Then every acknowledged
organisation must be in the database, and every organisation in the database must have the
audit row written in the same transaction (a change without its record would be half
written).
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from communitydna.io import write_study

from .support import small_snapshot

CLI = str(Path(sys.executable).parent / "communitydna")

# The test makes its own databases of both kinds: the re-run of this folder on PostgreSQL
# would only repeat it.
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")), reason="makes its own databases"),
]
EMAIL, PASSWORD = "writer@example.org", "a long enough password 1"
POSTGRES = "postgres://postgres@127.0.0.1:5432/"

_CHECK = """
import sys
from communitydna.web import setup
setup()
from communitydna.web.audit.models import AuditEvent
from communitydna.web.studies.models import Organisation
rows = Organisation.objects.filter(name__startswith="Crash test ")
names = set(rows.values_list("name", flat=True))
keys = set(rows.values_list("key", flat=True))
created = AuditEvent.objects.filter(action="organisation.created")
audited = set(created.values_list("target", flat=True))
print("\\n".join(sorted(names)))
print("UNAUDITED", len(keys - audited))
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _postgres_available() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=1):
            return True
    except OSError:
        return False


def _run(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, f"{args}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[dict[str, str]]:
    """The environment of a server with a database of its own."""
    env = {**os.environ, "COMMUNITYDNA_HOME": str(tmp_path / "home")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("DATABASE_URL", None)
    if request.param == "sqlite":
        yield env
        return
    if not _postgres_available():
        pytest.skip("no PostgreSQL server on 127.0.0.1:5432")
    import psycopg

    name = f"communitydna_crash_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(POSTGRES + "postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {**env, "DATABASE_URL": POSTGRES + name}
    finally:
        with psycopg.connect(POSTGRES + "postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _start(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [CLI, "serve", "--port", str(port), "--workers", "2", "--threads", "4"],
        env={**env, "COMMUNITYDNA_SECURE_COOKIES": "0"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group, killed whole
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.3)
    os.killpg(server.pid, signal.SIGKILL)
    raise AssertionError("the server did not start")


def _sign_in(port: int) -> tuple[str, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/accounts/login/")
    page = conn.getresponse()
    cookies = {
        c.split("=", 1)[0]: c.split("=", 1)[1].split(";", 1)[0]
        for c in page.headers.get_all("Set-Cookie") or []
    }
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.read().decode())
    assert token is not None
    body = urllib.parse.urlencode(
        {"username": EMAIL, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1)}
    )
    conn.request("POST", "/accounts/login/", body=body, headers={
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
    })  # fmt: skip
    answer = conn.getresponse()
    answer.read()
    for c in answer.headers.get_all("Set-Cookie") or []:
        cookies[c.split("=", 1)[0]] = c.split("=", 1)[1].split(";", 1)[0]
    assert "sessionid" in cookies, answer.status
    return "; ".join(f"{k}={v}" for k, v in cookies.items()), cookies["csrftoken"]


def test_a_killed_server_loses_nothing_acknowledged_and_leaves_nothing_half_written(
    database: dict[str, str], tmp_path: Path
) -> None:
    env = database
    workbook = tmp_path / "northgate.xlsx"
    write_study(small_snapshot(), workbook)
    _run(env, CLI, "user", "create", "--email", EMAIL, "--password", PASSWORD,
         "--workspace", "Crash", "--role", "owner")  # fmt: skip
    study_id = _run(env, CLI, "study", "import", str(workbook), "--workspace", "Crash").split()[0]
    port = _free_port()
    server = _start(env, port)
    acknowledged: list[str] = []
    lock = threading.Lock()
    stop = threading.Event()
    try:
        cookie, csrf = _sign_in(port)

        def writer(n: int) -> None:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            i = 0
            while not stop.is_set():
                name = f"Crash test {n}-{i}"
                i += 1
                body = urllib.parse.urlencode(
                    {"name": name, "sector": "social", "csrfmiddlewaretoken": csrf}
                )
                try:
                    conn.request("POST", f"/studies/{study_id}/organisations/new/", body=body,
                                 headers={"Content-Type": "application/x-www-form-urlencoded",
                                          "Cookie": cookie})  # fmt: skip
                    response = conn.getresponse()
                    response.read()
                except (OSError, http.client.HTTPException):
                    return  # the server is gone
                if response.status == 302:
                    with lock:
                        acknowledged.append(name)

        threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
        for t in threads:
            t.start()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(acknowledged) < 40:
            time.sleep(0.05)
        os.killpg(server.pid, signal.SIGKILL)  # mid-stream: writes are still arriving
        server.wait(timeout=30)
        stop.set()
        for t in threads:
            t.join(timeout=30)
    finally:
        stop.set()
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=30)

    assert len(acknowledged) >= 40
    lines = _run(env, sys.executable, "-c", _CHECK).splitlines()
    stored = set(lines[:-1])
    assert set(acknowledged) <= stored, f"lost: {sorted(set(acknowledged) - stored)[:5]}"
    assert lines[-1] == "UNAUDITED 0"
    # At most the writes in flight when it died were done without being acknowledged.
    assert len(stored - set(acknowledged)) <= 4

    # The server starts again on the same data and serves the study.
    again = _start(env, port)
    try:
        cookie, _ = _sign_in(port)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request(
            "GET", f"/studies/{study_id}/organisations/?q=Crash", headers={"Cookie": cookie}
        )
        assert conn.getresponse().status == 200
    finally:
        os.killpg(again.pid, signal.SIGKILL)
        again.wait(timeout=30)
    if "DATABASE_URL" not in env:
        import sqlite3

        file = Path(env["COMMUNITYDNA_HOME"]) / "communitydna.sqlite3"
        with sqlite3.connect(file) as db:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        db.close()
