"""Single points of failure: cut points (articulation points) and bridges.

A **cut point** is an organisation whose closure splits its connected group; a **bridge**
is a tie whose loss does. For each we count what it carries: for every sector pair, how many
pairs of an organisation of one sector and one of the other would no longer be connected
(the cut point's own pairs aside), and how many organisations would be cut off from the
largest part that remains.

Both come from the block-cut tree: igraph finds the biconnected blocks and cut points;
every block and cut point becomes a node of a tree, and sector counts summed up the tree
give, in one pass, the parts a closure leaves behind.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray
from scipy.sparse.csgraph import breadth_first_order

from communitydna.analysis.graph import PAIRS, Network, components

__all__ = ["Bridge", "CutPoint", "cuts"]

Ints = NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class CutPoint:
    """An organisation whose closure splits its connected group.

    Attributes
    ----------
    node : int
    id : str
    separated : int
        Organisations cut off from the largest part that remains.
    pairs : dict of str to int
        For each sector pair, pairs of their organisations that would be disconnected.
    """

    node: int
    id: str
    separated: int
    pairs: dict[str, int]


@dataclass(frozen=True, slots=True)
class Bridge:
    """A tie whose loss splits its connected group.

    Attributes
    ----------
    source, target : str
        The organisations at its ends (``source`` listed first in the study).
    separated : int
        Organisations on the smaller side.
    pairs : dict of str to int
        For each sector pair, pairs of their organisations that would be disconnected.
    """

    source: str
    target: str
    separated: int
    pairs: dict[str, int]


def _pair_loss(counts: NDArray[np.int64], a: int, b: int) -> NDArray[np.int64]:
    """Σ over parts p≠r of n_a(p) n_b(r), for parts stacked on axis 1: shape (items,)."""
    total_a = counts[:, :, a].sum(axis=1)
    total_b = counts[:, :, b].sum(axis=1)
    same = (counts[:, :, a] * counts[:, :, b]).sum(axis=1)
    result: NDArray[np.int64] = total_a * total_b - same
    return result


def cuts(network: Network) -> tuple[list[CutPoint], list[Bridge]]:
    """Every cut point and bridge, with the sector pairs each one carries.

    Returns
    -------
    cut_points : list of CutPoint
        Most organisations separated first, then most pairs disconnected, then list order.
    bridges : list of Bridge
        In the same order.

    Examples
    --------
    >>> from communitydna.analysis.graph import network_from_edges
    >>> net = network_from_edges(
    ...     4, [(0, 1), (1, 2), (2, 0), (2, 3)], groups=[0, 0, 2, 1],
    ...     group_names=["public", "commercial", "social"],
    ... )
    >>> points, bridges = cuts(net)
    >>> [(p.id, p.separated, p.pairs) for p in points]
    [('2', 1, {'social-public': 0, 'social-commercial': 0, 'public-commercial': 2})]
    >>> [(b.source, b.target, b.pairs["social-commercial"]) for b in bridges]
    [('2', '3', 1)]
    """
    n = network.n
    if network.m == 0:
        return [], []
    graph = network.to_igraph()
    cover, points = graph.biconnected_components(return_articulation_points=True)
    blocks = [list(b) for b in cover]
    points = sorted(int(p) for p in points)
    size = max(int(network.groups.max()) + 1, 1 + max(max(a, b) for _, a, b in PAIRS))
    one_hot = np.eye(size, dtype=np.int64)[network.groups]
    nblocks = len(blocks)
    point_node = {p: nblocks + i for i, p in enumerate(points)}
    is_point = np.zeros(n, dtype=np.bool_)
    is_point[points] = True
    # block-cut tree: blocks 0..B-1, cut points B..B+P-1; weights are sector counts
    tree_nodes = nblocks + len(points)
    weight = np.zeros((tree_nodes, size), dtype=np.int64)
    rows: list[int] = []
    cols: list[int] = []
    for b, members in enumerate(blocks):
        for v in members:
            if is_point[v]:
                rows.append(b)
                cols.append(point_node[v])
            else:
                weight[b] += one_hot[v]
    for p in points:
        weight[point_node[p]] = one_hot[p]
    # a virtual root joins one node of every tree so one breadth-first pass orders them all
    root = tree_nodes
    tree = sp.coo_matrix(
        (np.ones(len(rows)), (rows, cols)), shape=(tree_nodes + 1, tree_nodes + 1)
    ).tocsr()
    tree = tree + tree.T
    count, labels = components(network)
    block_component = np.array([labels[m[0]] for m in blocks], dtype=np.int64)
    first_block = np.full(count, -1, dtype=np.int64)
    first_block[block_component[::-1]] = np.arange(nblocks)[::-1]
    starts = first_block[first_block >= 0]
    link = sp.coo_matrix(
        (np.ones(starts.size), (np.full(starts.size, root), starts)),
        shape=(tree_nodes + 1, tree_nodes + 1),
    ).tocsr()
    tree = (tree + link + link.T).tocsr()
    order, parent = breadth_first_order(tree, root, directed=False, return_predecessors=True)
    subtree = np.zeros((tree_nodes + 1, size), dtype=np.int64)
    subtree[:tree_nodes] = weight
    for node in order[::-1].tolist():
        up = int(parent[node])
        if up >= 0 and up != root:
            subtree[up] += subtree[node]
    component_total = np.zeros((count, size), dtype=np.int64)
    np.add.at(component_total, labels, one_hot)

    cut_points: list[CutPoint] = []
    children: dict[int, list[int]] = {}
    for node in order.tolist():
        up = int(parent[node])
        if up >= 0:
            children.setdefault(up, []).append(node)
    for p in points:
        t = point_node[p]
        total = component_total[labels[p]]
        parts = [subtree[c] for c in children.get(t, [])]
        above = total - subtree[t]
        if int(parent[t]) != root and above.sum() > 0:
            parts.append(above)
        stacked = np.stack(parts)[None, :, :]
        losses = {key: int(_pair_loss(stacked, a, b)[0]) for key, a, b in PAIRS}
        sizes = stacked[0].sum(axis=1)
        separated = int(sizes.sum() - sizes.max())
        cut_points.append(CutPoint(p, network.ids[p], separated, losses))

    bridges: list[Bridge] = []
    for b, members in enumerate(blocks):
        if len(members) != 2:
            continue
        u, v = sorted(members)
        total = component_total[labels[u]]
        if not is_point[v]:
            side = one_hot[v]
        elif int(parent[point_node[v]]) == b:
            side = subtree[point_node[v]]
        else:  # the block hangs below v: v's side is everything but the block's subtree
            side = total - subtree[b]
        other = total - side
        stacked = np.stack([side, other])[None, :, :]
        losses = {key: int(_pair_loss(stacked, a, c)[0]) for key, a, c in PAIRS}
        bridges.append(
            Bridge(
                network.ids[u],
                network.ids[v],
                int(min(side.sum(), other.sum())),
                losses,
            )
        )

    def rank_point(c: CutPoint) -> tuple[int, int, int]:
        return (-c.separated, -sum(c.pairs.values()), c.node)

    cut_points.sort(key=rank_point)
    bridges.sort(key=lambda x: (-x.separated, -sum(x.pairs.values()), x.source, x.target))
    return cut_points, bridges
