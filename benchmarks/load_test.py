"""A load test of the web application: many people reading and writing at once.

What it does, all on this machine:

1. sets up a fresh data folder (and, for PostgreSQL, a database of its own on the server at
   127.0.0.1:5432) with a generated study (1,000 organisations and 4,000 relationships by
   default) and one account per simulated person;
2. starts ``communitydna serve`` (gunicorn, several processes) on a free loopback port;
3. runs N simulated people (default 50) for a fixed time (default 60 s). Each signs in, then
   in a loop waits 0.5–1.5 s (as a person reading a page does) and makes one request: four
   in five are reads (dashboard, organisation list and its search, a measure page, the
   relationships, the map data), one in five a write (a new organisation, a new
   relationship, a new piece of evidence) through the site's own forms;
4. prints throughput, p50 and p95 per kind of request and overall, and the error count. An
   error is anything but the expected answer (200 for a read, 302 after a write).

Requirement (issue 7): 50 concurrent users for 60 s mixing reads and writes, 0 errors, on
SQLite (WAL) and on PostgreSQL.

Usage::

    python benchmarks/load_test.py [--database sqlite|postgresql|both] [--users 50]
                                   [--seconds 60] [--organisations 1000]

Measured on this 2-core machine (the clients on the same machine), 50 people, 60 s:

====================  ==========  ======  ======  ======
database              requests/s  p50     p95     errors
====================  ==========  ======  ======  ======
SQLite (WAL)          33.8        261 ms  1.06 s  0
PostgreSQL            26.2        716 ms  1.76 s  0
====================  ==========  ======  ======  ======

The PostgreSQL server shares the two cores with the application and the clients. The map
data is the slowest read at p95 (about 5 s): one request at a time builds the map of the
study as it is now while the others are answered with the map built last.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

PASSWORD = "load-test-password-50"
POSTGRES = "postgres://postgres@127.0.0.1:5432/"
CLI = str(Path(sys.executable).parent / "communitydna")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _cli(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([CLI, *args], env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"communitydna {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def _prepare(env: dict[str, str], home: Path, users: int, organisations: int) -> int:
    from communitydna.demo import synthetic_snapshot
    from communitydna.io import write_study

    folder = home / "study"
    write_study(synthetic_snapshot(organisations, organisations * 4, seed=7), folder)
    for n in range(users):
        _cli(env, "user", "create", "--email", f"person{n}@example.org", "--password", PASSWORD,
             "--workspace", "Load", "--role", "assessor" if n % 2 else "contributor")  # fmt: skip
    out = _cli(env, "study", "import", str(folder), "--workspace", "Load")
    match = re.search(r"^(\d+)\t", out, re.MULTILINE)
    if match is None:
        raise SystemExit(f"could not read the study id from {out!r}")
    return int(match.group(1))


def _start(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    log = Path(env["COMMUNITYDNA_HOME"]) / "server.log"
    print(f"  the server's messages go to {log}")
    server = subprocess.Popen(
        [CLI, "serve", "--port", str(port)],
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.3)
    os.killpg(server.pid, signal.SIGKILL)
    raise SystemExit("the server did not start")


class Person:
    """One simulated person with a session of their own over a kept-alive connection."""

    def __init__(self, port: int, email: str) -> None:
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.cookies: dict[str, str] = {}
        self.last_body = b""
        self._sign_in(email)

    def _cookie(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> int:
        headers = {"Cookie": self._cookie()}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(
                {**form, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
            )
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            self.last_body = response.read()
        except (OSError, http.client.HTTPException) as error:
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            self.last_body = repr(error).encode()
            return 0
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status

    def _sign_in(self, email: str) -> None:
        self.request("GET", "/accounts/login/")
        status = self.request("POST", "/accounts/login/", {"username": email, "password": PASSWORD})
        if status != 302 or "sessionid" not in self.cookies:
            raise SystemExit(f"{email} could not sign in (status {status})")


Action = Callable[[Person, random.Random], tuple[str, int, int]]


def _actions(study: int, organisation_keys: list[str]) -> list[tuple[float, Action]]:
    base = f"/studies/{study}"

    def read(name: str, path: str) -> Action:
        return lambda p, r: (name, p.request("GET", path), 200)

    def new_organisation(p: Person, r: random.Random) -> tuple[str, int, int]:
        form = {"name": f"Load test group {uuid.uuid4().hex[:8]}", "sector": r.choice(
            ["public", "commercial", "social"])}  # fmt: skip
        return "write: organisation", p.request("POST", f"{base}/organisations/new/", form), 302

    def new_relationship(p: Person, r: random.Random) -> tuple[str, int, int]:
        a, b = r.sample(organisation_keys, 2)
        form = {"source": a, "target": b, "type": "partnership", "strength": "3",
                "status": "active"}  # fmt: skip
        return "write: relationship", p.request("POST", f"{base}/relationships/new/", form), 302

    def new_evidence(p: Person, r: random.Random) -> tuple[str, int, int]:
        form = {"text": f"Said in a meeting, {uuid.uuid4().hex[:6]}.", "polarity": "neutral",
                "weight": "1", "measures": "social"}  # fmt: skip
        return "write: evidence", p.request("POST", f"{base}/evidence/new/", form), 302

    return [
        (0.16, read("read: dashboard", f"{base}/")),
        (0.16, read("read: organisations", f"{base}/organisations/")),
        (0.08, read("read: organisation search", f"{base}/organisations/?q=trust")),
        (0.16, read("read: measure page", f"{base}/measures/social/")),
        (0.12, read("read: relationships", f"{base}/relationships/")),
        (0.12, read("read: map data", f"{base}/map/data/")),
        (0.08, new_organisation),
        (0.06, new_relationship),
        (0.06, new_evidence),
    ]


def _load(
    port: int, study: int, keys: list[str], users: int, seconds: float
) -> tuple[dict[str, list[float]], dict[str, int], float]:
    people = [Person(port, f"person{n}@example.org") for n in range(users)]
    actions = _actions(study, keys)
    weights = [w for w, _ in actions]
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    lock = threading.Lock()
    samples: list[str] = []
    started = time.monotonic()
    stop = started + seconds

    def run(person: Person, seed: int) -> None:
        rng = random.Random(seed)
        while True:
            time.sleep(rng.uniform(0.5, 1.5))
            if time.monotonic() >= stop:
                return
            action = rng.choices(actions, weights)[0][1]
            t0 = time.perf_counter()
            name, status, expected = action(person, rng)
            elapsed = time.perf_counter() - t0
            with lock:
                latencies[name].append(elapsed)
                if status != expected:
                    errors[name] += 1
                    if len(samples) < 10:
                        samples.append(f"{name}: {status} {person.last_body[:300]!r}")

    threads = [threading.Thread(target=run, args=(p, n)) for n, p in enumerate(people)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for sample in samples:
        print("  unexpected:", sample)
    return latencies, errors, time.monotonic() - started


def _q(values: list[float], q: int) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def _report(
    title: str, latencies: dict[str, list[float]], errors: dict[str, int], took: float
) -> int:
    every = [x for values in latencies.values() for x in values]
    total_errors = sum(errors.values())
    print(f"\n{title}: {len(every):,} requests in {took:.0f} s = {len(every) / took:.1f}/s, "
          f"p50 {_q(every, 50) * 1000:.0f} ms, p95 {_q(every, 95) * 1000:.0f} ms, "
          f"{total_errors} errors")  # fmt: skip
    print(f"  {'request':<28}{'count':>7}{'p50 ms':>9}{'p95 ms':>9}{'errors':>8}")
    for name in sorted(latencies):
        values = latencies[name]
        print(f"  {name:<28}{len(values):>7}{_q(values, 50) * 1000:>9.0f}"
              f"{_q(values, 95) * 1000:>9.0f}{errors.get(name, 0):>8}")  # fmt: skip
    return total_errors


def run_once(kind: str, users: int, seconds: float, organisations: int) -> int:
    home = Path(tempfile.mkdtemp(prefix="communitydna-load-"))
    env = {**os.environ, "COMMUNITYDNA_HOME": str(home), "COMMUNITYDNA_SECURE_COOKIES": "0"}
    env.pop("DATABASE_URL", None)
    database = ""
    if kind == "postgresql":
        import psycopg

        database = f"communitydna_load_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(POSTGRES + "postgres", autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{database}"')
        env["DATABASE_URL"] = POSTGRES + database
    try:
        print(f"Preparing {organisations:,} organisations and {users} people on {kind} …")
        study = _prepare(env, home, users, organisations)
        from communitydna.demo import synthetic_snapshot

        keys = [
            o.id for o in synthetic_snapshot(organisations, organisations * 4, seed=7).organisations
        ]
        port = _free_port()
        server = _start(env, port)
        try:
            latencies, errors, took = _load(port, study, keys, users, seconds)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=60)
        return _report(f"{kind}, {users} people", latencies, errors, took)
    finally:
        if database:
            import psycopg

            with psycopg.connect(POSTGRES + "postgres", autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--database", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--organisations", type=int, default=1000)
    args = parser.parse_args()
    kinds = ["sqlite", "postgresql"] if args.database == "both" else [args.database]
    errors = sum(run_once(k, args.users, args.seconds, args.organisations) for k in kinds)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
