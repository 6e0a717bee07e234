"""Page latency of the web application under concurrent clients, on a 5,000-organisation study.

What it does, all on this machine:

1. writes a synthetic study (5,000 organisations, 25,000 relationships by default) as a
   folder of csv files, creates an owner account and imports the study with the CLI into a
   fresh ``COMMUNITYDNA_HOME`` (SQLite, or ``DATABASE_URL`` if set);
2. starts ``communitydna serve`` on a free loopback port and signs in;
3. runs N concurrent clients (default 20) for a fixed time, each requesting the pages in
   turn over a kept-alive connection, and records every latency;
4. prints p50 / p95 per page, the error count, and each page's p95 as a ratio to the p95 of
   ``/healthz`` measured under the same load in the same run (the baseline).

Targets (issue 5): dashboard, organisation list and measure pages p95 < 200 ms under 20
concurrent clients; the map data < 300 ms.

Two modes: zero think time (each client asks again the moment it has an answer: a stress
test, 20 clients keep the server saturated) and ``--think`` (each waits 0.5-1.5 s at random
between requests, as a person reading a page does, as locust users do); ``--both`` runs one
then the other on the same server. It also prints the first request of each page and the
processor time of clients and server.

Measured on 2 cores, clients on the same machine, gunicorn 2 processes x 8 threads, on a
quiet machine (load average under 0.1 before the run). p50 / p95 in ms:

============  =====================  =====================
page          zero think time        think time 0.5-1.5 s
============  =====================  =====================
dashboard     122 / 256              20 / 41
organisations 143 / 291              24 / 44
measure       152 / 300              25 / 39
map data      67 / 165               9 / 20
/healthz      43 / 112               3 / 8
============  =====================  =====================

Zero think time gave 170 requests/s with 0 errors (23/s with one waitress process before
the pages were made cheap). Saturated, a closed loop's latency is clients x processor time
per request / cores: 20 x ~10 ms / 2 is ~100 ms on average, so a p95 under 200 ms in that
mode is out of reach with the clients on the same two cores; with think time, as people use
the site, every page is well within its target. The first map data of the study, before
anything is kept, took 3.9 s (the layout and the analysis of 5,000 organisations).

Usage::

    python benchmarks/bench_web.py [--clients 20] [--seconds 30] [--organisations 5000]
        [--think | --both] [--home DIR] [--server gunicorn|waitress] [--workers N]
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

PASSWORD = "bench-password-5000"
EMAIL = "bench@example.org"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _cli(env: dict[str, str], *args: str) -> str:
    script = Path(sys.executable).parent / "communitydna"
    done = subprocess.run(
        [str(script), *args], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"communitydna {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def _prepare(home: Path, organisations: int, relationships: int) -> tuple[dict[str, str], int]:
    from communitydna.demo import synthetic_snapshot
    from communitydna.io import write_study

    env = {**os.environ, "COMMUNITYDNA_HOME": str(home)}
    folder = home / "study"
    kept = home / "bench-study-id"
    if kept.exists():
        print(f"reusing the study prepared in {home}")
        return env, int(kept.read_text())
    started = time.perf_counter()
    write_study(synthetic_snapshot(organisations, relationships, seed=1), folder)
    _cli(env, "user", "create", "--email", EMAIL, "--password", PASSWORD,
         "--workspace", "Bench", "--role", "owner")  # fmt: skip
    out = _cli(env, "study", "import", str(folder), "--workspace", "Bench")
    match = re.search(r"^(\d+)\t", out, re.MULTILINE)
    if match is None:
        raise SystemExit(f"could not read the study id from: {out!r}")
    print(f"prepared {organisations:,} organisations in {time.perf_counter() - started:.1f} s")
    kept.write_text(match.group(1))
    return env, int(match.group(1))


def _wait_for(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("the server did not start")


def _cookies(response: http.client.HTTPResponse) -> dict[str, str]:
    jar: dict[str, str] = {}
    for header in response.headers.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        jar[name.strip()] = rest.split(";", 1)[0]
    return jar


def _sign_in(port: int) -> str:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", "/accounts/login/")
    page = conn.getresponse()
    jar = _cookies(page)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.read().decode())
    if token is None:
        raise SystemExit("no CSRF token on the login page")
    body = urllib.parse.urlencode(
        {"username": EMAIL, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1)}
    )
    cookie = "; ".join(f"{k}={v}" for k, v in jar.items())
    conn.request(
        "POST",
        "/accounts/login/",
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": cookie,
            "Referer": f"http://127.0.0.1:{port}/accounts/login/",
        },
    )
    answer = conn.getresponse()
    answer.read()
    jar.update(_cookies(answer))
    if "sessionid" not in jar:
        raise SystemExit(f"signing in failed (status {answer.status})")
    return "; ".join(f"{k}={v}" for k, v in jar.items())


def _pages(study_id: int) -> dict[str, str]:
    base = f"/studies/{study_id}"
    return {
        "dashboard": f"{base}/",
        "organisations": f"{base}/organisations/",
        "measure": f"{base}/measures/social/",
        "map data": f"{base}/map/data/",
        "healthz (baseline)": "/healthz",
    }


def _available(port: int, cookie: str, pages: dict[str, str]) -> dict[str, str]:
    """The pages that answer, each asked once first (the first request of a new state of
    the study computes what later ones reuse: the analysis, the layout)."""
    found: dict[str, str] = {}
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    for name, path in pages.items():
        started = time.perf_counter()
        conn.request("GET", path, headers={"Cookie": cookie})
        response = conn.getresponse()
        body = response.read()
        elapsed = time.perf_counter() - started
        if response.status == 200:
            found[name] = path
            print(f"  first {name:<20} {elapsed * 1000:9.1f} ms")
            if b"/progress/?refresh=1" in body:
                # A large place is analysed in the background: wait until the page is whole.
                waited = time.perf_counter()
                while b"/progress/?refresh=1" in body:
                    time.sleep(0.5)
                    conn.request("GET", path, headers={"Cookie": cookie})
                    body = conn.getresponse().read()
                print(f"  {name} whole after its analysis ran for "
                      f"{time.perf_counter() - waited:.1f} s in the background")  # fmt: skip
        else:
            print(f"  {name}: {path} answered {response.status}; left out")
    return found


def _load(
    port: int,
    cookie: str,
    pages: dict[str, str],
    clients: int,
    seconds: float,
    think: tuple[float, float] | None = None,
) -> tuple[dict[str, list[float]], int]:
    """Each client asks for the pages in turn; with ``think`` it waits a random time in that
    range (seconds) between requests, as a person reading a page does."""
    latencies: dict[str, list[float]] = {name: [] for name in pages}
    errors = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(offset: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        names = list(pages)
        i = offset
        pause = random.Random(offset)
        if think is not None:  # people do not all click at the same moment
            time.sleep(pause.uniform(0, think[1]))
        while time.monotonic() < stop:
            name = names[i % len(names)]
            i += 1
            started = time.perf_counter()
            try:
                conn.request("GET", pages[name], headers={"Cookie": cookie})
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            elapsed = time.perf_counter() - started
            with lock:
                if ok:
                    latencies[name].append(elapsed)
                else:
                    errors[0] += 1
            if think is not None:
                time.sleep(pause.uniform(*think))

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, errors[0]


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


THINK = (0.5, 1.5)
"""Seconds a client with ``--think`` waits between requests, at random in this range."""


def _report(title: str, latencies: dict[str, list[float]], errors: int, seconds: float) -> None:
    baseline50 = _percentile(latencies.get("healthz (baseline)", []), 50)
    baseline95 = _percentile(latencies.get("healthz (baseline)", []), 95)
    total = sum(len(v) for v in latencies.values())
    print(f"\n{title}: {total:,} requests, {total / seconds:.0f}/s, {errors} errors")
    print(
        f"{'page':<22}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'p50 / base':>12}{'p95 / base':>12}"
    )
    for name, values in latencies.items():
        p50 = _percentile(values, 50)
        p95 = _percentile(values, 95)
        r50 = p50 / baseline50 if baseline50 else float("nan")
        r95 = p95 / baseline95 if baseline95 else float("nan")
        times = f"{p50 * 1000:>9.1f}{p95 * 1000:>9.1f}"
        print(f"{name:<22}{len(values):>9}{times}{r50:>12.1f}{r95:>12.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--organisations", type=int, default=5000)
    parser.add_argument("--relationships", type=int, default=25000)
    parser.add_argument(
        "--think",
        action="store_true",
        help=f"each client waits {THINK[0]}-{THINK[1]} s between requests, like a person",
    )
    parser.add_argument("--both", action="store_true", help="zero think time, then --think")
    parser.add_argument("--server", default=None, help="gunicorn or waitress (serve's default)")
    parser.add_argument("--workers", type=int, default=None, help="server processes")
    parser.add_argument("--threads", type=int, default=None, help="threads per process")
    parser.add_argument(
        "--home", type=Path, default=None, help="keep the prepared study here and reuse it"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="cdna-bench-web-") as tmp:
        home = args.home or Path(tmp)
        home.mkdir(parents=True, exist_ok=True)
        env, study_id = _prepare(home, args.organisations, args.relationships)
        port = _free_port()
        script = Path(sys.executable).parent / "communitydna"
        command = [str(script), "serve", "--port", str(port)]
        for option in ("server", "workers", "threads"):
            if getattr(args, option) is not None:
                command += [f"--{option}", str(getattr(args, option))]
        print(" ".join(command[1:]))
        server = subprocess.Popen(
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        runs: list[tuple[str, dict[str, list[float]], int]] = []
        children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        try:
            _wait_for(port)
            cookie = _sign_in(port)
            pages = _available(port, cookie, _pages(study_id))
            modes = [False, True] if args.both else [args.think]
            clients_before = resource.getrusage(resource.RUSAGE_SELF)
            for think in modes:
                title = "think time 0.5-1.5 s" if think else "zero think time"
                print(f"{args.clients} clients, {title}, for {args.seconds:.0f} s")
                latencies, errors = _load(
                    port, cookie, pages, args.clients, args.seconds, THINK if think else None
                )
                runs.append((title, latencies, errors))
            clients = resource.getrusage(resource.RUSAGE_SELF)
        finally:
            server.terminate()
            server.wait(timeout=30)
        served = resource.getrusage(resource.RUSAGE_CHILDREN)

    for title, latencies, errors in runs:
        _report(title, latencies, errors, args.seconds)
    # Where the machine's processor time went: the clients share it with the server here.
    spent = args.seconds * len(runs)
    client_cpu = _cpu(clients) - _cpu(clients_before)
    server_cpu = _cpu(served) - _cpu(children_before)
    print(
        f"\nprocessor time over {spent:.0f} s of load: clients {client_cpu:.1f} s, "
        f"server {server_cpu:.1f} s (all its processes, start-up and first requests included); "
        f"{os.cpu_count()} cores"
    )


def _cpu(usage: resource.struct_rusage) -> float:
    return usage.ru_utime + usage.ru_stime


if __name__ == "__main__":
    main()
