"""Write a report to a file, choosing the format from the file's suffix."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from communitydna.reports.build import build_report
from communitydna.reports.html import render_html
from communitydna.reports.model import Report
from communitydna.snapshot import Snapshot

__all__ = ["REPORT_FORMATS", "report_format", "write_report"]


def _write_html(report: Report, path: Path) -> None:
    path.write_text(render_html(report), encoding="utf-8")


# Format name -> writer. Each writer renders the report and writes it to the path.
_WRITERS: dict[str, Callable[[Report, Path], None]] = {"html": _write_html}
_SUFFIXES: dict[str, str] = {".html": "html", ".htm": "html"}

REPORT_FORMATS: tuple[str, ...] = tuple(_WRITERS)
"""The formats :func:`write_report` can write."""


def report_format(path: str | os.PathLike[str], output_format: str | None = None) -> str:
    """The format a report at ``path`` is written in: ``output_format``, else the suffix's.

    Raises
    ------
    ValueError
        If the format is not one of :data:`REPORT_FORMATS`, or the suffix names none.

    Examples
    --------
    >>> report_format("northgate.HTML")
    'html'
    >>> report_format("northgate.txt", "html")
    'html'
    """
    if output_format is not None:
        chosen = output_format.strip().lower().lstrip(".")
        if chosen not in _WRITERS:
            raise ValueError(
                f"{output_format!r} is not a report format; use {', '.join(REPORT_FORMATS)}"
            )
        return chosen
    suffix = Path(path).suffix.lower()
    if suffix not in _SUFFIXES:
        known = ", ".join(sorted(_SUFFIXES))
        raise ValueError(
            f"cannot tell the report format from {str(path)!r}; name the file with one of {known}"
        )
    return _SUFFIXES[suffix]


def write_report(
    snapshot: Snapshot,
    path: str | os.PathLike[str],
    *,
    analysis: Mapping[str, Any] | None = None,
    generated_on: dt.date | None = None,
    output_format: str | None = None,
) -> Path:
    """Build the report of a study and write it to ``path``.

    Parameters
    ----------
    snapshot : Snapshot
        The study.
    path : str or path-like
        Where to write; the suffix chooses the format (``.html``) unless ``output_format``
        is given.
    analysis : mapping, optional
        The analysis of the snapshot, passed to :func:`build_report`.
    generated_on : datetime.date, optional
        The production date printed in the report; today by default.
    output_format : str, optional
        One of :data:`REPORT_FORMATS`, overriding the suffix.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    ValueError
        If the format cannot be told or is not supported; nothing is written then.
    """
    target = Path(path)
    writer = _WRITERS[report_format(target, output_format)]
    report = build_report(snapshot, analysis=analysis, generated_on=generated_on)
    writer(report, target)
    return target
