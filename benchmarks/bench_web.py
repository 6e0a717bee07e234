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

Usage::

    python benchmarks/bench_web.py [--clients 20] [--seconds 30] [--organisations 5000]
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
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
    started = time.perf_counter()
    write_study(synthetic_snapshot(organisations, relationships, seed=1), folder)
    _cli(env, "user", "create", "--email", EMAIL, "--password", PASSWORD,
         "--workspace", "Bench", "--role", "owner")  # fmt: skip
    out = _cli(env, "study", "import", str(folder), "--workspace", "Bench")
    match = re.search(r"^(\d+)\t", out, re.MULTILINE)
    if match is None:
        raise SystemExit(f"could not read the study id from: {out!r}")
    print(f"prepared {organisations:,} organisations in {time.perf_counter() - started:.1f} s")
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
    found: dict[str, str] = {}
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    for name, path in pages.items():
        conn.request("GET", path, headers={"Cookie": cookie})
        response = conn.getresponse()
        response.read()
        if response.status == 200:
            found[name] = path
        else:
            print(f"  {name}: {path} answered {response.status}; left out")
    return found


def _load(
    port: int, cookie: str, pages: dict[str, str], clients: int, seconds: float
) -> tuple[dict[str, list[float]], int]:
    latencies: dict[str, list[float]] = {name: [] for name in pages}
    errors = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(offset: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        names = list(pages)
        i = offset
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--organisations", type=int, default=5000)
    parser.add_argument("--relationships", type=int, default=25000)
    parser.add_argument("--threads", type=int, default=8, help="server threads")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="cdna-bench-web-") as tmp:
        env, study_id = _prepare(Path(tmp), args.organisations, args.relationships)
        port = _free_port()
        script = Path(sys.executable).parent / "communitydna"
        server = subprocess.Popen(
            [str(script), "serve", "--port", str(port), "--threads", str(args.threads)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            _wait_for(port)
            cookie = _sign_in(port)
            pages = _available(port, cookie, _pages(study_id))
            print(f"{args.clients} clients for {args.seconds:.0f} s against {len(pages)} pages")
            latencies, errors = _load(port, cookie, pages, args.clients, args.seconds)
        finally:
            server.terminate()
            server.wait(timeout=30)

    baseline = _percentile(latencies.get("healthz (baseline)", []), 95)
    total = sum(len(v) for v in latencies.values())
    print(f"\n{total:,} requests, {total / args.seconds:.0f}/s, {errors} errors")
    print(f"{'page':<22}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'p95 / baseline':>16}")
    for name, values in latencies.items():
        p50 = _percentile(values, 50) * 1000
        p95 = _percentile(values, 95) * 1000
        ratio = _percentile(values, 95) / baseline if baseline else float("nan")
        print(f"{name:<22}{len(values):>9}{p50:>9.1f}{p95:>9.1f}{ratio:>16.1f}")


if __name__ == "__main__":
    main()
