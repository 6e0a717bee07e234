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

__all__ = [
    "REPORT_FORMATS",
    "ReportFormatUnavailableError",
    "check_report_format",
    "report_format",
    "write_report",
]


class ReportFormatUnavailableError(RuntimeError):
    """A report format whose libraries are not installed; the message says what to install."""


def _write_html(report: Report, path: Path) -> None:
    path.write_text(render_html(report), encoding="utf-8")


def _write_docx(report: Report, path: Path) -> None:
    from communitydna.reports.docx import render_docx

    path.write_bytes(render_docx(report))


def _write_pdf(report: Report, path: Path) -> None:
    from communitydna.reports.pdf import render_pdf

    path.write_bytes(render_pdf(report))


def _check_docx() -> None:
    try:
        import docx  # noqa: F401
    except ImportError as exc:
        raise ReportFormatUnavailableError(
            "Writing Word documents needs python-docx. Install it with\n  pip install python-docx"
        ) from exc


def _check_pdf() -> None:
    from communitydna.reports.pdf import _weasyprint

    _weasyprint()


# Format name -> writer. Each writer renders the report and writes it to the path.
_WRITERS: dict[str, Callable[[Report, Path], None]] = {
    "html": _write_html,
    "docx": _write_docx,
    "pdf": _write_pdf,
}
_SUFFIXES: dict[str, str] = {".html": "html", ".htm": "html", ".docx": "docx", ".pdf": "pdf"}
# Format name -> a check that its libraries are installed, for the formats that need any.
_CHECKS: dict[str, Callable[[], None]] = {"docx": _check_docx, "pdf": _check_pdf}

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
    >>> report_format("northgate.docx")
    'docx'
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


def check_report_format(output_format: str) -> None:
    """Check that a format can be written here, before any work is done.

    Raises
    ------
    ReportFormatUnavailableError
        If the format needs libraries that are not installed; the message says what to
        install.

    Examples
    --------
    >>> check_report_format("html")
    """
    check = _CHECKS.get(output_format)
    if check is not None:
        check()


def write_report(
    snapshot: Snapshot,
    path: str | os.PathLike[str],
    *,
    analysis: Mapping[str, Any] | None = None,
    generated_on: dt.date | None = None,
    output_format: str | None = None,
    public: bool = False,
) -> Path:
    """Build the report of a study and write it to ``path``.

    Parameters
    ----------
    snapshot : Snapshot
        The study.
    path : str or path-like
        Where to write; the suffix chooses the format (``.html``, ``.docx``, ``.pdf``)
        unless ``output_format`` is given.
    analysis : mapping, optional
        The analysis of the snapshot, passed to :func:`build_report`.
    generated_on : datetime.date, optional
        The production date printed in the report; today by default.
    output_format : str, optional
        One of :data:`REPORT_FORMATS`, overriding the suffix.
    public : bool, optional
        Write the version safe to publish (see :func:`build_report`): evidence marked
        confidential is left out and organisations in evidence are described, not named.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    ValueError
        If the format cannot be told or is not supported; nothing is written then.
    ReportFormatUnavailableError
        If the format needs libraries that are not installed; nothing is written then.
    """
    target = Path(path)
    chosen = report_format(target, output_format)
    check_report_format(chosen)
    writer = _WRITERS[chosen]
    report = build_report(snapshot, analysis=analysis, generated_on=generated_on, public=public)
    writer(report, target)
    return target
