"""Known graphs for the analysis tests: networkx's karate club, Florentine families, kite."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np

from communitydna.analysis.graph import Network, network_from_edges


@dataclass(frozen=True)
class KnownGraph:
    """A networkx graph, the same graph as a Network (nodes in networkx order), and its nodes."""

    name: str
    graph: nx.Graph
    network: Network
    nodes: list[object]


def known(name: str, graph: nx.Graph, groups: list[int] | None = None) -> KnownGraph:
    nodes = list(graph)
    index = {v: i for i, v in enumerate(nodes)}
    edges = [(index[a], index[b]) for a, b in graph.edges()]
    network = network_from_edges(len(nodes), edges, groups=groups, ids=[str(v) for v in nodes])
    return KnownGraph(name, graph, network, nodes)


def karate() -> KnownGraph:
    graph = nx.karate_club_graph()
    clubs = [0 if graph.nodes[v]["club"] == "Mr. Hi" else 1 for v in graph]
    return known("karate", graph, clubs)


def florentine() -> KnownGraph:
    return known("florentine", nx.florentine_families_graph())


def kite() -> KnownGraph:
    return known("kite", nx.krackhardt_kite_graph())


KNOWN = {"karate": karate, "florentine": florentine, "kite": kite}


def as_networkx(network: Network) -> nx.Graph:
    graph = nx.Graph()
    graph.add_nodes_from(range(network.n))
    graph.add_edges_from(zip(network.tie_u.tolist(), network.tie_v.tolist(), strict=True))
    return graph


def random_network(seed: int, n: int, p: float, groups: int = 3) -> Network:
    rng = np.random.default_rng(seed)
    graph = nx.gnp_random_graph(n, p, seed=seed)
    return network_from_edges(
        n,
        list(graph.edges()),
        groups=rng.integers(0, groups, n) if n else [],
        group_names=["public", "commercial", "social"][:groups],
    )
