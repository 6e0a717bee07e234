"""A seeded, deterministic force-directed layout for network maps, in numpy alone.

Fruchterman–Reingold: ties pull their ends together, every organisation pushes every other
away, a weak pull towards the centre keeps separate components in view, and each step is
capped by a temperature that falls to zero. The same graph and seed always give the same
positions (a seeded :class:`numpy.random.Generator`, a fixed number of steps, results
rounded).

For speed on large places the push between organisations is computed exactly only up to
:data:`EXACT_LIMIT` organisations; above that each organisation is pushed by the others in
its own grid cell exactly and by every other cell as one mass at the cell's centre, which
costs about ``n × cells`` per step instead of ``n²``. With the step count falling as the
graph grows, 5,000 organisations and 25,000 ties lay out in a second or two.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["EXACT_LIMIT", "force_layout"]

EXACT_LIMIT = 400
"""Above this many organisations, the push between them is approximated on a grid."""

Floats = NDArray[np.float64]
Ints = NDArray[np.int64]


def _steps(n: int) -> int:
    if n <= 400:
        return 160
    if n <= 1500:
        return 100
    return 50


def _repulsion_exact(pos: Floats, k2: float) -> Floats:
    x, y = pos[:, 0], pos[:, 1]
    dx = np.subtract.outer(x, x)
    dy = np.subtract.outer(y, y)
    d2 = dx * dx
    d2 += dy * dy
    np.fill_diagonal(d2, np.inf)
    np.maximum(d2, 1e-9, out=d2)
    np.divide(k2, d2, out=d2)
    dx *= d2
    dy *= d2
    return np.stack([dx.sum(axis=1), dy.sum(axis=1)], axis=1)


def _repulsion_grid(pos: Floats, k2: float, cells: int) -> Floats:
    n = len(pos)
    x, y = pos[:, 0], pos[:, 1]
    low = pos.min(axis=0)
    span = np.maximum(pos.max(axis=0) - low, 1e-9)
    grid = np.minimum(((pos - low) / span * cells).astype(np.int64), cells - 1)
    cell = grid[:, 0] * cells + grid[:, 1]
    total = cells * cells
    count = np.bincount(cell, minlength=total)
    occupied = np.flatnonzero(count)
    sizes = count[occupied]
    mass = sizes.astype(np.float64)
    cx = np.bincount(cell, weights=x, minlength=total)[occupied] / mass
    cy = np.bincount(cell, weights=y, minlength=total)[occupied] / mass
    # Every organisation against every occupied cell's centre, its own cell left out.
    dx = x[:, None] - cx[None, :]
    dy = y[:, None] - cy[None, :]
    f = (k2 * mass)[None, :] / np.maximum(dx * dx + dy * dy, 1e-9)
    own = np.searchsorted(occupied, cell)
    f[np.arange(n), own] = 0.0
    fx = (f * dx).sum(axis=1)
    fy = (f * dy).sum(axis=1)
    # Exactly within each cell, over the list of pairs that share a cell.
    if int(sizes.max()) > 1:
        order = np.argsort(cell, kind="stable")
        starts = np.cumsum(sizes) - sizes
        size_of = np.repeat(sizes, sizes)  # the cell size of each organisation, in order
        i = np.repeat(order, size_of)
        first = np.repeat(np.repeat(starts, sizes), size_of)
        offset = np.arange(len(i)) - np.repeat(np.cumsum(size_of) - size_of, size_of)
        j = order[first + offset]
        ix = x[i] - x[j]
        iy = y[i] - y[j]
        d2 = ix * ix + iy * iy
        g = np.where(d2 > 0, k2 / np.maximum(d2, 1e-9), 0.0)
        fx += np.bincount(i, weights=g * ix, minlength=n)
        fy += np.bincount(i, weights=g * iy, minlength=n)
    return np.stack([fx, fy], axis=1)


def force_layout(
    n: int,
    edges: ArrayLike,
    *,
    weights: ArrayLike | None = None,
    seed: int = 0,
    steps: int | None = None,
) -> Floats:
    """Positions for ``n`` nodes joined by ``edges``, in the unit square.

    Parameters
    ----------
    n : int
        Number of nodes, numbered ``0 … n-1``.
    edges : array-like of shape (m, 2)
        Pairs of node numbers; loops are ignored.
    weights : array-like of shape (m,), optional
        Pull of each edge (e.g. relationship strength); 1 by default.
    seed : int, optional
        Seed of the starting positions.
    steps : int, optional
        Number of steps; by default fewer for larger graphs.

    Returns
    -------
    numpy.ndarray of shape (n, 2)
        Coordinates in ``[0, 1]``, rounded to five decimals.

    Examples
    --------
    >>> a = force_layout(4, [(0, 1), (1, 2), (2, 3)], seed=3)
    >>> b = force_layout(4, [(0, 1), (1, 2), (2, 3)], seed=3)
    >>> a.shape, bool((a == b).all()), bool(a.min() >= 0 and a.max() <= 1)
    ((4, 2), True, True)
    """
    pairs = np.asarray(edges, dtype=np.int64).reshape(-1, 2)
    pull = np.ones(len(pairs)) if weights is None else np.asarray(weights, dtype=np.float64).ravel()
    keep = pairs[:, 0] != pairs[:, 1]
    pairs, pull = pairs[keep], pull[keep]
    if n == 0:
        return np.zeros((0, 2))
    if n == 1:
        return np.full((1, 2), 0.5)
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2))
    k = math.sqrt(1.0 / n)
    k2 = k * k
    total_steps = steps if steps is not None else _steps(n)
    cells = max(2, min(24, int(math.sqrt(n / 12))))
    temperature = 0.1
    u, v = pairs[:, 0], pairs[:, 1]
    for step in range(total_steps):
        force = _repulsion_exact(pos, k2) if n <= EXACT_LIMIT else _repulsion_grid(pos, k2, cells)
        delta = pos[u] - pos[v]
        distance = np.sqrt(np.einsum("ij,ij->i", delta, delta))
        attraction = (distance * pull / k)[:, None] * delta
        for axis in (0, 1):
            force[:, axis] -= np.bincount(u, weights=attraction[:, axis], minlength=n)
            force[:, axis] += np.bincount(v, weights=attraction[:, axis], minlength=n)
        force -= (pos - pos.mean(axis=0)) * (0.3 * n * k)
        length = np.sqrt(np.einsum("ij,ij->i", force, force))
        limit = temperature * (1 - step / total_steps)
        scale = np.minimum(length, limit) / np.maximum(length, 1e-12)
        pos = pos + force * scale[:, None]
    low = pos.min(axis=0)
    span = float(max((pos.max(axis=0) - low).max(), 1e-9))
    pos = (pos - low) / span
    pos += (1 - pos.max(axis=0)) / 2  # centre the shorter side
    rounded: Floats = np.round(pos, 5)
    return rounded
