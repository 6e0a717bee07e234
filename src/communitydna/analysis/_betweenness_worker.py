"""Helper process: the betweenness share of some sources, so a second core can take half.

Run as ``python _betweenness_worker.py IN.npz OUT.npy``. ``IN`` holds ``n``, ``tie_u``,
``tie_v``, ``sources`` and ``weights``; ``OUT`` receives ``Σ weight × betweenness from the
sources of that weight``. Launched as a plain script (not through multiprocessing) so it
imports only numpy and igraph and never re-runs the caller's ``__main__``.
"""

from __future__ import annotations

import sys

import numpy as np


def main(argv: list[str]) -> int:
    """Compute one share and write it; returns the exit status."""
    import igraph  # type: ignore[import-untyped]

    source_path, target_path = argv
    with np.load(source_path) as data:
        n = int(data["n"])
        edges = np.column_stack([data["tie_u"], data["tie_v"]]).tolist()
        sources = data["sources"]
        weights = data["weights"]
    graph = igraph.Graph(n=n, edges=edges, directed=False)
    values = np.zeros(n)
    for weight in np.unique(weights).tolist():
        chosen = sources[weights == weight].tolist()
        values += weight * np.asarray(graph.betweenness(directed=False, sources=chosen))
    np.save(target_path, values)
    return 0


if __name__ == "__main__":  # pragma: no cover - exercised through a subprocess
    sys.exit(main(sys.argv[1:]))
