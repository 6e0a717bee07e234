"""Doctest collection of the web application.

With ``--doctest-modules`` pytest imports every module; all but :mod:`.env` need Django
configured first, which only ``tests/web`` does. Those modules are tested there instead.
"""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).parent
_COLLECTED = {"env.py", "conftest.py"}

collect_ignore = sorted(
    entry.name
    for entry in _HERE.iterdir()
    if entry.name not in _COLLECTED and (entry.is_dir() or entry.suffix == ".py")
)
