"""Studies made up for trying the product, tests and benchmarks.

- :func:`demo_snapshot` — the demo study: a fictional neighbourhood with every sheet filled.
- :func:`synthetic_snapshot` — a random study of any size, for benchmarks and scale tests.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from communitydna.snapshot import Snapshot

__all__ = ["demo_snapshot", "synthetic_snapshot"]


def demo_snapshot() -> Snapshot:
    """The demo study shipped with the package (the same on every call)."""
    from communitydna.demo.study import demo_snapshot as build

    return build()


def synthetic_snapshot(organisations: int, relationships: int, *, seed: int = 0) -> Snapshot:
    """A random study of the given size, the same for the same seed."""
    from communitydna.demo.synthetic import synthetic_snapshot as build

    return build(organisations, relationships, seed=seed)
