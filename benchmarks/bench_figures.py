"""How long the report's figures take: the demo study's, and a network map of 5,000.

Run it by hand (it is not a timed test)::

    python benchmarks/bench_figures.py            # median of 3 runs of each
    python benchmarks/bench_figures.py --large 0  # skip the 5,000-organisation map

Timed, each from data in memory with imports done first: the demo report built and
rendered as HTML without and with its analysis (the analysis itself not timed), the PNG
renderings of all its figures (drawn only when a format such as Word asks for them), and
the force-directed layout and whole network map of a generated place of 5,000
organisations and 25,000 ties.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from communitydna.analysis import analyse, analysis_to_json
from communitydna.demo import demo_snapshot
from communitydna.framework import SECTORS
from communitydna.reports import build_report, render_html
from communitydna.reports.figures import MapGraph, force_layout, network_map


def median_time(work: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _all_pngs(report: Any) -> int:
    figures = [*report.summary.figures, *report.place.figures, *report.network.figures]
    for m in report.measures:
        figures += [*m.figures, *m.network.figures]
    return sum(len(f.png) for f in figures)


def _large_graph(n: int, m: int, seed: int = 0) -> MapGraph:
    rng = np.random.default_rng(seed)
    pairs = rng.integers(0, n, size=(m * 2, 2))
    pairs = np.sort(pairs[pairs[:, 0] != pairs[:, 1]], axis=1)
    pairs = np.unique(pairs, axis=0)[:m]
    return MapGraph(
        ids=tuple(f"o{i}" for i in range(n)),
        names=tuple(f"Organisation {i}" for i in range(n)),
        sectors=tuple(SECTORS[i % 3] for i in range(n)),
        edges=pairs.astype(np.int64),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--large", type=int, default=5000, help="organisations (0: skip)")
    args = parser.parse_args(argv)

    snapshot = demo_snapshot()
    as_of = snapshot.place.date.end() if snapshot.place.date else dt.date.today()
    analysis = analysis_to_json(analyse(snapshot, as_of=as_of))
    day = dt.date(2024, 5, 1)
    rows = [
        (
            "demo HTML, no analysis",
            median_time(lambda: render_html(build_report(snapshot, generated_on=day)), args.repeat),
        ),
        (
            "demo HTML, with analysis",
            median_time(
                lambda: render_html(build_report(snapshot, analysis=analysis, generated_on=day)),
                args.repeat,
            ),
        ),
        (
            "demo HTML, no figures",
            median_time(
                lambda: render_html(
                    build_report(snapshot, analysis=analysis, generated_on=day, figures=False)
                ),
                args.repeat,
            ),
        ),
        (
            "demo PNG of every figure",
            median_time(
                lambda: _all_pngs(build_report(snapshot, analysis=analysis, generated_on=day)),
                args.repeat,
            ),
        ),
    ]
    if args.large:
        graph = _large_graph(args.large, args.large * 5)
        rows.append(
            (
                f"layout, {graph.n:,} organisations / {len(graph.edges):,} ties",
                median_time(lambda: force_layout(graph.n, graph.edges, seed=0), args.repeat),
            )
        )
        rows.append(
            (
                "whole network map (layout + SVG)",
                median_time(lambda: network_map(graph, place="Large"), args.repeat),
            )
        )
    width = max(len(name) for name, _ in rows)
    for name, seconds in rows:
        print(f"{name:<{width}}  {seconds:6.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
