"""Helper process: betweenness from chunks of sources, so another core can share the work.

Run as ``python _betweenness_worker.py FOLDER CHUNKS``. ``FOLDER/graph.npz`` holds ``n``,
``tie_u``, ``tie_v``, ``sources``, ``weights`` and ``chunk`` (the chunk of each source).
The helper claims chunks one at a time by creating ``FOLDER/claim-K`` (whoever creates it
first does the chunk) and writes ``Σ weight × betweenness from the chunk's sources`` to
``FOLDER/out-K.npy``. Launched as a plain script, not through multiprocessing, so it
imports only numpy and igraph and never re-runs the caller's ``__main__``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np


def main(argv: list[str]) -> int:
    """Do chunks until none is left; returns the exit status."""
    # igraph imports matplotlib for drawing when it can, which costs half a second; this
    # process never draws, so it tells igraph there is none
    sys.modules.setdefault("matplotlib", None)  # type: ignore[arg-type]
    import igraph  # type: ignore[import-untyped]

    folder = Path(argv[0])
    count = int(argv[1])
    with np.load(folder / "graph.npz") as data:
        n = int(data["n"])
        edges = np.column_stack([data["tie_u"], data["tie_v"]])
        sources = data["sources"]
        weights = data["weights"]
        chunk = data["chunk"]
    graph = igraph.Graph(n=n, directed=False)
    graph.add_edges(edges)
    for k in range(count):
        try:
            os.close(os.open(folder / f"claim-{k}", os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        except FileExistsError:
            continue
        mine = chunk == k
        values = np.zeros(n)
        for weight in np.unique(weights[mine]).tolist():
            chosen = sources[mine & (weights == weight)].tolist()
            values += weight * np.asarray(graph.betweenness(directed=False, sources=chosen))
        partial = folder / f"part-{k}.npy"
        np.save(partial, values)
        os.replace(partial, folder / f"out-{k}.npy")
    return 0


if __name__ == "__main__":  # pragma: no cover - exercised through a subprocess
    sys.exit(main(sys.argv[1:]))
