"""Shocks: what is left of the network, and of each sector pair's link, as organisations close.

A **scenario** is an order in which organisations are removed. After each removal we
measure the **largest connected share** ``s(Q)`` (organisations in the largest connected
group, over all organisations before any removal) and, for each sector pair (A, B), its
**connected share** ``c(Q)``: the share of all pairs (a, b) of an A and a B organisation
that are both still open and still joined by some chain of ties.

The **robustness** of a scenario is the mean of the curve over its removals,
``R = (1/q) Σ_{Q=1..q} s(Q)``. For a scenario that removes every organisation this is
Schneider et al.'s R (2011): 0.5 is the most a network can score (every removal takes away
exactly one organisation and nothing else), ``(N-1)/N²`` a star attacked at its hub. For a
partial scenario (a whole type, or named organisations) it is the mean over the closures
that happen; ``after`` gives the shares once they are all closed.

Scenarios:

- **random**: ``orders`` independent random orders drawn with ``seed``; robustness as mean
  and standard deviation, curves as the mean;
- **degree** / **betweenness**: most connected (most between) first, ranked once on the
  intact network; ties go to the organisation listed first;
- **degree-adaptive** / **betweenness-adaptive**: the ranking is recomputed on what is left
  after each removal. Betweenness is recomputed after every removal up to
  :data:`ADAPTIVE_EXACT_SIZE` organisations; in larger networks after every batch of
  ``ceil(N / ADAPTIVE_BATCHES)`` removals, from :data:`ADAPTIVE_PIVOTS` random pivots; very
  large networks get fewer pivots and batches to stay within :data:`ADAPTIVE_WORK` (the
  output says what was done). Once nothing lies between anything, the rest go in list
  order;
- **type:<type>**, **led_by:<group>**: every organisation of one type or led-by group,
  most connected first;
- **named**: organisations named by the caller, in the order given.

All curves come from one Newman–Ziff pass per order (Newman and Ziff 2001): start from
what is left after the last removal, add organisations back in reverse order and merge
their groups with a union-find that keeps each group's size and its count per sector. The
merges that matter are those along a spanning forest whose ties are weighted by when they
come back, so scipy's compiled spanning forest picks them and the union-find runs on
them only: for the random orders side by side in numpy (adding each merge's effect into R
and the mean curves as it goes), for the few other orders one by one in plain Python. A
whole order costs about one pass over the graph instead of one pass per removal.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray
from scipy.sparse.csgraph import connected_components, minimum_spanning_tree

from communitydna.analysis.centrality import betweenness
from communitydna.analysis.exceptions import UnknownOrganisationError
from communitydna.analysis.graph import PAIRS, Network, network_without

__all__ = [
    "ADAPTIVE_BATCHES",
    "ADAPTIVE_EXACT_SIZE",
    "ADAPTIVE_PIVOTS",
    "ADAPTIVE_WORK",
    "RANDOM_ORDERS",
    "Curves",
    "Scenario",
    "adaptive_betweenness_order",
    "adaptive_degree_order",
    "removal_curves",
    "robustness",
    "scenarios",
    "static_order",
]

RANDOM_ORDERS = 100
"""Random removal orders drawn by default."""

FEW_LANES = 8
"""Up to this many orders, the union-find runs in plain Python; above, side by side in numpy."""

ADAPTIVE_EXACT_SIZE = 200
"""Up to this many organisations, adaptive betweenness is recomputed exactly after every
removal."""

ADAPTIVE_BATCHES = 50
"""Above :data:`ADAPTIVE_EXACT_SIZE`, adaptive betweenness is recomputed this many times at
most, once per batch of removals."""

ADAPTIVE_PIVOTS = 16
"""Most pivot sources for each recomputation of adaptive betweenness in large networks."""

ADAPTIVE_WORK = 20_000_000
"""Budget of *pivots × ties × recomputations* for adaptive betweenness in large networks
(about half a second): very large networks get fewer pivots (down to 2) and then fewer
recomputations (down to 10)."""

Ints = NDArray[np.int64]
Floats = NDArray[np.float64]

_PAIR_GROUPS: tuple[tuple[int, int], ...] = tuple((a, b) for _, a, b in PAIRS)


@dataclass(frozen=True, eq=False)
class Curves:
    """Counts after each removal of one order.

    Attributes
    ----------
    largest : ndarray of int, shape (q + 1,)
        Organisations in the largest connected group after ``Q`` removals, ``Q = 0 … q``.
    pairs : ndarray of int, shape (q + 1, P)
        For each requested pair of groups, pairs of their organisations still connected.
    """

    largest: Ints
    pairs: Ints


def _forest(n: int, u: Ints, v: Ints, weight: Ints) -> tuple[Ints, Ints, Ints]:
    """Spanning-forest edges of ``(u, v)`` by least weight (weights >= 1), lightest first."""
    if u.size == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    graph = sp.csr_matrix((weight.astype(np.float64), (u, v)), shape=(n, n))
    forest = minimum_spanning_tree(graph, overwrite=True).tocoo()
    order = np.argsort(forest.data, kind="stable")
    return (
        forest.row[order].astype(np.int64),
        forest.col[order].astype(np.int64),
        forest.data[order].astype(np.int64),
    )


def _forest_of_order(order: Ints, tie_u: Ints, tie_v: Ints, time: Ints) -> tuple[Ints, Ints, Ints]:
    """As :func:`_forest` when every node is in the order.

    Nodes are renumbered by the time they come back and each tie is stored in the row of
    its later end, so the ties reach the spanning-forest routine already sorted by weight
    and its own sort costs next to nothing.
    """
    n = order.size
    if tie_u.size == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    tu, tv = time[tie_u], time[tie_v]
    later = np.maximum(tu, tv)
    graph = sp.csr_matrix(
        ((later + 1).astype(np.float64), (later, np.minimum(tu, tv))), shape=(n, n)
    )
    forest = minimum_spanning_tree(graph, overwrite=True).tocoo()
    by_weight = np.argsort(forest.data, kind="stable")
    node_at = order[::-1]  # node_at[t] comes back at time t
    return (
        node_at[forest.row[by_weight]].astype(np.int64),
        node_at[forest.col[by_weight]].astype(np.int64),
        forest.data[by_weight].astype(np.int64),
    )


def _merge_one_lane(
    fu: Ints,
    fv: Ints,
    parent: Ints,
    group_size: Ints,
    group_counts: Ints,
    pairs: list[tuple[int, int]],
) -> tuple[Ints, Ints]:
    """The union-find in plain Python for one order: quickest for a few orders."""
    up = parent.tolist()
    sizes = group_size.tolist()
    counts = [group_counts[:, g].tolist() for g in range(group_counts.shape[1])]
    new_sizes: list[int] = []
    gains: list[list[int]] = []
    for x, y in zip(fu.tolist(), fv.tolist(), strict=True):
        while up[x] != x:
            up[x] = up[up[x]]
            x = up[x]
        while up[y] != y:
            up[y] = up[up[y]]
            y = up[y]
        if sizes[x] < sizes[y]:
            x, y = y, x
        gains.append([counts[a][x] * counts[b][y] + counts[b][x] * counts[a][y] for a, b in pairs])
        up[y] = x
        sizes[x] += sizes[y]
        for column in counts:
            column[x] += column[y]
        new_sizes.append(sizes[x])
    return (
        np.asarray(new_sizes, dtype=np.int64),
        np.asarray(gains, dtype=np.int64).reshape(len(gains), len(pairs)),
    )


@dataclass(frozen=True, eq=False)
class _Lane:
    """One order made ready for the union-find: its starting groups and the merges to do."""

    parent: Ints | None  # None: every node starts alone
    group_size: Ints | None
    group_counts: Ints | None
    left: Ints
    right: Ints
    time: Ints
    initial_largest: int
    initial_pairs: Ints


def _lane(network: Network, order: Ints, size: int, group_a: Ints, group_b: Ints) -> _Lane:
    n = network.n
    tie_u, tie_v = network.tie_u, network.tie_v
    q = order.size
    time = np.full(n, -1, dtype=np.int64)
    time[order] = q - 1 - np.arange(q)
    if q == n:
        fu, fv, fw = _forest_of_order(order, tie_u, tie_v, time)
        none = np.zeros(group_a.size, dtype=np.int64)
        return _Lane(None, None, None, fu, fv, fw - 1, 0, none)
    # a tie comes back (weight = time + 1) when the later of its two ends comes back;
    # what stays open throughout is merged up front, as groups labelled by a root
    weight = np.maximum(time[tie_u], time[tie_v]) + 1
    early = weight == 0
    graph = sp.csr_matrix(
        (np.ones(int(early.sum()), dtype=np.int8), (tie_u[early], tie_v[early])), shape=(n, n)
    )
    count, labels = connected_components(graph, directed=False)
    nodes = np.arange(n, dtype=np.int64)
    roots = np.full(count, -1, dtype=np.int64)
    roots[labels[::-1]] = nodes[::-1]
    parent = roots[labels]
    group_size = np.ones(n, dtype=np.int64)
    group_size[roots] = np.bincount(labels, minlength=count)
    per_group = np.zeros((count, size), dtype=np.int64)
    np.add.at(per_group, (labels, network.groups), 1)
    group_counts = np.eye(size, dtype=np.int64)[network.groups]
    group_counts[roots] = per_group
    staying = np.zeros(count, dtype=np.bool_)
    staying[labels[time < 0]] = True
    kept = per_group[staying]
    late = ~early
    lu = roots[labels[tie_u[late]]]
    lv = roots[labels[tie_v[late]]]
    lw = weight[late]
    low, high = np.minimum(lu, lv), np.maximum(lu, lv)
    keys = low * n + high
    by_key = np.lexsort((lw, keys))
    _, first = np.unique(keys[by_key], return_index=True)
    pick = by_key[first]
    fu, fv, fw = _forest(n, low[pick], high[pick], lw[pick])
    return _Lane(
        parent,
        group_size,
        group_counts,
        fu,
        fv,
        fw - 1,
        int(kept.sum(axis=1).max()) if kept.size else 0,
        (kept[:, group_a] * kept[:, group_b]).sum(axis=0),
    )


_AnyInts = NDArray[np.integer[Any]]


def _join_side_by_side(
    parent: _AnyInts, group_size: _AnyInts, ends: _AnyInts, lanes: int
) -> tuple[_AnyInts, _AnyInts, _AnyInts, _AnyInts]:
    """One step of union-find in every lane at once: the roots of both ends of each lane's
    tie (halving the paths on the way), the bigger and smaller group, and their sizes.

    ``ends`` holds the first ends of the lanes' ties, then their second ends.
    """
    root = parent[ends]
    while True:
        above = parent[root]
        if (above == root).all():
            break
        root = parent[above]
    parent[ends] = root
    rx = root[:lanes]
    ry = root[lanes:]
    sx = group_size[rx]
    sy = group_size[ry]
    swap = sx < sy
    return np.where(swap, ry, rx), np.where(swap, rx, ry), sx, sy


def _merge_side_by_side(
    merges: list[tuple[Ints, Ints, Ints]],
    parent: Ints,
    group_size: Ints,
    group_counts: Ints,
    dummy: Ints,
    pairs: list[tuple[int, int]],
    size: int,
) -> tuple[list[Ints], list[Ints]]:
    """The union-find for every order at once: step k merges the k-th pair of each order."""
    lanes = len(merges)
    steps = max((m[0].size for m in merges), default=0)
    left = np.empty((steps, lanes), dtype=np.int64)
    right = np.empty((steps, lanes), dtype=np.int64)
    for lane, (fu, fv, _) in enumerate(merges):
        k = fu.size
        left[:k, lane] = fu
        right[:k, lane] = fv
        left[k:, lane] = dummy[lane]
        right[k:, lane] = dummy[lane]
    new_size = np.empty((steps, lanes), dtype=np.int64)
    gained = np.empty((steps, lanes, len(pairs)), dtype=np.int64)
    ends = np.concatenate([left, right], axis=1)
    # gain of pair p when groups with counts x and y merge: Σ_ab x_a y_b pick[a·size + b, p]
    pick = np.zeros((size * size, len(pairs)), dtype=np.int64)
    for p, (a, b) in enumerate(pairs):
        pick[a * size + b, p] += 1
        pick[b * size + a, p] += 1
    for k in range(steps):
        big, small, sx, sy = _join_side_by_side(parent, group_size, ends[k], lanes)
        cb = group_counts[big]
        cs = group_counts[small]
        gained[k] = (cb[:, :, None] * cs[:, None, :]).reshape(lanes, -1) @ pick
        total = sx + sy
        parent[small] = big
        group_size[big] = total
        group_counts[big] = cb + cs
        new_size[k] = total
    sizes_of = [new_size[: m[0].size, lane] for lane, m in enumerate(merges)]
    gains_of = [gained[: m[0].size, lane] for lane, m in enumerate(merges)]
    return sizes_of, gains_of


def removal_curves(
    network: Network,
    orders: Sequence[Ints],
    pairs: Sequence[tuple[int, int]] = _PAIR_GROUPS,
    *,
    side_by_side: bool | None = None,
) -> list[Curves]:
    """Largest group and connected pairs after each removal, for several orders at once.

    Parameters
    ----------
    network : Network
    orders : sequence of ndarray of int
        Each a removal order: distinct node numbers, first removed first. Nodes not in an
        order stay throughout.
    pairs : sequence of (int, int)
        Pairs of group codes whose connected pairs are counted.
    side_by_side : bool, optional
        Run the union-find for all orders at once in numpy (True) or one order after
        another in plain Python (False); by default, side by side above
        :data:`FEW_LANES` orders. Both give the same curves.

    Returns
    -------
    list of Curves
        One per order.

    Examples
    --------
    >>> from communitydna.analysis.graph import network_from_edges
    >>> star = network_from_edges(4, [(0, 1), (0, 2), (0, 3)], groups=[0, 1, 1, 1])
    >>> c = removal_curves(star, [np.array([0, 1, 2, 3])], pairs=[(0, 1)])[0]
    >>> c.largest.tolist(), c.pairs[:, 0].tolist()
    ([4, 1, 1, 1, 0], [3, 0, 0, 0, 0])
    """
    n = network.n
    lanes = len(orders)
    if lanes == 0:
        return []
    size = max(
        int(network.groups.max()) + 1 if n else 1, 1 + max((max(p) for p in pairs), default=0)
    )
    group_a = np.array([a for a, _ in pairs], dtype=np.int64)
    group_b = np.array([b for _, b in pairs], dtype=np.int64)
    one_hot = np.eye(size, dtype=np.int64)[network.groups] if n else np.zeros((0, size), np.int64)
    prepared: list[_Lane] = []
    sizes_of: list[Ints] = []
    gains_of: list[Ints] = []
    if not (lanes > FEW_LANES if side_by_side is None else side_by_side):
        for order in orders:
            lane = _lane(network, np.asarray(order, dtype=np.int64), size, group_a, group_b)
            prepared.append(lane)
            new_sizes, gains = _merge_one_lane(
                lane.left,
                lane.right,
                np.arange(n, dtype=np.int64) if lane.parent is None else lane.parent,
                np.ones(n, dtype=np.int64) if lane.group_size is None else lane.group_size,
                one_hot if lane.group_counts is None else lane.group_counts,
                list(pairs),
            )
            sizes_of.append(new_sizes)
            gains_of.append(gains)
    else:
        # one slot per node and lane, then one empty slot per lane that pads short lanes:
        # merging it with itself changes nothing and gains nothing
        dummy = lanes * n + np.arange(lanes, dtype=np.int64)
        parent = np.arange(lanes * n + lanes, dtype=np.int64)
        group_size = np.ones(lanes * n + lanes, dtype=np.int64)
        group_size[dummy] = 0
        group_counts = np.concatenate(
            [np.tile(one_hot, (lanes, 1)), np.zeros((lanes, size), dtype=np.int64)]
        )
        merges: list[tuple[Ints, Ints, Ints]] = []
        for index, order in enumerate(orders):
            lane = _lane(network, np.asarray(order, dtype=np.int64), size, group_a, group_b)
            prepared.append(lane)
            base = index * n
            if lane.parent is not None:
                parent[base : base + n] = lane.parent + base
            if lane.group_size is not None:
                group_size[base : base + n] = lane.group_size
            if lane.group_counts is not None:
                group_counts[base : base + n] = lane.group_counts
            merges.append((lane.left + base, lane.right + base, lane.time))
        sizes_of, gains_of = _merge_side_by_side(
            merges, parent, group_size, group_counts, dummy, list(pairs), size
        )

    results: list[Curves] = []
    for index, order in enumerate(orders):
        q = len(order)
        initial_largest = prepared[index].initial_largest
        initial_pairs = prepared[index].initial_pairs
        ft = prepared[index].time
        k = ft.size
        times = q - 1 - np.arange(q + 1)  # the time whose end gives the state after Q removals
        idx = np.searchsorted(ft, times, side="right") - 1
        if k:
            peak = np.maximum.accumulate(sizes_of[index])
            cumulative = np.cumsum(gains_of[index], axis=0)
            largest = np.where(
                idx >= 0, np.maximum(peak[np.maximum(idx, 0)], initial_largest), initial_largest
            )
            pair_counts = initial_pairs + np.where(
                idx[:, None] >= 0, cumulative[np.maximum(idx, 0)], 0
            )
        else:
            largest = np.full(q + 1, initial_largest, dtype=np.int64)
            pair_counts = np.tile(initial_pairs, (q + 1, 1))
        largest = np.where(times >= 0, np.maximum(largest, 1), largest)
        results.append(Curves(largest=largest.astype(np.int64), pairs=pair_counts.astype(np.int64)))
    return results


@dataclass(frozen=True, eq=False)
class RandomSummary:
    """What many random orders that close every organisation leave, summed up as they run.

    Attributes
    ----------
    robustness : ndarray of float, shape (orders,)
        R of the largest connected share for each order.
    pair_robustness : ndarray of float, shape (orders, P)
        R of each pair's connected share (``nan`` where the pair has no possible pairs).
    largest : ndarray of float, shape (N + 1,)
        Mean organisations in the largest group after ``Q`` removals.
    pairs : ndarray of float, shape (N + 1, P)
        Mean connected pairs after ``Q`` removals.
    """

    robustness: Floats
    pair_robustness: Floats
    largest: Floats
    pairs: Floats


def random_removals(
    network: Network,
    orders: Sequence[Ints],
    pairs: Sequence[tuple[int, int]] = _PAIR_GROUPS,
) -> RandomSummary:
    """R of each order and the mean curves, for orders that each close every organisation.

    The union-find runs for all orders side by side, as in :func:`removal_curves`, but
    instead of keeping every order's curve it adds each merge's effect straight into the
    order's R and into the mean curves, so memory does not grow with the number of orders.
    The results equal those of :func:`removal_curves` followed by :func:`robustness`.

    Examples
    --------
    >>> from communitydna.analysis.graph import network_from_edges
    >>> path = network_from_edges(3, [(0, 1), (1, 2)], groups=[0, 1, 0])
    >>> summary = random_removals(path, [np.array([1, 0, 2]), np.array([0, 1, 2])], [(0, 1)])
    >>> summary.robustness.round(4).tolist(), summary.largest.tolist()
    ([0.2222, 0.3333], [3.0, 1.5, 1.0, 0.0])
    """
    n = network.n
    lanes = len(orders)
    size = max(
        int(network.groups.max()) + 1 if n else 1, 1 + max((max(p) for p in pairs), default=0)
    )
    sizes = np.bincount(network.groups, minlength=size) if n else np.zeros(size, np.int64)
    possible = np.array([sizes[a] * sizes[b] for a, b in pairs], dtype=np.float64)
    if lanes == 0 or n == 0:
        return RandomSummary(
            np.zeros(lanes),
            np.zeros((lanes, len(pairs))),
            np.zeros(n + 1),
            np.zeros((n + 1, len(pairs))),
        )
    forests = [
        _forest_of_order(
            np.asarray(order, dtype=np.int64),
            network.tie_u,
            network.tie_v,
            _times(np.asarray(order, dtype=np.int64), n),
        )
        for order in orders
    ]
    steps = forests[0][0].size
    ends = np.empty((steps, 2 * lanes), dtype=np.int32)
    when = np.empty((steps, lanes), dtype=np.int64)
    for lane, (fu, fv, fw) in enumerate(forests):
        ends[:, lane] = fu + lane * n
        ends[:, lanes + lane] = fv + lane * n
        when[:, lane] = fw - 1
    parent = np.arange(lanes * n, dtype=np.int32)
    group_size = np.ones(lanes * n, dtype=np.int32)
    # a group's count per sector, packed into one integer when they fit (21 bits each)
    packed = size * _FIELD <= 63 and n < (1 << _FIELD)
    if packed:
        group_counts = np.tile(np.left_shift(1, _FIELD * network.groups), lanes)
    else:
        group_counts = np.tile(np.eye(size, dtype=np.int64)[network.groups], (lanes, 1))
    pick = np.zeros((size * size, len(pairs)), dtype=np.int64)
    for p, (a, b) in enumerate(pairs):
        pick[a * size + b, p] += 1
        pick[b * size + a, p] += 1
    peak = np.ones(lanes, dtype=np.int64)
    sum_largest = np.zeros(lanes)
    sum_pairs = np.zeros((lanes, len(pairs)))
    grew = np.zeros(n)
    gained = np.zeros((n, len(pairs)))
    # the loop only merges and notes each merge; what it changes is worked out in blocks
    held = min(_FLUSH, max(steps, 1))
    held_total = np.zeros((held, lanes), dtype=np.int64)
    held_big = np.zeros((held, lanes, *group_counts.shape[1:]), dtype=np.int64)
    held_small = np.zeros_like(held_big)
    fields = np.arange(size, dtype=np.int64) * _FIELD

    def unpack(values: Ints) -> Ints:
        if not packed:
            return values
        result: Ints = (values[..., None] >> fields) & ((1 << _FIELD) - 1)
        return result

    def flush(first: int, rows: int) -> None:
        nonlocal peak, sum_largest, sum_pairs
        if rows == 0:
            return
        # a merge at time t counts in every state from t to n-2 (after 1 … n-1-t removals)
        t = when[first : first + rows]
        stays = (n - 1 - t).astype(np.float64)
        running = np.maximum.accumulate(np.vstack([peak[None, :], held_total[:rows]]), axis=0)
        rise = np.diff(running, axis=0).astype(np.float64)
        peak = running[-1]
        big_counts = unpack(held_big[:rows])
        small_counts = unpack(held_small[:rows])
        outer = big_counts[:, :, :, None] * small_counts[:, :, None, :]
        gain = (outer.reshape(rows, lanes, size * size) @ pick).astype(np.float64)
        sum_largest = sum_largest + (rise * stays).sum(axis=0)
        sum_pairs = sum_pairs + (gain * stays[:, :, None]).sum(axis=0)
        times = t.ravel()
        grew[:] += np.bincount(times, weights=rise.ravel(), minlength=n)
        for p in range(len(pairs)):
            gained[:, p] += np.bincount(times, weights=gain[:, :, p].ravel(), minlength=n)

    first = 0
    for k in range(steps):
        big, small, sx, sy = _join_side_by_side(parent, group_size, ends[k], lanes)
        cb = group_counts[big]
        cs = group_counts[small]
        total = sx + sy
        parent[small] = big
        group_size[big] = total
        group_counts[big] = cb + cs
        row = k - first
        held_total[row] = total
        held_big[row] = cb
        held_small[row] = cs
        if row == held - 1:
            flush(first, held)
            first = k + 1
    flush(first, steps - first)
    # after Q removals the state is the end of time n-1-Q; at least one remains while Q < n
    by_time_largest = 1.0 + np.cumsum(grew) / lanes
    by_time_pairs = np.cumsum(gained, axis=0) / lanes
    largest = np.concatenate([by_time_largest[::-1], [0.0]])
    pair_curve = np.concatenate([by_time_pairs[::-1], np.zeros((1, len(pairs)))])
    with np.errstate(divide="ignore", invalid="ignore"):
        pair_r = np.where(possible > 0, sum_pairs / (n * possible), np.nan)
    return RandomSummary(
        robustness=((n - 1) + sum_largest) / (n * n),
        pair_robustness=pair_r,
        largest=largest,
        pairs=pair_curve,
    )


_FLUSH = 512
_FIELD = 21


def _times(order: Ints, n: int) -> Ints:
    time = np.full(n, -1, dtype=np.int64)
    time[order] = order.size - 1 - np.arange(order.size)
    return time


def robustness(curve: Floats) -> float | None:
    """The mean of a share curve over its removals, ``(1/q) Σ_{Q=1..q} curve[Q]``.

    For a curve over all N organisations this is Schneider et al.'s R.

    Examples
    --------
    >>> robustness(np.array([1.0, 0.5, 0.0]))
    0.25
    >>> robustness(np.array([1.0])) is None
    True
    """
    if curve.size < 2:
        return None
    return float(curve[1:].mean())


def static_order(values: Floats) -> Ints:
    """Nodes by value, highest first, ties to the lower node number.

    Values are rounded to nine decimals first, so sums that differ only in their last bits
    count as ties.

    Examples
    --------
    >>> static_order(np.array([1.0, 3.0, 3.0, 2.0])).tolist()
    [1, 2, 3, 0]
    """
    rounded = np.round(values, 9)
    return np.lexsort((np.arange(values.size), -rounded)).astype(np.int64)


def adaptive_degree_order(network: Network) -> Ints:
    """Most ties first, recounting ties among what is left after each removal.

    Examples
    --------
    >>> from communitydna.analysis.graph import network_from_edges
    >>> net = network_from_edges(5, [(0, 1), (1, 2), (2, 3), (3, 4), (1, 3)])
    >>> adaptive_degree_order(net).tolist()
    [1, 3, 0, 2, 4]
    """
    n = network.n
    degree = network.degree.tolist()
    indptr = network.indptr.tolist()
    indices = network.indices.tolist()
    removed = [False] * n
    top = max(degree, default=0)
    # one integer per entry: most ties first, then the lower node number
    heap = [(top - d) * n + v for v, d in enumerate(degree) if d > 0]
    heapq.heapify(heap)
    order: list[int] = []
    pop, push = heapq.heappop, heapq.heappush
    while heap:
        key = pop(heap)
        v = key % n
        if removed[v] or top - key // n != degree[v]:
            continue
        removed[v] = True
        order.append(v)
        for w in indices[indptr[v] : indptr[v + 1]]:
            if not removed[w]:
                degree[w] -= 1
                if degree[w] > 0:
                    push(heap, (top - degree[w]) * n + w)
    # what is left has no ties among itself: it goes in list order
    order.extend(v for v in range(n) if not removed[v])
    return np.asarray(order, dtype=np.int64)


def _top(values: Floats, removed: NDArray[np.bool_], count: int) -> list[int]:
    masked = np.where(removed, -np.inf, np.round(values, 9))
    order = np.lexsort((np.arange(values.size), -masked))
    return [int(v) for v in order[:count] if not removed[v]]


def adaptive_betweenness_order(network: Network, *, seed: int = 0) -> tuple[Ints, str]:
    """Most between first, recomputing betweenness on what is left (see module notes).

    Returns
    -------
    order : ndarray of int
    method : str
        How betweenness was recomputed.

    Examples
    --------
    >>> from communitydna.analysis.graph import network_from_edges
    >>> net = network_from_edges(5, [(0, 1), (1, 2), (2, 3), (3, 4)])
    >>> adaptive_betweenness_order(net)[0].tolist()
    [2, 0, 1, 3, 4]
    """
    n = network.n
    removed = np.zeros(n, dtype=np.bool_)
    order: list[int] = []
    if n <= ADAPTIVE_EXACT_SIZE:
        current = network
        while len(order) < n:
            values = np.where(removed, 0.0, betweenness(current).values)
            if not (values > 0).any():
                break
            chosen = _top(values, removed, 1)
            order.extend(chosen)
            removed[chosen] = True
            current = network_without(network, removed)
        order.extend(int(v) for v in np.flatnonzero(~removed))
        return np.asarray(order, dtype=np.int64), "recomputed exactly after every removal"
    pivots = int(
        min(ADAPTIVE_PIVOTS, max(2, ADAPTIVE_WORK // (ADAPTIVE_BATCHES * max(network.m, 1))))
    )
    rounds = int(min(ADAPTIVE_BATCHES, max(10, ADAPTIVE_WORK // (pivots * max(network.m, 1)))))
    batch = math.ceil(n / rounds)
    rng = np.random.default_rng(seed)
    graph = network.to_igraph().copy()
    while len(order) < n:
        alive = np.flatnonzero(~removed & (np.asarray(graph.degree()) > 1))
        if alive.size == 0:
            break
        chosen_pivots = rng.choice(alive, size=min(pivots, alive.size), replace=False)
        values = np.asarray(
            graph.betweenness(directed=False, sources=np.sort(chosen_pivots).tolist())
        )
        if not (values > 0).any():  # the pivots missed: look everywhere before stopping
            values = np.asarray(graph.betweenness(directed=False))
            if not (values > 0).any():
                break
        chosen = _top(np.where(removed, 0.0, values), removed, batch)
        order.extend(chosen)
        removed[chosen] = True
        graph.delete_edges([e for v in chosen for e in graph.incident(v)])
    order.extend(int(v) for v in np.flatnonzero(~removed))
    method = f"recomputed after every {batch:,} removals from {pivots} random pivots (seed {seed})"
    return np.asarray(order, dtype=np.int64), method


@dataclass(frozen=True, eq=False)
class Scenario:
    """One shock scenario and what it leaves of the network.

    Attributes
    ----------
    key : str
        ``random``, ``degree``, ``degree-adaptive``, ``betweenness``,
        ``betweenness-adaptive``, ``type:<type>``, ``led_by:<group>`` or ``named``.
    label : str
        The scenario in words.
    kind : str
        ``random``, ``targeted``, ``group`` or ``named``.
    removed : tuple of str
        Ids in removal order (empty for random scenarios).
    largest_share : ndarray of float, shape (q + 1,)
        ``s(Q)``; the mean over orders for random scenarios.
    pair_shares : dict of str to ndarray
        ``c(Q)`` for each sector pair (``None`` when a side has no organisations).
    robustness : float or None
        R of the largest connected share (the mean over orders for random scenarios).
    robustness_sd : float or None
        Standard deviation of R over orders (random scenarios only).
    pair_robustness : dict
        R of each pair's connected share.
    pair_robustness_sd : dict
        Standard deviations over orders (random scenarios only).
    method : str
        How the order was obtained, where that needs saying.
    """

    key: str
    label: str
    kind: str
    removed: tuple[str, ...]
    largest_share: Floats
    pair_shares: dict[str, Floats | None]
    robustness: float | None
    robustness_sd: float | None = None
    pair_robustness: dict[str, float | None] = field(default_factory=dict)
    pair_robustness_sd: dict[str, float | None] = field(default_factory=dict)
    method: str = ""

    @property
    def count(self) -> int:
        """How many organisations the scenario closes."""
        return int(self.largest_share.size - 1)


def _group_order(network: Network, members: NDArray[np.bool_]) -> Ints:
    nodes = np.flatnonzero(members)
    return nodes[np.lexsort((nodes, -network.degree[nodes]))].astype(np.int64)


def scenarios(
    network: Network,
    *,
    seed: int = 0,
    orders: int = RANDOM_ORDERS,
    betweenness_values: Floats | Callable[[], Floats] | None = None,
    remove: Sequence[str] = (),
    groups: bool = True,
) -> list[Scenario]:
    """Every shock scenario of a network built from a snapshot.

    Parameters
    ----------
    network : Network
    seed : int
        Seeds the random orders (and the pivots of adaptive betweenness in large networks).
    orders : int
        Number of random orders.
    betweenness_values : ndarray or callable, optional
        Betweenness of the intact network, or a function that gives it; it is asked for
        only after every other scenario has run, so it can still be computing meanwhile.
    remove : sequence of str
        Organisation ids for the ``named`` scenario, in closing order.
    groups : bool
        Include a scenario for every type and led-by group.

    Raises
    ------
    UnknownOrganisationError
        If ``remove`` names an organisation not in the network.

    Examples
    --------
    >>> from communitydna.analysis.graph import network_from_edges
    >>> star = network_from_edges(4, [(0, 1), (0, 2), (0, 3)], groups=[0, 2, 2, 1])
    >>> found = scenarios(star, orders=10, remove=["2"])
    >>> [s.key for s in found]
    ['random', 'degree', 'degree-adaptive', 'betweenness', 'betweenness-adaptive', 'named']
    >>> found[1].robustness  # the hub first: 1, 1, 1, then 0 of 4 left together; (N-1)/N²
    0.1875
    >>> float(found[-1].pair_shares["social-public"][-1])  # 1 of 2 social pairs still joined
    0.5
    """
    n = network.n
    unknown = [i for i in remove if i not in set(network.ids)]
    if unknown:
        raise UnknownOrganisationError(unknown)
    pair_keys = [key for key, _, _ in PAIRS]
    pair_groups = [(a, b) for _, a, b in PAIRS]
    sizes = network.group_sizes()
    possible = [
        int(sizes[a]) * int(sizes[b]) if max(a, b) < sizes.size else 0 for a, b in pair_groups
    ]

    rng = np.random.default_rng(seed)
    random_orders = [rng.permutation(n).astype(np.int64) for _ in range(orders if n else 0)]
    adaptive, adaptive_method = adaptive_betweenness_order(network, seed=seed)
    targeted: list[tuple[str, str, Ints, str]] = [
        (
            "degree",
            "Most connected first, ranked once",
            static_order(network.degree.astype(float)),
            "",
        ),
        (
            "degree-adaptive",
            "Most connected first, re-ranked after each closure",
            adaptive_degree_order(network),
            "",
        ),
        ("betweenness", "Most between first, ranked once", np.zeros(0, dtype=np.int64), ""),
        (
            "betweenness-adaptive",
            "Most between first, re-ranked as closures happen",
            adaptive,
            adaptive_method,
        ),
    ]
    partial: list[tuple[str, str, str, Ints]] = []
    if groups:
        for value in sorted({t for t in network.types if t}):
            members = np.array([t == value for t in network.types], dtype=np.bool_)
            partial.append(
                (
                    f"type:{value}",
                    f"Every organisation of type {value!r} closes",
                    "group",
                    _group_order(network, members),
                )
            )
        for value in sorted({g for led in network.led_by for g in led}):
            members = np.array([value in led for led in network.led_by], dtype=np.bool_)
            partial.append(
                (
                    f"led_by:{value}",
                    f"Every organisation led by {value!r} closes",
                    "group",
                    _group_order(network, members),
                )
            )
    if remove:
        named = np.array([network.index(i) for i in dict.fromkeys(remove)], dtype=np.int64)
        partial.append(("named", "The named organisations close", "named", named))

    summary = random_removals(network, random_orders, pair_groups)
    # static betweenness goes last, on its own, so betweenness may finish meanwhile
    every = [t[2] for t in targeted if t[0] != "betweenness"] + [p[3] for p in partial]
    curves = removal_curves(network, every, pair_groups, side_by_side=False)
    if betweenness_values is None:
        values = betweenness(network, seed=seed).values
    elif callable(betweenness_values):
        values = betweenness_values()
    else:
        values = betweenness_values
    static_between = static_order(values)
    targeted[2] = (*targeted[2][:2], static_between, targeted[2][3])
    curves.insert(2, removal_curves(network, [static_between], pair_groups)[0])

    def shares(c: Curves) -> tuple[Floats, dict[str, Floats | None]]:
        largest = c.largest / n if n else c.largest.astype(np.float64)
        by_pair: dict[str, Floats | None] = {
            key: (c.pairs[:, i] / possible[i] if possible[i] else None)
            for i, key in enumerate(pair_keys)
        }
        return largest.astype(np.float64), by_pair

    def pair_r(by_pair: dict[str, Floats | None]) -> dict[str, float | None]:
        return {k: (robustness(v) if v is not None else None) for k, v in by_pair.items()}

    result: list[Scenario] = []
    if random_orders:
        rs = summary.robustness
        mean_pairs: dict[str, Floats | None] = {}
        pr: dict[str, float | None] = {}
        pr_sd: dict[str, float | None] = {}
        for i, key in enumerate(pair_keys):
            if not possible[i]:
                mean_pairs[key], pr[key], pr_sd[key] = None, None, None
                continue
            values = summary.pair_robustness[:, i]
            mean_pairs[key] = summary.pairs[:, i] / possible[i]
            pr[key] = float(values.mean())
            pr_sd[key] = float(values.std(ddof=1)) if len(values) > 1 else None
        result.append(
            Scenario(
                key="random",
                label=f"Random closures ({len(random_orders)} orders)",
                kind="random",
                removed=(),
                largest_share=summary.largest / n,
                pair_shares=mean_pairs,
                robustness=float(rs.mean()),
                robustness_sd=float(rs.std(ddof=1)) if len(rs) > 1 else None,
                pair_robustness=pr,
                pair_robustness_sd=pr_sd,
                method=f"{len(random_orders)} random orders drawn with seed {seed}",
            )
        )
    for i, (key, label, order, method) in enumerate(targeted):
        largest, by_pair = shares(curves[i])
        result.append(
            Scenario(
                key=key,
                label=label,
                kind="targeted",
                removed=tuple(network.ids[v] for v in order.tolist()),
                largest_share=largest,
                pair_shares=by_pair,
                robustness=robustness(largest),
                pair_robustness=pair_r(by_pair),
                method=method,
            )
        )
    for i, (key, label, kind, order) in enumerate(partial):
        largest, by_pair = shares(curves[len(targeted) + i])
        result.append(
            Scenario(
                key=key,
                label=label,
                kind=kind,
                removed=tuple(network.ids[v] for v in order.tolist()),
                largest_share=largest,
                pair_shares=by_pair,
                robustness=robustness(largest),
                pair_robustness=pair_r(by_pair),
            )
        )
    return result
