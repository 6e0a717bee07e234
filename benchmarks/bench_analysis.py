"""How long the whole analysis of a large place takes, against the same work in plain networkx.

Usage::

    python benchmarks/bench_analysis.py [--organisations 5000] [--relationships 25000]
                                        [--jobs N] [--steps 200] [--skip-networkx]

Builds a synthetic place (``communitydna.demo.synthetic``), runs :func:`analyse` with every
metric and every closure scenario, then times the headline computations written plainly
with networkx on the same graph: components, betweenness, articulation points and bridges,
Gould–Fernandez brokerage by walking every two-path, and closure curves recomputing the
components after each removal. Work that would run for minutes in networkx is timed on a
part and scaled up, and the table says so: betweenness from ``--pivots`` sources scaled to
all of them (Brandes' algorithm costs the same for every source), closure curves over
``--steps`` removals scaled to every removal of every order.

Not part of the test run; a machine shared with other work gives noisy figures, so the
analysis is timed ``--repeat`` times and the fastest run is reported.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from collections.abc import Callable
from typing import Any

import networkx as nx
import numpy as np

from communitydna.analysis import analyse
from communitydna.analysis.brokerage import gould_fernandez
from communitydna.analysis.centrality import betweenness, default_jobs
from communitydna.analysis.cuts import cuts
from communitydna.analysis.graph import components
from communitydna.analysis.robustness import scenarios
from communitydna.demo.synthetic import synthetic_snapshot


def _timed(work: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def _cpu() -> float:
    """CPU seconds of this process and of the helper processes it has waited for."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    helpers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + helpers.ru_utime + helpers.ru_stime


def _networkx_brokerage(graph: nx.DiGraph, groups: dict[int, int]) -> dict[str, int]:
    roles = dict.fromkeys(
        ("coordinator", "itinerant", "representative", "gatekeeper", "liaison"), 0
    )
    for j in graph:
        b = groups[j]
        for i in graph.predecessors(j):
            for k in graph.successors(j):
                if i == k or graph.has_edge(i, k):
                    continue
                a, c = groups[i], groups[k]
                if a == b == c:
                    roles["coordinator"] += 1
                elif a == c:
                    roles["itinerant"] += 1
                elif a == b:
                    roles["representative"] += 1
                elif c == b:
                    roles["gatekeeper"] += 1
                else:
                    roles["liaison"] += 1
    return roles


