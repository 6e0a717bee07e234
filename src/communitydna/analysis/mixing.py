"""Ties between groups: sector pairs (measures 4–6) and the E-I index.

The **E-I index** (Krackhardt and Stern 1988) compares ties between groups (external, E)
with ties within them (internal, I): ``(E - I) / (E + I)``, from -1 (all ties within groups)
to +1 (all between). Its value **expected under random mixing** is the same ratio over the
numbers of *possible* external and internal pairs, so a place whose index is well below
that value keeps to its own sector more than chance would.

For a sector pair (A, B), E counts ties between A and B and I ties within A or within B.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from communitydna.analysis.graph import Network, components

__all__ = [
    "PairFigures",
    "ei_index",
    "group_ei",
    "network_ei",
    "pair_figures",
]


def ei_index(external: float, internal: float) -> float | None:
    """Krackhardt and Stern's E-I index, ``(E - I) / (E + I)``; ``None`` with no ties.

    Examples
    --------
    >>> round(ei_index(11, 67), 6)  # the karate club split by club
    -0.717949
    >>> ei_index(0, 0) is None
    True
    """
    total = external + internal
    if total <= 0:
        return None
    return float((external - internal) / total)


def _pairs_within(size: float) -> float:
    return size * (size - 1) / 2


def network_ei(network: Network) -> tuple[float | None, float | None]:
    """The E-I index of the whole network over its groups, and its random-mixing value.

    Examples
    --------
    >>> from communitydna.analysis.graph import network_from_edges
    >>> net = network_from_edges(4, [(0, 1), (1, 2), (2, 3)], groups=[0, 0, 1, 1])
    >>> network_ei(net)  # E = 1, I = 2; possible E = 4, I = 2
    (-0.3333333333333333, 0.3333333333333333)
    """
    gu = network.groups[network.tie_u]
    gv = network.groups[network.tie_v]
    external = int(np.count_nonzero(gu != gv))
    internal = network.m - external
    sizes = network.group_sizes().astype(np.float64)
    possible_internal = float(sum(_pairs_within(s) for s in sizes))
    possible_external = _pairs_within(float(network.n)) - possible_internal
    return ei_index(external, internal), ei_index(possible_external, possible_internal)


def group_ei(network: Network, group: int) -> tuple[float | None, float | None]:
    """The E-I index of one group's ties, and its random-mixing value.

    E counts ties with exactly one end in the group, I ties with both ends in it.

    Examples
    --------
    >>> from communitydna.analysis.graph import network_from_edges
    >>> net = network_from_edges(4, [(0, 1), (1, 2), (2, 3)], groups=[0, 0, 1, 1])
    >>> group_ei(net, 0)  # E = 1, I = 1; possible E = 4, I = 1
    (0.0, 0.6)
    """
    inu = network.groups[network.tie_u] == group
    inv = network.groups[network.tie_v] == group
    external = int(np.count_nonzero(inu ^ inv))
    internal = int(np.count_nonzero(inu & inv))
    size = float(np.count_nonzero(network.groups == group))
    return ei_index(external, internal), ei_index(size * (network.n - size), _pairs_within(size))


@dataclass(frozen=True, slots=True)
class PairFigures:
    """Ties between two sectors (one of measures 4–6).

    Attributes
    ----------
    key : str
        The measure key, e.g. ``"social-public"``.
    groups : tuple of int
        The two group codes.
    ties : int
        Ties with one end in each sector.
    density : float or None
        ``ties / (n_a * n_b)``, the share of possible cross-sector pairs that are tied.
    weighted_density : float or None
        The same with each tie counted as its strength over 5.
    ei_index, ei_expected : float or None
        E-I index of the two sectors together (E between them, I within either), and its
        value under random mixing.
    tense_share : float or None
        The share of the ties between the two sectors that are tense.
    share_with_tie : dict
        For each of the two sectors (by name), the share of its organisations with at least
        one tie to the other.
    connected_share : float or None
        The share of all pairs of an organisation of one sector and one of the other that
        are joined by some chain of ties (of any sectors).
    """

    key: str
    groups: tuple[int, int]
    ties: int
    density: float | None
    weighted_density: float | None
    ei_index: float | None
    ei_expected: float | None
    tense_share: float | None
    share_with_tie: dict[str, float | None]
    connected_share: float | None = None


def pair_figures(network: Network, key: str, a: int, b: int) -> PairFigures:
    """The figures of the ties between groups ``a`` and ``b``.

    Examples
    --------
    >>> from communitydna.analysis.graph import network_from_edges
    >>> net = network_from_edges(
    ...     4, [(0, 2), (1, 2), (2, 3)], groups=[0, 0, 1, 1], group_names=["public", "social"],
    ...     strength=[5, 1, 3], tense=[True, False, False],
    ... )
    >>> f = pair_figures(net, "social-public", 1, 0)
    >>> f.ties, f.density, round(f.weighted_density, 2), f.tense_share
    (2, 0.5, 0.3, 0.5)
    >>> f.share_with_tie
    {'social': 0.5, 'public': 1.0}
    >>> f.connected_share  # every social organisation can reach every public one
    1.0
    """
    gu = network.groups[network.tie_u]
    gv = network.groups[network.tie_v]
    between = ((gu == a) & (gv == b)) | ((gu == b) & (gv == a))
    within = ((gu == a) & (gv == a)) | ((gu == b) & (gv == b))
    na = int(np.count_nonzero(network.groups == a))
    nb = int(np.count_nonzero(network.groups == b))
    ties = int(np.count_nonzero(between))
    possible = na * nb
    strength = network.tie_strength[between].astype(np.float64) / 5.0
    ends = np.concatenate([network.tie_u[between], network.tie_v[between]])
    tied = np.zeros(network.n, dtype=np.bool_)
    tied[ends] = True
    share: dict[str, float | None] = {}
    for group, size in ((a, na), (b, nb)):
        members = network.groups == group
        share[network.group_names[group]] = (
            float(np.count_nonzero(tied & members)) / size if size else None
        )
    _, labels = components(network)
    count = int(labels.max()) + 1 if network.n else 0
    in_a = np.bincount(labels[network.groups == a], minlength=count)
    in_b = np.bincount(labels[network.groups == b], minlength=count)
    connected = float((in_a * in_b).sum())
    return PairFigures(
        key=key,
        groups=(a, b),
        ties=ties,
        density=ties / possible if possible else None,
        weighted_density=float(strength.sum()) / possible if possible else None,
        ei_index=ei_index(ties, int(np.count_nonzero(within))),
        ei_expected=ei_index(possible, _pairs_within(na) + _pairs_within(nb)),
        tense_share=float(np.count_nonzero(network.tie_tense[between])) / ties if ties else None,
        share_with_tie=share,
        connected_share=connected / possible if possible else None,
    )
