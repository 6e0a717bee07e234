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
from itertools import chain

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray
from scipy.sparse.csgraph import breadth_first_order, shortest_path

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
    cover, found = graph.biconnected_components(return_articulation_points=True)
    blocks = [list(b) for b in cover]
    nblocks = len(blocks)
    lengths = np.fromiter((len(b) for b in blocks), dtype=np.int64, count=nblocks)
    members = np.fromiter(chain.from_iterable(blocks), dtype=np.int64, count=int(lengths.sum()))
    block_of = np.repeat(np.arange(nblocks, dtype=np.int64), lengths)
    points = np.array(sorted(int(p) for p in found), dtype=np.int64)
    size = max(int(network.groups.max()) + 1, 1 + max(max(a, b) for _, a, b in PAIRS))
    one_hot = np.eye(size, dtype=np.int64)[network.groups]
    is_point = np.zeros(n, dtype=np.bool_)
    is_point[points] = True
    point_node = np.full(n, -1, dtype=np.int64)
    point_node[points] = nblocks + np.arange(points.size)
    # block-cut tree: blocks 0..B-1, cut points B..B+P-1, and a virtual root B+P joined to
    # one block of every connected group; weights are sector counts (a cut point counts at
    # its own node, every other organisation in its one block)
    tree_nodes = nblocks + points.size
    root = tree_nodes
    weight = np.zeros((tree_nodes + 1, size), dtype=np.int64)
    plain = ~is_point[members]
    np.add.at(weight, block_of[plain], one_hot[members[plain]])
    weight[point_node[points]] = one_hot[points]
    count, labels = components(network)
    block_component = labels[members[np.cumsum(lengths) - lengths]]
    first_block = np.full(count, -1, dtype=np.int64)
    first_block[block_component[::-1]] = np.arange(nblocks)[::-1]
    tops = first_block[first_block >= 0]
    rows = np.concatenate([block_of[~plain], np.full(tops.size, root)])
    cols = np.concatenate([point_node[members[~plain]], tops])
    tree = sp.coo_matrix(
        (np.ones(rows.size, dtype=np.int8), (rows, cols)), shape=(tree_nodes + 1, tree_nodes + 1)
    ).tocsr()
    tree = (tree + tree.T).tocsr()
    order, parent = breadth_first_order(tree, root, directed=False, return_predecessors=True)
    parent = parent.astype(np.int64)
    distance = shortest_path(tree, method="D", unweighted=True, indices=root)
    depth = np.where(np.isfinite(distance), distance, 0).astype(np.int64)
    subtree = weight.copy()
    by_depth = order[np.argsort(depth[order], kind="stable")]
    level_ends = np.searchsorted(depth[by_depth], np.arange(depth.max() + 2))
    for level in range(int(depth.max()), 1, -1):  # sum each level into the one above
        nodes = by_depth[level_ends[level] : level_ends[level + 1]]
        np.add.at(subtree, parent[nodes], subtree[nodes])
    component_total = np.zeros((count, size), dtype=np.int64)
    np.add.at(component_total, labels, one_hot)
    subtree_size = subtree.sum(axis=1)

    # a cut point leaves its child blocks' subtrees and, above it, the rest of its group
    p_nodes = point_node[points]
    total = component_total[labels[points]]
    above = total - subtree[p_nodes]
    children = np.flatnonzero((parent >= nblocks) & (parent < tree_nodes))
    children = children[children < nblocks]
    owner = parent[children]
    products = {key: np.zeros(tree_nodes + 1, dtype=np.int64) for key, _, _ in PAIRS}
    for key, a, b in PAIRS:
        np.add.at(products[key], owner, subtree[children, a] * subtree[children, b])
    largest_child = np.zeros(tree_nodes + 1, dtype=np.int64)
    np.maximum.at(largest_child, owner, subtree_size[children])
    rest = total - one_hot[points]
    cut_points: list[CutPoint] = []
    separated = (rest.sum(axis=1) - np.maximum(largest_child[p_nodes], above.sum(axis=1))).tolist()
    losses = {
        key: (rest[:, a] * rest[:, b] - products[key][p_nodes] - above[:, a] * above[:, b]).tolist()
        for key, a, b in PAIRS
    }
    for i, p in enumerate(points.tolist()):
        cut_points.append(
            CutPoint(
                p, network.ids[p], int(separated[i]), {k: int(v[i]) for k, v in losses.items()}
            )
        )

    # a bridge is a block of two: one side is what hangs below the block through one end
    two = np.flatnonzero(lengths == 2)
    starts = np.cumsum(lengths) - lengths
    ends = np.sort(np.stack([members[starts[two]], members[starts[two] + 1]], axis=1), axis=1)
    bridges: list[Bridge] = []
    if two.size:
        u, v = ends[:, 0], ends[:, 1]
        whole = component_total[labels[u]]
        v_node = point_node[v]
        below = is_point[v] & (parent[np.maximum(v_node, 0)] == two)
        side = np.where(
            (~is_point[v])[:, None],
            one_hot[v],
            np.where(below[:, None], subtree[np.maximum(v_node, 0)], whole - subtree[two]),
        )
        other = whole - side
        cut_off = np.minimum(side.sum(axis=1), other.sum(axis=1)).tolist()
        lost = {
            key: (side[:, a] * other[:, b] + side[:, b] * other[:, a]).tolist()
            for key, a, b in PAIRS
        }
        for i in range(two.size):
            bridges.append(
                Bridge(
                    network.ids[int(u[i])],
                    network.ids[int(v[i])],
                    int(cut_off[i]),
                    {k: int(values[i]) for k, values in lost.items()},
                )
            )

    def rank_point(c: CutPoint) -> tuple[int, int, int]:
        return (-c.separated, -sum(c.pairs.values()), c.node)

    cut_points.sort(key=rank_point)
    bridges.sort(key=lambda x: (-x.separated, -sum(x.pairs.values()), x.source, x.target))
    return cut_points, bridges
