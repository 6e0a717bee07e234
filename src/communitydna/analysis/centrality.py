"""Betweenness: how often an organisation lies on the shortest paths between others.

Betweenness is computed on the undirected ties, unweighted, without normalisation (each
unordered pair of other organisations shares one unit among its shortest paths), by
Brandes' algorithm in igraph's compiled code.

**Exact or sampled.** Brandes' algorithm costs one breadth-first search per source
organisation, so its work grows as *sources × ties*. Betweenness is exact while that product
is at most :data:`EXACT_WORK` (150 million: a place of 5,000 organisations and 30,000 ties;
igraph needs about 22 ns per unit on a two-core machine, so about three seconds). Above it,
it is estimated from ``k`` pivot sources drawn at random with the given ``seed`` and scaled
by ``n / k`` (Brandes and Pich 2007), with ``k = max(100, EXACT_WORK // ties)`` so the
estimate costs about as much as the largest exact run. The result says which was done.

**Exact shortcuts.** Two kinds of source give the same shortest-path dependencies as
another and are not searched again: a *pendant* (an organisation with one tie, to an
anchor with more) depends exactly as its anchor does, except that every path from it
passes through the anchor, which gains ``(c - 2) / 2`` for each pendant in a component of
``c`` organisations; and *false twins* (organisations with exactly the same neighbours)
depend identically. Each remaining source is searched once and counted with its
multiplicity. The result is the same as searching from every organisation.

**Two cores.** With more than one job and at least :data:`PARALLEL_WORK` units of work,
the searches are cut into chunks shared with helper processes (see
:class:`PendingBetweenness`); the chunks' sums add up to the same result.

**Freeman centralisation** ``Σ (max - x_i) / T_max`` with ``T_max = (n-1)(n-2)`` for degree
and ``(n-1)²(n-2)/2`` for undirected betweenness: 1 for a star.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import ArrayLike, NDArray

from communitydna.analysis.graph import Network, components

__all__ = [
    "EXACT_WORK",
    "MAX_JOBS",
    "MIN_PIVOTS",
    "PARALLEL_WORK",
    "Betweenness",
    "PendingBetweenness",
    "betweenness",
    "betweenness_centralisation",
    "default_jobs",
    "degree_centralisation",
    "start_betweenness",
]

EXACT_WORK = 150_000_000
"""Largest *sources × ties* for which betweenness is computed exactly."""

MIN_PIVOTS = 100
"""Fewest pivot sources used when betweenness is sampled."""

PARALLEL_WORK = 20_000_000
"""Least *searches × ties* worth sharing out between processes (about half a second)."""

MAX_JOBS = 4
"""Most processes used by default."""

CHUNKS_PER_JOB = 8
"""Chunks of sources per process when betweenness is shared out."""

Floats = NDArray[np.float64]
Ints = NDArray[np.int64]


@dataclass(frozen=True, eq=False)
class Betweenness:
    """Betweenness of every organisation and how it was obtained.

    Attributes
    ----------
    values : ndarray of float
        Raw betweenness by node.
    exact : bool
        True when computed from every source; False when sampled.
    sources : int
        Breadth-first searches run (after the exact shortcuts, or the pivots).
    pivots : int or None
        Number of pivot sources when sampled.
    seed : int or None
        The seed that drew the pivots when sampled.
    """

    values: Floats
    exact: bool
    sources: int
    pivots: int | None = None
    seed: int | None = None

    @property
    def normalised(self) -> Floats:
        """Values divided by the number of pairs of other organisations, ``(n-1)(n-2)/2``."""
        n = self.values.size
        pairs = (n - 1) * (n - 2) / 2
        return self.values / pairs if pairs > 0 else np.zeros_like(self.values)

    @property
    def method(self) -> str:
        """A sentence saying how the values were obtained."""
        if self.exact:
            return f"exact (Brandes, {self.sources:,} breadth-first searches)"
        return (
            f"estimated from {self.pivots:,} randomly drawn pivot organisations "
            f"(seed {self.seed}), scaled to the whole network"
        )


def _source_multiplicity(network: Network) -> tuple[Ints, Floats]:
    """Multiplicity of each node as a source (0 = not searched), and the pendant bonus."""
    n = network.n
    degree = network.degree
    if network.m == 0:
        return np.zeros(n, dtype=np.int64), np.zeros(n)
    _, labels = components(network)
    component_size = np.bincount(labels, minlength=1)[labels] if n else np.zeros(0, np.int64)
    searched = component_size > 2
    first = network.indices[np.minimum(network.indptr[:-1], max(network.indices.size - 1, 0))]
    pendant = searched & (degree == 1)
    anchors = first[pendant]
    pendants_of = np.bincount(anchors, minlength=n)
    multiplicity = np.where(searched & ~pendant, 1 + pendants_of, 0).astype(np.int64)
    bonus = (0.5 * pendants_of * np.maximum(component_size - 2, 0)).astype(np.float64)
    # false twins: same neighbour set, no pendants of their own
    candidates = np.flatnonzero((multiplicity == 1) & (degree >= 2))
    if candidates.size > 1:
        keys = np.random.default_rng(20240601).integers(
            0, np.iinfo(np.int64).max, size=n, dtype=np.int64
        )
        hashed = np.append(keys[network.indices].astype(np.uint64), np.uint64(0))
        sums = np.add.reduceat(hashed, network.indptr[:-1])
        signature = np.stack([degree[candidates], sums[candidates].view(np.int64)], axis=1)
        _, inverse, counts = np.unique(signature, axis=0, return_inverse=True, return_counts=True)
        inverse = inverse.reshape(-1)
        for group in np.flatnonzero(counts > 1).tolist():
            members = candidates[inverse == group]
            classes: dict[bytes, list[int]] = defaultdict(list)
            for node in members.tolist():
                classes[network.neighbours(node).tobytes()].append(node)
            for twins in classes.values():
                if len(twins) > 1:
                    multiplicity[twins[0]] = len(twins)
                    multiplicity[twins[1:]] = 0
    return multiplicity, bonus


def _weighted_sum(network: Network, sources: Ints, weights: Floats) -> Floats:
    values = np.zeros(network.n)
    graph = network.to_igraph()
    for weight in np.unique(weights).tolist():
        chosen = sources[weights == weight].tolist()
        values += weight * np.asarray(graph.betweenness(directed=False, sources=chosen))
    return values


def _claim(folder: Path, chunk: int) -> bool:
    """Take a chunk of sources for this process; False if another process has it."""
    try:
        os.close(os.open(folder / f"claim-{chunk}", os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return False
    return True


class PendingBetweenness:
    """Betweenness being computed; :meth:`result` finishes it.

    The breadth-first searches are cut into chunks of sources. Helper processes (plain
    Python scripts importing only numpy and igraph) start on them at once, so the caller
    can do other work meanwhile; :meth:`result` then takes whatever chunks are left in
    this process and adds up the helpers' shares. A chunk goes to whichever process claims
    it first, so a busy machine balances itself. A helper that cannot start or dies leaves
    its chunks to this process.
    """

    def __init__(
        self,
        network: Network,
        sources: Ints,
        weights: Floats,
        jobs: int,
        make: Callable[[Floats], Betweenness],
    ) -> None:
        self._network = network
        self._make = make
        self._helpers: list[subprocess.Popen[bytes]] = []
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        parallel = jobs > 1 and sources.size * network.m >= PARALLEL_WORK
        count = CHUNKS_PER_JOB * jobs if parallel else 1
        self._chunks = [(sources[k::count], weights[k::count]) for k in range(count)]
        self._done: Betweenness | None = None
        if not parallel:
            return
        chunk_of = np.empty(sources.size, dtype=np.int64)
        for k in range(count):
            chunk_of[k::count] = k
        try:
            self._folder = tempfile.TemporaryDirectory(prefix="communitydna-betweenness-")
            folder = Path(self._folder.name)
            np.savez(
                folder / "graph.npz",
                n=network.n,
                tie_u=network.tie_u,
                tie_v=network.tie_v,
                sources=sources,
                weights=weights,
                chunk=chunk_of,
            )
        except OSError:  # nowhere to share the work through: do it all here
            if self._folder is not None:
                self._folder.cleanup()
            self._folder = None
            return
        worker = Path(__file__).with_name("_betweenness_worker.py")
        for _ in range(jobs - 1):
            try:
                self._helpers.append(
                    subprocess.Popen(
                        [sys.executable, str(worker), str(folder), str(count)],
                        stdin=subprocess.DEVNULL,
                        stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL,
                    )
                )
            except OSError:
                break

    def cancel(self) -> None:
        """Stop the helpers and remove their files, when the result is no longer wanted."""
        for helper in self._helpers:
            if helper.poll() is None:
                helper.kill()
            helper.wait()
        self._helpers = []
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None

    def result(self) -> Betweenness:
        """Finish the computation (in this process and the helpers) and return it."""
        if self._done is not None:
            return self._done
        values = np.zeros(self._network.n)
        if self._folder is None:
            for part, part_weights in self._chunks:
                values += _weighted_sum(self._network, part, part_weights)
        else:
            folder = Path(self._folder.name)
            mine = [k for k in reversed(range(len(self._chunks))) if _claim(folder, k)]
            for k in mine:
                values += _weighted_sum(self._network, *self._chunks[k])
            for helper in self._helpers:
                helper.wait()
            for k in range(len(self._chunks)):
                if k in mine:
                    continue
                done = folder / f"out-{k}.npy"
                if done.exists():
                    values += np.load(done)
                else:  # the helper that claimed it died, or none started
                    values += _weighted_sum(self._network, *self._chunks[k])
            self._folder.cleanup()
        self._done = self._make(values)
        return self._done


def default_jobs() -> int:
    """The processes betweenness may use by default: the cores this process may run on.

    >>> 1 <= default_jobs() <= MAX_JOBS
    True
    """
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_JOBS))


def start_betweenness(
    network: Network,
    *,
    exact_work: int = EXACT_WORK,
    pivots: int | None = None,
    seed: int = 0,
    jobs: int = 1,
) -> PendingBetweenness:
    """Start computing betweenness; see :func:`betweenness` for the parameters.

    With more than one job and enough work, helper processes start at once and the
    caller may do other work before calling ``result()``.

    Examples
    --------
    >>> from communitydna.analysis.graph import network_from_edges
    >>> pending = start_betweenness(network_from_edges(3, [(0, 1), (1, 2)]))
    >>> pending.result().values
    array([0., 1., 0.])
    """
    multiplicity, bonus = _source_multiplicity(network)
    sources = int(np.count_nonzero(multiplicity))
    work = sources * network.m
    if pivots is None and work > exact_work:
        pivots = max(MIN_PIVOTS, exact_work // max(network.m, 1))
    if pivots is not None and pivots < sources:
        rng = np.random.default_rng(seed)
        chosen = np.sort(rng.choice(network.n, size=pivots, replace=False)).astype(np.int64)
        scale = np.full(chosen.size, network.n / pivots)
        sampled = pivots

        def estimate(values: Floats) -> Betweenness:
            return Betweenness(values, exact=False, sources=sampled, pivots=sampled, seed=seed)

        return PendingBetweenness(network, chosen, scale, jobs, estimate)
    searched = np.flatnonzero(multiplicity).astype(np.int64)

    def exact(values: Floats) -> Betweenness:
        return Betweenness(values + bonus, exact=True, sources=sources)

    return PendingBetweenness(
        network, searched, multiplicity[searched].astype(np.float64), jobs, exact
    )


def betweenness(
    network: Network,
    *,
    exact_work: int = EXACT_WORK,
    pivots: int | None = None,
    seed: int = 0,
    jobs: int = 1,
) -> Betweenness:
    """Betweenness of every organisation: exact up to a size, sampled above it.

    Parameters
    ----------
    network : Network
    exact_work : int
        Largest *sources × ties* computed exactly (see the module notes).
    pivots : int, optional
        Force sampling with this many pivot sources (when fewer than the sources).
    seed : int
        Seeds the choice of pivots.
    jobs : int
        Processes to share the searches between when there are at least
        :data:`PARALLEL_WORK` units of work (see :class:`PendingBetweenness`).

    Returns
    -------
    Betweenness

    Examples
    --------
    >>> from communitydna.analysis.graph import network_from_edges
    >>> path = network_from_edges(4, [(0, 1), (1, 2), (2, 3)])
    >>> betweenness(path).values
    array([0., 2., 2., 0.])
    >>> star = network_from_edges(5, [(0, 1), (0, 2), (0, 3), (0, 4)])
    >>> b = betweenness(star)
    >>> float(b.values[0]), b.sources, b.exact
    (6.0, 1, True)
    """
    return start_betweenness(
        network, exact_work=exact_work, pivots=pivots, seed=seed, jobs=jobs
    ).result()


def degree_centralisation(degrees: ArrayLike) -> float | None:
    """Freeman degree centralisation; ``None`` below three nodes.

    Examples
    --------
    >>> degree_centralisation([3, 1, 1, 1])
    1.0
    """
    d = np.asarray(degrees, dtype=np.float64)
    n = d.size
    if n < 3:
        return None
    return float((d.max() - d).sum() / ((n - 1) * (n - 2)))


def betweenness_centralisation(values: ArrayLike) -> float | None:
    """Freeman betweenness centralisation of raw undirected betweenness; ``None`` if n < 3.

    Examples
    --------
    >>> betweenness_centralisation([6.0, 0, 0, 0, 0])  # a star of five
    1.0
    """
    b = np.asarray(values, dtype=np.float64)
    n = b.size
    if n < 3:
        return None
    return float((b.max() - b).sum() / ((n - 1) ** 2 * (n - 2) / 2))