def _networkx_curve(graph: nx.Graph, order: list[int], steps: int) -> list[int]:
    copy = graph.copy()
    largest = []
    for v in order[:steps]:
        copy.remove_node(v)
        largest.append(max((len(c) for c in nx.connected_components(copy)), default=0))
    return largest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=5000)
    parser.add_argument("--relationships", type=int, default=25000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--orders", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pivots", type=int, default=200, help="networkx betweenness sources")
    parser.add_argument("--steps", type=int, default=200, help="networkx closure steps")
    parser.add_argument("--skip-networkx", action="store_true")
    args = parser.parse_args(argv)

    made, snapshot = _timed(
        lambda: synthetic_snapshot(args.organisations, args.relationships, seed=args.seed)
    )
    print(
        f"Synthetic place: {args.organisations:,} organisations, "
        f"{args.relationships:,} relationships (built in {made:.2f} s)"
    )
    runs = []
    analysis = None
    for _ in range(args.repeat):
        cpu = _cpu()
        seconds, analysis = _timed(
            lambda: analyse(snapshot, seed=args.seed, orders=args.orders, jobs=args.jobs)
        )
        runs.append((seconds, _cpu() - cpu, analysis.timings))
    assert analysis is not None
    seconds, cpu, timings = min(runs, key=lambda r: r[0])
    net = analysis.network
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"Active network: {net.n:,} organisations, {net.m:,} ties; "
        f"betweenness {analysis.betweenness.method}; "
        f"{len(analysis.scenarios)} closure scenarios ({args.orders} random orders)"
    )
    print(
        f"analyse(): {seconds:.2f} s wall (fastest of {args.repeat}: "
        + ", ".join(f"{r[0]:.2f}" for r in runs)
        + f"), {cpu:.2f} s CPU in all its processes, peak memory {peak_mb:,.0f} MB"
    )
    print(
        f"Load average while measuring: {os.getloadavg()[0]:.2f} on 2 cores "
        "(the analysis alone adds about 1)"
    )
    for stage, spent in timings.items():
        print(f"    {stage:<20} {spent:7.3f} s")
    if args.skip_networkx:
        return 0

    graph = nx.Graph()
    graph.add_nodes_from(range(net.n))
    graph.add_edges_from(zip(net.tie_u.tolist(), net.tie_v.tolist(), strict=True))
    digraph = nx.DiGraph()
    digraph.add_nodes_from(range(net.n))
    digraph.add_edges_from(zip(net.arc_source.tolist(), net.arc_target.tolist(), strict=True))
    groups = dict(enumerate(net.groups.tolist()))
    rows: list[tuple[str, float, float, str]] = []
    jobs = default_jobs() if args.jobs is None else args.jobs

    ours, _ = _timed(lambda: components(net))
    plain, _ = _timed(lambda: list(nx.connected_components(graph)))
    rows.append(("connected components", ours, plain, "measured"))

    k = min(args.pivots, net.n)
    ours, between = _timed(lambda: betweenness(net, jobs=jobs))
    plain, _ = _timed(lambda: nx.betweenness_centrality(graph, k=k, normalized=False, seed=1))
    rows.append(
        (
            f"betweenness ({'exact' if between.exact else 'sampled'}, {jobs} jobs)",
            ours,
            plain * net.n / k,
            f"{k} sources, scaled to {net.n:,}",
        )
    )
    ours, _ = _timed(lambda: cuts(net))
    plain, _ = _timed(lambda: (list(nx.articulation_points(graph)), list(nx.bridges(graph))))
    rows.append(("cut points and bridges", ours, plain, "measured"))
    ours, _ = _timed(lambda: gould_fernandez(net))
    plain, _ = _timed(lambda: _networkx_brokerage(digraph, groups))
    rows.append(("brokerage", ours, plain, "measured"))

    scenario_steps = sum(s.count for s in analysis.scenarios if s.kind != "random")
    scenario_steps += args.orders * net.n
    rng = np.random.default_rng(args.seed)
    steps = min(args.steps, net.n)
    plain, _ = _timed(lambda: _networkx_curve(graph, rng.permutation(net.n).tolist(), steps))
    ours, _ = _timed(
        lambda: scenarios(
            net, seed=args.seed, orders=args.orders, betweenness_values=between.values
        )
    )
    rows.append(
        (
            f"closure curves ({len(analysis.scenarios)} scenarios)",
            ours,
            plain * scenario_steps / steps,
            f"{steps} removals, scaled to {scenario_steps:,}",
        )
    )

    print()
    print("Each computation alone, against plain networkx on the same graph:")
    print(f"{'computation':<34}{'ours':>9}{'networkx':>12}{'ratio':>8}  networkx timing")
    total_ours = 0.0
    total_plain = 0.0
    for name, mine, theirs, how in rows:
        total_ours += mine
        total_plain += theirs
        ratio = theirs / mine if mine > 0 else float("inf")
        print(f"{name:<26}{mine:>9.3f}s{theirs:>13.2f}s{ratio:>9.0f}×  {how}")
    print(f"{'total':<26}{total_ours:>9.3f}s{total_plain:>13.2f}s{total_plain / total_ours:>9.0f}×")
    print(
        f"Whole analyse() {seconds:.2f} s against {total_plain:,.1f} s for the networkx "
        f"equivalents: {total_plain / seconds:,.0f}× faster."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
