"""From a study snapshot to compact arrays: the graph every measure works on.

A :class:`Network` numbers the organisations ``0 … n-1`` in the snapshot's order and holds:

- each organisation's group (its sector code: 0 public, 1 commercial, 2 social, in the order
  of :data:`communitydna.framework.SECTORS`), and its type, ward, size and led-by groups;
- the **ties**: each pair of organisations joined by at least one active relationship, once,
  as ``u < v``. A tie's strength is the strongest of its relationships and it is tense when
  any of them is tense. Relationships of an organisation with itself are ignored;
- the **arcs** for brokerage: a directed relationship gives one arc from source to target,
  an undirected one an arc each way; each arc appears once;
- the undirected adjacency in compressed sparse rows (``indptr``, ``indices``), neighbours
  sorted, each tie listed from both ends.

Only relationships active on the as-of day count (see
:meth:`communitydna.snapshot.Relationship.is_active`): status ``active``, ``since`` not after
the day, ``until`` not before it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import scipy.sparse as sp
from numpy.typing import ArrayLike, NDArray
from scipy.sparse.csgraph import connected_components

from communitydna.analysis.exceptions import InvalidGraphError
from communitydna.framework import MEASURES, SECTORS, Sector
from communitydna.snapshot import Snapshot

__all__ = [
    "PAIRS",
    "SECTOR_CODES",
    "Network",
    "components",
    "network_from_edges",
    "network_from_snapshot",
    "network_without",
]

Ints = NDArray[np.int64]

SECTOR_CODES: dict[Sector, int] = {s: i for i, s in enumerate(SECTORS)}
"""The group code of each sector in a network built from a snapshot."""

PAIRS: tuple[tuple[str, int, int], ...] = tuple(
    (m.key, SECTOR_CODES[m.sectors[0]], SECTOR_CODES[m.sectors[1]])
    for m in MEASURES.values()
    if len(m.sectors) == 2
)
"""The three sector pairs as ``(measure key, group code, group code)``, e.g.
``("social-public", 2, 0)``."""


def _empty_ints() -> Ints:
    return np.zeros(0, dtype=np.int64)


@dataclass(frozen=True, eq=False)
class Network:
    """Organisations and their active ties as arrays.

    Build one with :func:`network_from_snapshot` or :func:`network_from_edges`.

    Attributes
    ----------
    ids, names : tuple of str
        Organisation ids and names, by node number.
    groups : ndarray of int
        The group (sector code) of each node.
    group_names : tuple of str
        The name of each group code.
    tie_u, tie_v : ndarray of int
        The ends of each tie, ``tie_u < tie_v``, sorted.
    tie_strength : ndarray of int
        The strength (1–5) of each tie: its strongest relationship.
    tie_tense : ndarray of bool
        Whether any relationship of the tie is marked tense.
    arc_source, arc_target : ndarray of int
        Directed arcs, each once.
    indptr, indices : ndarray of int
        Undirected adjacency in compressed sparse rows.
    types, wards, sizes : tuple of str
        Attributes of each organisation (blank when not given).
    led_by : tuple of tuple of str
        The groups each organisation is led by.
    """

    ids: tuple[str, ...]
    names: tuple[str, ...]
    groups: Ints
    group_names: tuple[str, ...]
    tie_u: Ints
    tie_v: Ints
    tie_strength: Ints
    tie_tense: NDArray[np.bool_]
    arc_source: Ints
    arc_target: Ints
    indptr: Ints
    indices: Ints
    types: tuple[str, ...] = ()
    wards: tuple[str, ...] = ()
    sizes: tuple[str, ...] = ()
    led_by: tuple[tuple[str, ...], ...] = ()
    _index: dict[str, int] = field(default_factory=dict, repr=False)
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def n(self) -> int:
        """The number of organisations."""
        return len(self.ids)

    @property
    def m(self) -> int:
        """The number of ties."""
        return int(self.tie_u.size)

    @property
    def degree(self) -> Ints:
        """The number of ties of each organisation."""
        return np.diff(self.indptr)

    def index(self, organisation_id: str) -> int:
        """The node number of an organisation id (``KeyError`` if unknown)."""
        if not self._index:
            self._index.update({v: i for i, v in enumerate(self.ids)})
        return self._index[organisation_id]

    def neighbours(self, node: int) -> Ints:
        """The node numbers tied to ``node``, ascending."""
        return self.indices[self.indptr[node] : self.indptr[node + 1]]

    def adjacency(self) -> sp.csr_matrix:
        """The symmetric 0/1 adjacency matrix (scipy CSR)."""
        data = np.ones(self.indices.size, dtype=np.int8)
        return sp.csr_matrix((data, self.indices, self.indptr), shape=(self.n, self.n))

    def to_igraph(self) -> Any:
        """The undirected simple graph as an ``igraph.Graph`` (built once, then reused).

        igraph does the compiled work (betweenness, biconnected components, triangles).
        """
        if "igraph" not in self._cache:
            import igraph  # type: ignore[import-untyped]

            graph = igraph.Graph(n=self.n, directed=False)
            graph.add_edges(np.column_stack([self.tie_u, self.tie_v]))
            self._cache["igraph"] = graph
        return self._cache["igraph"]

    def group_sizes(self) -> Ints:
        """How many nodes each group has, by group code."""
        return np.bincount(self.groups, minlength=len(self.group_names)).astype(np.int64)


def components(network: Network, keep: NDArray[np.bool_] | None = None) -> tuple[int, Ints]:
    """Connected components of the network, or of the subgraph induced by ``keep``.

    Returns
    -------
    count : int
        The number of components (of kept nodes).
    labels : ndarray of int
        The component of each node, ``-1`` for nodes not kept.

    Examples
    --------
    >>> net = network_from_edges(4, [(0, 1)])
    >>> components(net)
    (3, array([0, 0, 1, 2]))
    """
    if keep is None:
        count, labels = connected_components(network.adjacency(), directed=False)
        return int(count), labels.astype(np.int64)
    nodes = np.flatnonzero(keep)
    sub = network.adjacency()[nodes][:, nodes]
    count, sub_labels = connected_components(sub, directed=False)
    labels = np.full(network.n, -1, dtype=np.int64)
    labels[nodes] = sub_labels
    return int(count), labels


def network_without(network: Network, removed: NDArray[np.bool_]) -> Network:
    """The same organisations with every tie and arc of the ``removed`` ones taken away.

    Node numbers are kept, so removed organisations stay as isolates.

    Examples
    --------
    >>> net = network_from_edges(3, [(0, 1), (1, 2)])
    >>> network_without(net, np.array([False, True, False])).m
    0
    """
    keep_tie = ~(removed[network.tie_u] | removed[network.tie_v])
    keep_arc = ~(removed[network.arc_source] | removed[network.arc_target])
    tie_u = network.tie_u[keep_tie]
    tie_v = network.tie_v[keep_tie]
    indptr, indices = _csr(network.n, tie_u, tie_v)
    return replace(
        network,
        tie_u=tie_u,
        tie_v=tie_v,
        tie_strength=network.tie_strength[keep_tie],
        tie_tense=network.tie_tense[keep_tie],
        arc_source=network.arc_source[keep_arc],
        arc_target=network.arc_target[keep_arc],
        indptr=indptr,
        indices=indices,
        _index={},
        _cache={},
    )


def _csr(n: int, u: Ints, v: Ints) -> tuple[Ints, Ints]:
    rows = np.concatenate([u, v])
    cols = np.concatenate([v, u])
    order = np.lexsort((cols, rows))
    indices = cols[order].astype(np.int64)
    counts = np.bincount(rows, minlength=n)
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    return indptr, indices


def _assemble(
    n: int,
    source: Ints,
    target: Ints,
    directed: NDArray[np.bool_],
    strength: Ints,
    tense: NDArray[np.bool_],
) -> dict[str, Ints | NDArray[np.bool_]]:
    loops = source == target
    if loops.any():
        keep = ~loops
        source, target = source[keep], target[keep]
        directed, strength, tense = directed[keep], strength[keep], tense[keep]
    low = np.minimum(source, target)
    high = np.maximum(source, target)
    keys, inverse = np.unique(low * n + high, return_inverse=True)
    tie_u = keys // n if n else keys
    tie_v = keys % n if n else keys
    tie_strength = np.zeros(keys.size, dtype=np.int64)
    np.maximum.at(tie_strength, inverse, strength)
    tie_tense = np.zeros(keys.size, dtype=np.bool_)
    np.logical_or.at(tie_tense, inverse, tense)
    arc_s = np.concatenate([source, target[~directed]])
    arc_t = np.concatenate([target, source[~directed]])
    arcs = np.unique(arc_s * n + arc_t)
    indptr, indices = _csr(n, tie_u, tie_v)
    return {
        "tie_u": tie_u.astype(np.int64),
        "tie_v": tie_v.astype(np.int64),
        "tie_strength": tie_strength,
        "tie_tense": tie_tense,
        "arc_source": (arcs // n if n else arcs).astype(np.int64),
        "arc_target": (arcs % n if n else arcs).astype(np.int64),
        "indptr": indptr,
        "indices": indices,
    }


def network_from_snapshot(snapshot: Snapshot, as_of: dt.date | None = None) -> Network:
    """The network of a snapshot's organisations and the relationships active on a day.

    Parameters
    ----------
    snapshot : Snapshot
    as_of : datetime.date, optional
        Relationships must be active on this day; ``None`` ignores their dates (status
        still counts).

    Returns
    -------
    Network

    Examples
    --------
    >>> from communitydna.framework import Sector
    >>> from communitydna.snapshot import Organisation, Place, Relationship, Snapshot
    >>> s = Snapshot(
    ...     place=Place("Northgate"),
    ...     organisations=(
    ...         Organisation("council", "Council", Sector.PUBLIC),
    ...         Organisation("foodbank", "Foodbank", Sector.SOCIAL),
    ...     ),
    ...     relationships=(
    ...         Relationship("r1", "council", "foodbank", "grant", directed=True, strength=4),
    ...         Relationship("r2", "foodbank", "council", "forum", strength=2, tense=True),
    ...     ),
    ... )
    >>> net = network_from_snapshot(s)
    >>> net.m, int(net.tie_strength[0]), bool(net.tie_tense[0]), net.arc_source.size
    (1, 4, True, 2)
    >>> [net.group_names[g] for g in net.groups]
    ['public', 'social']
    """
    orgs = snapshot.organisations
    index = {o.id: i for i, o in enumerate(orgs)}
    n = len(orgs)
    rows = [
        (index[r.source], index[r.target], r.directed, min(max(r.strength, 1), 5), r.tense)
        for r in snapshot.relationships
        if r.is_active(as_of)
    ]
    table = np.array(rows, dtype=np.int64).reshape(-1, 5)
    source, target = table[:, 0].copy(), table[:, 1].copy()
    directed = table[:, 2].astype(np.bool_)
    strength = table[:, 3].copy()
    tense = table[:, 4].astype(np.bool_)
    parts = _assemble(n, source, target, directed, strength, tense)
    return Network(
        ids=tuple(o.id for o in orgs),
        names=tuple(o.name for o in orgs),
        groups=np.fromiter((SECTOR_CODES[o.sector] for o in orgs), dtype=np.int64, count=n),
        group_names=tuple(s.value for s in SECTORS),
        types=tuple(o.type.strip() for o in orgs),
        wards=tuple(o.ward.strip() for o in orgs),
        sizes=tuple(o.size.value if o.size is not None else "" for o in orgs),
        led_by=tuple(tuple(x.strip() for x in o.led_by if x.strip()) for o in orgs),
        **parts,  # type: ignore[arg-type]
    )


def network_from_edges(
    n: int,
    edges: ArrayLike,
    *,
    groups: ArrayLike | None = None,
    group_names: Sequence[str] | None = None,
    directed: ArrayLike | bool = False,
    strength: ArrayLike | int = 3,
    tense: ArrayLike | bool = False,
    ids: Sequence[str] | None = None,
    names: Sequence[str] | None = None,
) -> Network:
    """A network from plain data: a node count and a list of ``(source, target)`` pairs.

    Repeated pairs are merged into one tie as relationships are; self-loops are ignored.

    Parameters
    ----------
    n : int
        Number of nodes, numbered ``0 … n-1``.
    edges : array_like of shape (k, 2)
    groups : array_like of int, optional
        Group code of each node (default: all 0).
    group_names : sequence of str, optional
        Name of each group code (default: ``"0"``, ``"1"``, …).
    directed, strength, tense : array_like or scalar
        Per edge, or one value for all.
    ids, names : sequence of str, optional
        Default: the node numbers as text.

    Raises
    ------
    InvalidGraphError
        If an edge names a node outside ``0 … n-1`` or the arrays disagree in length.

    Examples
    --------
    >>> net = network_from_edges(3, [(0, 1), (1, 0), (1, 2)], directed=[True, True, False])
    >>> net.m, net.arc_source.size
    (2, 4)
    >>> net.neighbours(1)
    array([0, 2])
    """
    pairs = np.asarray(edges, dtype=np.int64).reshape(-1, 2)
    k = pairs.shape[0]
    if k and (pairs.min() < 0 or pairs.max() >= n):
        raise InvalidGraphError(f"an edge names a node outside 0 … {n - 1}")

    def per_edge(value: ArrayLike | bool | int, dtype: type) -> NDArray[np.generic]:
        arr: NDArray[np.generic] = np.asarray(value, dtype=dtype)
        if arr.ndim == 0:
            return np.full(k, arr, dtype=dtype)
        if arr.shape != (k,):
            raise InvalidGraphError(f"expected one value per edge ({k}), got {arr.shape}")
        return arr

    group_arr = (
        np.zeros(n, dtype=np.int64) if groups is None else np.asarray(groups, dtype=np.int64)
    )
    if group_arr.shape != (n,) or (n and group_arr.min() < 0):
        raise InvalidGraphError("groups must give a non-negative code for each node")
    count = int(group_arr.max()) + 1 if n else 1
    labels = tuple(group_names) if group_names is not None else tuple(str(g) for g in range(count))
    if len(labels) < count:
        raise InvalidGraphError("group_names must name every group code")
    parts = _assemble(
        n,
        pairs[:, 0].copy(),
        pairs[:, 1].copy(),
        per_edge(directed, np.bool_).astype(np.bool_),
        per_edge(strength, np.int64).astype(np.int64),
        per_edge(tense, np.bool_).astype(np.bool_),
    )
    node_ids = tuple(ids) if ids is not None else tuple(str(i) for i in range(n))
    return Network(
        ids=node_ids,
        names=tuple(names) if names is not None else node_ids,
        groups=group_arr,
        group_names=labels,
        types=("",) * n,
        wards=("",) * n,
        sizes=("",) * n,
        led_by=((),) * n,
        **parts,  # type: ignore[arg-type]
    )
