"""How long reading and checking a large study workbook takes, and how much memory.

Run it by hand (it is not a timed test)::

    python benchmarks/bench_read.py            # 100,000 organisations, 300,000 relationships
    python benchmarks/bench_read.py --organisations 20000 --relationships 60000

It writes a synthetic study with ``write_study`` once and keeps it under the system's
temporary folder (``communitydna-bench``), then, each in a fresh child process:

- **read + validate**: ``read_study`` on the workbook, producing the checked snapshot;
- **baseline**: a bare openpyxl read-only pass over the same file (``values_only=True``,
  every row of every sheet, no validation), the obvious way to read a large workbook.

Wall time is measured in the child around the read alone (imports excluded). Peak memory is
the child's own maximum resident set size, ``resource.getrusage(RUSAGE_SELF).ru_maxrss``
read at its end, so it includes the interpreter (about 20 MB). Target on a two-core machine:
read + validate under 30 s and 2 GB.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = r"""
import json, resource, sys, time
path, mode = sys.argv[1], sys.argv[2]
if mode == "read":
    from communitydna.io import read_study
    start = time.perf_counter()
    result = read_study(path)
    seconds = time.perf_counter() - start
    assert result.snapshot is not None, [str(p) for p in result.errors[:5]]
    rows = len(result.snapshot.organisations) + len(result.snapshot.relationships)
else:
    import openpyxl
    start = time.perf_counter()
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows = sum(1 for sheet in book for _ in sheet.iter_rows(values_only=True))
    book.close()
    seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
if sys.platform == "darwin":
    peak //= 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak / 1024, "rows": rows}))
"""


def workbook(organisations: int, relationships: int) -> Path:
    """The cached benchmark workbook, written on first use."""
    folder = Path(tempfile.gettempdir()) / "communitydna-bench"
    folder.mkdir(exist_ok=True)
    path = folder / f"study-{organisations}-{relationships}.xlsx"
    if not path.exists():
        from communitydna.demo.synthetic import synthetic_snapshot
        from communitydna.io import write_study

        print(f"writing {path} (once) …", flush=True)
        start = time.perf_counter()
        snapshot = synthetic_snapshot(organisations, relationships, seed=0)
        partial = path.with_suffix(".partial.xlsx")
        write_study(snapshot, partial)
        partial.rename(path)
        print(f"  written in {time.perf_counter() - start:.1f} s", flush=True)
    return path


def measure(path: Path, mode: str) -> dict[str, float]:
    """Run one read in a fresh child process and return its figures."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), mode],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"the {mode} run failed:\n{done.stderr}")
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--organisations", type=int, default=100_000)
    parser.add_argument("--relationships", type=int, default=300_000)
    parser.add_argument("--skip-baseline", action="store_true")
    args = parser.parse_args()
    path = workbook(args.organisations, args.relationships)
    size = path.stat().st_size / 1e6
    print(
        f"workbook: {args.organisations:,} organisations, {args.relationships:,} "
        f"relationships, {size:.1f} MB"
    )
    read = measure(path, "read")
    print(
        f"read + validate (read_study):   {read['seconds']:6.1f} s  peak {read['peak_mb']:7.0f} MB"
    )
    if not args.skip_baseline:
        base = measure(path, "baseline")
        print(
            f"baseline (openpyxl read-only):  {base['seconds']:6.1f} s  "
            f"peak {base['peak_mb']:7.0f} MB  ({int(base['rows']):,} rows, no validation)"
        )
        print(
            f"ratio read+validate / baseline: time {read['seconds'] / base['seconds']:.2f}, "
            f"memory {read['peak_mb'] / base['peak_mb']:.2f}"
        )
    verdict = read["seconds"] < 30 and read["peak_mb"] < 2048
    print(f"target (< 30 s, < 2 GB): {'met' if verdict else 'NOT met'}")


if __name__ == "__main__":
    main()
