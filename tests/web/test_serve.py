"""`communitydna serve`: several gunicorn processes where gunicorn runs, waitress otherwise."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from communitydna.cli import web

from .test_cli import COMMUNITYDNA, _free_port, _fresh_env, _get


@pytest.mark.parametrize(("cores", "workers"), [(None, 2), (1, 2), (2, 2), (3, 3), (16, 8)])
def test_the_default_is_a_process_per_core_from_two_to_eight(
    monkeypatch: pytest.MonkeyPatch, cores: int | None, workers: int
) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: cores)
    assert web.default_workers() == workers


def test_auto_picks_gunicorn_where_it_runs_and_waitress_on_windows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert web._chosen_server("auto") == "gunicorn"
    assert web._chosen_server("waitress") == "waitress"
    monkeypatch.setattr(sys, "platform", "win32")
    assert web._chosen_server("auto") == "waitress"


def test_auto_picks_waitress_when_gunicorn_is_not_installed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "gunicorn" else real(name)
    )
    assert web._chosen_server("auto") == "waitress"


def test_gunicorn_gets_threaded_workers_on_the_address_asked_for(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from gunicorn.app.base import BaseApplication

    seen: dict[str, Any] = {}

    def run(self: Any) -> None:
        seen.update({name: setting.get() for name, setting in self.cfg.settings.items()})
        seen["app"] = self.load()

    monkeypatch.setattr(BaseApplication, "run", run)
    application = object()
    web._gunicorn(application, host="::1", port=8123, threads=3, workers=5)
    assert seen["bind"] == ["[::1]:8123"]
    assert (seen["workers"], seen["threads"]) == (5, 3)
    assert seen["worker_class"] == "gthread"
    assert seen["preload_app"] is True
    assert seen["app"] is application


def _serve(home: Path, *options: str) -> tuple[subprocess.Popen[str], str]:
    port = _free_port()
    server = subprocess.Popen(
        [*COMMUNITYDNA, "serve", "--port", str(port), *options],
        env=_fresh_env(home),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            status, _, _ = _get(f"{base}/healthz")
            assert status == 200
            return server, base
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                raise
            time.sleep(0.2)


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
def test_serve_runs_the_number_of_processes_asked_for(tmp_path: Path) -> None:
    server, base = _serve(tmp_path, "--workers", "3", "--threads", "2")
    try:
        deadline = time.monotonic() + 30
        while len(_children(server.pid)) < 3 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert len(_children(server.pid)) == 3
        status, headers, _ = _get(f"{base}/accounts/login/")
        assert (status, headers["Server"]) == (200, "communitydna")
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert "(3 processes)" in output


def test_serve_with_waitress_serves_from_one_process(tmp_path: Path) -> None:
    server, base = _serve(tmp_path, "--server", "waitress")
    try:
        status, headers, _ = _get(f"{base}/accounts/login/")
        assert (status, headers["Server"]) == (200, "communitydna")
        if Path("/proc/self/stat").exists():
            assert _children(server.pid) == []
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert f"running at {base}/ (Ctrl+C" in output
