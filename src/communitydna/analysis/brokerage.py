"""Gould–Fernandez brokerage: which organisations connect others, within and across sectors.

Organisation j **brokers** the ordered pair (i, k) when there are arcs i→j and j→k, no arc
i→k, and i, j, k are three different organisations. Directed relationships are arcs from
source to target; an undirected relationship is an arc each way. The sectors of i, j and k
give the role (Gould and Fernandez 1989):

========================  ===========  ==========================================
role                      groups       in words
========================  ===========  ==========================================
coordinator               A → A → A    links two organisations of its own sector
itinerant (consultant)    A → B → A    links two of another sector, from outside
representative            A → A → B    carries its own sector's tie out to another
gatekeeper                A → B → B    lets another sector in to its own
liaison                   A → B → C    links two other sectors, belonging to neither
========================  ===========  ==========================================

Counts are exact, by a closed formula rather than a walk over all triples: for broker j
and groups (a, c), the two-paths i→j→k number ``in_a(j) · out_c(j)``, less the returns
(i = k, a reciprocated tie) and less the closed triads (i→k exists), which are found among
the graph's triangles.

**Expected values and z-scores** follow the null model of Gould and Fernandez as
implemented in R's ``sna::brokerage``: arcs independent with the observed density
``d = arcs / (N (N - 1))``; with ``q = d² (1 - d)`` a broker in group i of size nᵢ expects
``q (nᵢ-1)(nᵢ-2)`` coordinator pairs, ``q Σ_{g≠i} n_g (n_g - 1)`` itinerant,
``q (N - nᵢ)(nᵢ - 1)`` representative and gatekeeper, ``q [(Σ_{g≠i} n_g)² - Σ_{g≠i} n_g²]``
liaison and ``q (N-1)(N-2)`` in all. The z-score is (observed - expected) / sd with sna's
variances; it is undefined (``None``) where the variance is zero.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from communitydna.analysis.exceptions import InvalidGraphError
from communitydna.analysis.graph import Network

__all__ = ["ROLES", "Brokerage", "gould_fernandez", "gould_fernandez_arrays"]

ROLES: tuple[str, ...] = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")
"""The five roles, in the column order of :class:`Brokerage` arrays."""

Floats = NDArray[np.float64]
Ints = NDArray[np.int64]


@dataclass(frozen=True, eq=False)
class Brokerage:
    """Brokerage roles of every organisation.

    Attributes
    ----------
    counts : ndarray of int, shape (n, 6)
        Pairs brokered in each role (columns as :data:`ROLES`), then the total.
    expected : ndarray of float, shape (n, 6)
        Expected counts under the null model.
    sd : ndarray of float, shape (n, 6)
        Standard deviations under the null model.
    z : ndarray of float, shape (n, 6)
        ``(counts - expected) / sd``; NaN where ``sd`` is zero.
    density : float
        Arc density ``arcs / (N (N - 1))`` used by the null model.
    """

    counts: Ints
    expected: Floats
    sd: Floats
    z: Floats
    density: float

    @property
    def totals(self) -> Ints:
        """Whole-network counts per role, then the total."""
        result: Ints = self.counts.sum(axis=0)
        return result

    @property
    def expected_totals(self) -> Floats:
        """Whole-network expected counts per role, then the total."""
        result: Floats = self.expected.sum(axis=0)
        return result


def _role_masks(groups: int) -> NDArray[np.float64]:
    """masks[b, r, a, c] = 1 when a broker of group b linking a→c plays role r."""
    masks = np.zeros((groups, len(ROLES) + 1, groups, groups))
    for b in range(groups):
        for a in range(groups):
            for c in range(groups):
                if a == b and c == b:
                    role = 0
                elif a == c:
                    role = 1
                elif a == b:
                    role = 2
                elif c == b:
                    role = 3
                else:
                    role = 4
                masks[b, role, a, c] = 1.0
                masks[b, 5, a, c] = 1.0
    return masks


def _closed_triads(
    n: int,
    groups: Ints,
    codes: Ints,
    triangles: Ints,
    size: int,
) -> Floats:
    """closed[j, a, c]: pairs (i, k) with i→j, j→k and i→k, i in group a, k in group c."""
    closed = np.zeros(n * size * size, dtype=np.float64)
    if triangles.size == 0:
        return closed.reshape(n, size, size)

    def has(x: Ints, y: Ints) -> NDArray[np.bool_]:
        key = x * n + y
        pos = np.searchsorted(codes, key)
        pos[pos >= codes.size] = 0
        found: NDArray[np.bool_] = codes[pos] == key
        return found

    x, y, z = triangles[:, 0], triangles[:, 1], triangles[:, 2]
    for i, j, k in ((x, y, z), (x, z, y), (y, x, z), (y, z, x), (z, x, y), (z, y, x)):
        hit = has(i, j) & has(j, k) & has(i, k)
        index = (j[hit] * size + groups[i[hit]]) * size + groups[k[hit]]
        closed += np.bincount(index, minlength=closed.size)
    return closed.reshape(n, size, size)


def gould_fernandez_arrays(
    n: int,
    arc_source: Ints,
    arc_target: Ints,
    groups: Ints,
    triangles: Ints,
) -> Brokerage:
    """Gould–Fernandez brokerage from plain arrays.

    Parameters
    ----------
    n : int
        Number of nodes.
    arc_source, arc_target : ndarray of int
        Distinct arcs, no self-loops.
    groups : ndarray of int
        Group code of each node.
    triangles : ndarray of int, shape (t, 3)
        Every triangle of the underlying undirected graph, once (as igraph's
        ``list_triangles`` gives them).

    Returns
    -------
    Brokerage

    Raises
    ------
    InvalidGraphError
        If an arc is a self-loop or names a node outside ``0 … n-1``.

    Examples
    --------
    >>> arcs = np.array([[0, 1], [1, 2]])
    >>> b = gould_fernandez_arrays(3, arcs[:, 0], arcs[:, 1], np.array([0, 0, 1]), np.zeros((0, 3)))
    >>> b.counts[1].tolist()  # 0 → 1 → 2: a representative, carrying its group's tie out
    [0, 0, 1, 0, 0, 1]
    """
    if arc_source.size and (
        min(arc_source.min(), arc_target.min()) < 0
        or max(arc_source.max(), arc_target.max()) >= n
        or bool((arc_source == arc_target).any())
    ):
        raise InvalidGraphError("arcs must join two different nodes in 0 … n-1")
    size = int(groups.max()) + 1 if n else 1
    counts_in = np.bincount(arc_target * size + groups[arc_source], minlength=n * size).reshape(
        n, size
    )
    counts_out = np.bincount(arc_source * size + groups[arc_target], minlength=n * size).reshape(
        n, size
    )
    codes = np.unique(arc_source * n + arc_target)
    reverse = arc_target * n + arc_source
    pos = np.searchsorted(codes, reverse)
    pos[pos >= max(codes.size, 1)] = 0
    mutual = codes[pos] == reverse if codes.size else np.zeros(0, dtype=np.bool_)
    returns = np.bincount(
        arc_target[mutual] * size + groups[arc_source[mutual]], minlength=n * size
    ).reshape(n, size)
    paths = counts_in[:, :, None].astype(np.float64) * counts_out[:, None, :]
    paths[:, np.arange(size), np.arange(size)] -= returns
    paths -= _closed_triads(n, groups, codes, triangles.reshape(-1, 3).astype(np.int64), size)
    masks = _role_masks(size)
    counts = np.rint(np.einsum("jac,jrac->jr", paths, masks[groups])).astype(np.int64)
    expected, sd = _null_moments(n, int(arc_source.size), groups, size)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(sd > 0, (counts - expected) / np.where(sd > 0, sd, 1.0), np.nan)
    density = arc_source.size / (n * (n - 1)) if n > 1 else 0.0
    return Brokerage(counts=counts, expected=expected, sd=sd, z=z, density=density)


def _null_moments(n: int, arcs: int, groups: Ints, size: int) -> tuple[Floats, Floats]:
    """Expected values and standard deviations per node, after ``sna::brokerage``."""
    big_n = float(n)
    d = arcs / (big_n * (big_n - 1)) if n > 1 else 0.0
    q = d * d * (1 - d)
    r = d**3 * (1 - d) ** 3
    sizes = np.bincount(groups, minlength=size).astype(np.float64)
    mean = np.zeros((size, 6))
    var = np.zeros((size, 6))
    for i in range(size):
        ni = sizes[i]
        others = np.delete(sizes, i)
        mean[i, 0] = q * (ni - 1) * (ni - 2)
        var[i, 0] = mean[i, 0] * (1 - q) + 2 * (ni - 1) * (ni - 2) * (ni - 3) * r
        mean[i, 1] = q * float((others * (others - 1)).sum())
        var[i, 1] = (
            mean[i, 1] * (1 - q) + 2 * float((others * (others - 1) * (others - 2)).sum()) * r
        )
        mean[i, 2] = q * (big_n - ni) * (ni - 1)
        var[i, 2] = (
            mean[i, 2] * (1 - q)
            + 2
            * (
                (ni - 1) * math.comb(int(big_n - ni), 2)
                + (big_n - ni) * math.comb(max(int(ni) - 1, 0), 2)
            )
            * r
        )
        mean[i, 3] = mean[i, 2]
        var[i, 3] = var[i, 2]
        mean[i, 4] = q * (float(others.sum()) ** 2 - float((others**2).sum()))
        combs = np.array([math.comb(max(int(big_n - g - ni), 0), 2) for g in others], dtype=float)
        var[i, 4] = mean[i, 4] * (1 - q) + 4 * float((others * combs).sum()) * r
        mean[i, 5] = q * (big_n - 1) * (big_n - 2)
        var[i, 5] = mean[i, 5] * (1 - q) + 2 * (big_n - 1) * (big_n - 2) * (big_n - 3) * r
    var = np.maximum(var, 0.0)
    return mean[groups], np.sqrt(var)[groups]


def gould_fernandez(network: Network) -> Brokerage:
    """Gould–Fernandez brokerage of every organisation, with sectors as the groups.

    Examples
    --------
    >>> from communitydna.analysis.graph import network_from_edges
    >>> net = network_from_edges(3, [(0, 1), (1, 2)], groups=[0, 1, 2], directed=True)
    >>> b = gould_fernandez(net)
    >>> dict(zip(ROLES, b.counts[1].tolist()))  # 0 → 1 → 2 across three sectors
    {'coordinator': 0, 'itinerant': 0, 'representative': 0, 'gatekeeper': 0, 'liaison': 1}
    """
    triangles = np.asarray(network.to_igraph().list_triangles(), dtype=np.int64).reshape(-1, 3)
    return gould_fernandez_arrays(
        network.n, network.arc_source, network.arc_target, network.groups, triangles
    )
