"""How long the demo study's report takes to write as HTML, Word and PDF.

Run it by hand (it is not a timed test)::

    python benchmarks/bench_report.py                 # median of 3 runs of each format
    python benchmarks/bench_report.py --repeat 5 --check

Each format is timed with :func:`~communitydna.reports.write_report` from the demo snapshot
to the file on disk: the report is built, rendered and written, as ``communitydna report``
does after reading the workbook. Imports are done before timing. The baseline is the time
to build the demo snapshot itself, so the ratio column reads the same on a faster or
slower machine. Targets on a two-core machine: HTML under 3 s, Word under 6 s, PDF under
15 s. ``--check`` exits 1 when a target is missed; a machine shared with other work gives
noisy figures, so it is off by default. PDF is left out, with the reason, when WeasyPrint
cannot run here.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from communitydna.demo import demo_snapshot
from communitydna.reports import (
    REPORT_FORMATS,
    ReportFormatUnavailableError,
    check_report_format,
    write_report,
)

TARGETS = {"html": 3.0, "docx": 6.0, "pdf": 15.0}


def median_time(work: Callable[[], Any], repeat: int) -> tuple[float, list[float]]:
    """The median wall time of ``repeat`` runs, and every run's time."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each format (median)")
    parser.add_argument("--formats", nargs="+", default=list(REPORT_FORMATS))
    parser.add_argument("--keep", type=Path, help="write the reports here and keep them")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)

    baseline, _ = median_time(demo_snapshot, max(args.repeat, 5))
    snapshot = demo_snapshot()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="communitydna-bench-report-"))
    folder.mkdir(parents=True, exist_ok=True)

    print(
        f"demo study: {snapshot.place.name}, {len(snapshot.organisations)} organisations, "
        f"{len(snapshot.relationships)} relationships, {len(snapshot.evidence)} evidence items"
    )
    print(
        f"baseline (build the snapshot): {baseline * 1000:.1f} ms, median of {max(args.repeat, 5)}"
    )
    print()
    print(
        f"{'format':<7}{'median':>9}{'runs':>24}{'× baseline':>12}{'target':>9}  "
        f"{'size':>9}  result"
    )
    missed = []
    for fmt in args.formats:
        try:
            check_report_format(fmt)
            if fmt == "docx":
                import communitydna.reports.docx  # noqa: F401
        except ReportFormatUnavailableError as exc:
            print(f"{fmt:<7}skipped: {str(exc).splitlines()[0]}")
            continue
        target = folder / f"calderholme.{fmt}"
        seconds, runs = median_time(lambda t=target: write_report(snapshot, t), args.repeat)
        limit = TARGETS.get(fmt)
        ok = limit is None or seconds < limit
        if not ok:
            missed.append(fmt)
        shown = ", ".join(f"{r:.2f}" for r in runs)
        print(
            f"{fmt:<7}{seconds:>8.2f}s{shown:>24}{seconds / baseline:>11.0f}×"
            f"{'< ' + format(limit, 'g') + ' s' if limit else '':>9}  "
            f"{target.stat().st_size / 1024:>7.0f} kB  {'ok' if ok else 'MISSED'}"
        )
    if args.keep is None:
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()
    else:
        print(f"\nreports kept in {folder}")
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
