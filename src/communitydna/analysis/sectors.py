"""The shape of each sector (measures 1–3) and of the whole network.

For each sector: how many organisations and of what types (diversity), how connected they
are among themselves (density, components, the share in the largest), whether a few hubs
hold the sector together (Freeman degree centralisation), and which organisations have no
tie at all (isolates). Within-sector figures count only ties with both ends in the sector.

- **Shannon diversity** ``H = -Σ p ln p`` and **Simpson diversity** ``1 - Σ p²`` over the
  shares ``p`` of each type; organisations without a type are left out of both.
- **Density** is ties over possible pairs ``n(n-1)/2``; the **strength-weighted density**
  counts each tie as its strength over 5.
- **Freeman degree centralisation** ``Σ (max - d_i) / ((n-1)(n-2))``: 1 for a star, 0 when
  every organisation has as many ties as every other; undefined below three organisations.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from communitydna.analysis.centrality import degree_centralisation
from communitydna.analysis.graph import Network, components
from communitydna.analysis.mixing import group_ei

__all__ = [
    "NetworkFigures",
    "SectorFigures",
    "network_figures",
    "sector_figures",
    "shannon_diversity",
    "simpson_diversity",
]


def shannon_diversity(counts: Iterable[int]) -> float | None:
    """Shannon diversity ``-Σ p ln p`` of a set of counts; ``None`` when all are zero.

    Examples
    --------
    >>> round(shannon_diversity([5, 5]), 6)
    0.693147
    >>> shannon_diversity([7])
    0.0
    """
    values = np.asarray([c for c in counts if c > 0], dtype=np.float64)
    if values.size == 0:
        return None
    p = values / values.sum()
    return float(-(p * np.log(p)).sum()) + 0.0


def simpson_diversity(counts: Iterable[int]) -> float | None:
    """Gini–Simpson diversity ``1 - Σ p²``: the chance two organisations differ in type.

    Examples
    --------
    >>> simpson_diversity([5, 5])
    0.5
    >>> simpson_diversity([]) is None
    True
    """
    values = np.asarray([c for c in counts if c > 0], dtype=np.float64)
    if values.size == 0:
        return None
    p = values / values.sum()
    return float(1.0 - (p * p).sum())


def _density(ties: float, n: int) -> float | None:
    possible = n * (n - 1) / 2
    return ties / possible if possible else None


@dataclass(frozen=True, slots=True)
class SectorFigures:
    """The figures of one sector (measures 1–3). See the module notes for definitions.

    Attributes
    ----------
    sector : str
    organisations : int
    types : dict
        Organisations by type, most common first; ``"unspecified"`` counts those without.
    shannon, simpson : float or None
        Type diversity over organisations with a type.
    ties : int
        Ties within the sector.
    density, weighted_density : float or None
    components : int
        Connected components of the sector's own network (an organisation with no tie in
        its sector is a component of its own).
    largest_component_share : float or None
        The share of the sector's organisations in its largest component.
    degree_centralisation : float or None
        Of the within-sector network.
    isolates : tuple of str
        Ids of the sector's organisations with no active tie at all.
    isolated_in_sector : int
        How many of its organisations have no tie within the sector.
    tense_share : float or None
        The share of within-sector ties that are tense.
    ei_index, ei_expected : float or None
        The sector's E-I index (ties out of the sector against ties within it) and its
        random-mixing value.
    """

    sector: str
    organisations: int
    types: dict[str, int]
    shannon: float | None
    simpson: float | None
    ties: int
    density: float | None
    weighted_density: float | None
    components: int
    largest_component_share: float | None
    degree_centralisation: float | None
    isolates: tuple[str, ...]
    isolated_in_sector: int
    tense_share: float | None
    ei_index: float | None
    ei_expected: float | None


def sector_figures(network: Network, group: int) -> SectorFigures:
    """The figures of the organisations of one group (sector code).

    Examples
    --------
    >>> from communitydna.analysis.graph import network_from_edges
    >>> net = network_from_edges(
    ...     5, [(0, 1), (1, 2), (2, 4)], groups=[0, 0, 0, 0, 1], group_names=["social", "public"]
    ... )
    >>> f = sector_figures(net, 0)
    >>> f.ties, f.density, f.components, f.largest_component_share, f.isolates
    (2, 0.3333333333333333, 2, 0.75, ('3',))
    """
    members = network.groups == group
    nodes = np.flatnonzero(members)
    size = int(nodes.size)
    inu = members[network.tie_u]
    inv = members[network.tie_v]
    inside = inu & inv
    ties = int(np.count_nonzero(inside))
    within_degree = np.bincount(
        np.concatenate([network.tie_u[inside], network.tie_v[inside]]), minlength=network.n
    )[nodes]
    count, labels = components(network, keep=members)
    largest = int(np.bincount(labels[nodes]).max()) if size else 0
    type_counts = Counter(network.types[i] or "unspecified" for i in nodes.tolist())
    typed = [c for t, c in type_counts.items() if t != "unspecified"]
    degree = network.degree
    ei, expected = group_ei(network, group)
    return SectorFigures(
        sector=network.group_names[group],
        organisations=size,
        types=dict(sorted(type_counts.items(), key=lambda kv: (-kv[1], kv[0]))),
        shannon=shannon_diversity(typed),
        simpson=simpson_diversity(typed),
        ties=ties,
        density=_density(ties, size),
        weighted_density=_density(float(network.tie_strength[inside].sum()) / 5.0, size),
        components=count,
        largest_component_share=largest / size if size else None,
        degree_centralisation=degree_centralisation(within_degree),
        isolates=tuple(network.ids[i] for i in nodes[degree[nodes] == 0].tolist()),
        isolated_in_sector=int(np.count_nonzero(within_degree == 0)),
        tense_share=float(np.count_nonzero(network.tie_tense[inside])) / ties if ties else None,
        ei_index=ei,
        ei_expected=expected,
    )


@dataclass(frozen=True, slots=True)
class NetworkFigures:
    """Figures of the whole network.

    Attributes
    ----------
    organisations, ties : int
    density : float or None
    components : int
    largest_component_share : float or None
    isolates : int
        Organisations with no active tie.
    degree_centralisation : float or None
    """

    organisations: int
    ties: int
    density: float | None
    components: int
    largest_component_share: float | None
    isolates: int
    degree_centralisation: float | None


def network_figures(network: Network) -> NetworkFigures:
    """Size, density, components and degree centralisation of the whole network.

    Examples
    --------
    >>> from communitydna.analysis.graph import network_from_edges
    >>> network_figures(network_from_edges(4, [(0, 1), (0, 2), (0, 3)]))
    NetworkFigures(organisations=4, ties=3, density=0.5, components=1, \
largest_component_share=1.0, isolates=0, degree_centralisation=1.0)
    """
    count, labels = components(network)
    n = network.n
    largest = int(np.bincount(labels).max()) if n else 0
    return NetworkFigures(
        organisations=n,
        ties=network.m,
        density=_density(network.m, n),
        components=count,
        largest_component_share=largest / n if n else None,
        isolates=int(np.count_nonzero(network.degree == 0)),
        degree_centralisation=degree_centralisation(network.degree),
    )
