"""Render a report as PDF with WeasyPrint, from the HTML report.

WeasyPrint is an optional extra (``pip install 'communitydna[pdf]'``) that also needs the
Pango text libraries of the system. Without either, :func:`render_pdf` raises
:class:`~communitydna.reports.write.ReportFormatUnavailableError` saying what to install.

The PDF is the printed HTML report with a small paged-media stylesheet of its own: A4
pages numbered in the footer, the title page unnumbered, and the table of contents shown
with the page of each entry. It is a tagged PDF/UA-1 document, so that screen readers can
follow its structure.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import Any

from communitydna.reports.html import render_html
from communitydna.reports.model import Report
from communitydna.reports.write import ReportFormatUnavailableError

__all__ = ["PDF_INSTALL_HINT", "TypesetPdf", "pdf_available", "render_pdf", "typeset_pdf"]

PDF_INSTALL_HINT = (
    "Writing PDF needs WeasyPrint and the Pango text libraries. Install them with\n"
    "  pip install 'communitydna[pdf]'\n"
    "and, on Debian or Ubuntu,\n"
    "  apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core\n"
    "(other systems: https://doc.courtbouillon.org/weasyprint/stable/first_steps.html)."
)
"""What to install to write PDF, as the command line says it."""

# Paged media only: kept apart from the report's own stylesheet, which also serves screens.
# WeasyPrint applies it as a user stylesheet, which yields to the report's own rules unless
# marked important. The footer strings come from the title block, so they follow its wording.
_PAGED_CSS = """
@page {
  size: A4 !important;
  @bottom-left {
    content: string(report-place) "  ·  " string(report-kind);
    font-family: "Liberation Sans", "DejaVu Sans", Arial, sans-serif;
    font-size: 8.5pt;
    color: #4a5563;
  }
  @bottom-right {
    content: "Page " counter(page) " of " counter(pages);
    font-family: "Liberation Sans", "DejaVu Sans", Arial, sans-serif;
    font-size: 8.5pt;
    color: #4a5563;
  }
}

@page :first {
  @bottom-left { content: none; }
  @bottom-right { content: none; }
}

header.title-block h1 { string-set: report-place content(); }
header.title-block .kicker { string-set: report-kind content(); }

/* The contents, which a browser leaves out when printing, is shown with page numbers. */
nav.toc {
  display: block !important;
  max-width: none !important;
  padding: 0 !important;
  break-after: page;
}
nav.toc ol { list-style: none !important; padding-left: 0 !important; }
nav.toc ol ol { padding-left: 1.5em !important; }
nav.toc a::after {
  content: leader(dotted) " " target-counter(attr(href url), page);
}
"""


@dataclass(frozen=True, slots=True)
class TypesetPdf:
    """A report laid out as PDF: the file and its number of pages."""

    data: bytes
    pages: int


def _import_weasyprint() -> ModuleType:
    return importlib.import_module("weasyprint")


@cache
def _weasyprint() -> ModuleType:
    """WeasyPrint, or an error saying what to install.

    Importing WeasyPrint loads Pango through ``cffi``; a missing system library shows
    as an ``OSError`` rather than an ``ImportError``.
    """
    try:
        module = _import_weasyprint()
    except (ImportError, OSError) as exc:
        raise ReportFormatUnavailableError(f"{PDF_INSTALL_HINT}\n({exc})") from exc
    return module


@contextmanager
def _quiet_weasyprint() -> Iterator[None]:
    """Hold back WeasyPrint's warnings about CSS it does not support while it runs.

    The report's stylesheet also serves screens, so some of its rules are expected to be
    ignored on paper; those warnings are not the user's concern. Errors still show.
    """
    logger = logging.getLogger("weasyprint")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def pdf_available() -> bool:
    """Whether PDF can be written here (WeasyPrint and its libraries are installed).

    Examples
    --------
    >>> isinstance(pdf_available(), bool)
    True
    """
    try:
        _weasyprint()
    except ReportFormatUnavailableError:
        _weasyprint.cache_clear()
        return False
    return True


def typeset_pdf(report: Report) -> TypesetPdf:
    """Lay a report out as PDF and say how many pages it has.

    Parameters
    ----------
    report : Report
        The report, from :func:`communitydna.reports.build_report`.

    Returns
    -------
    TypesetPdf
        The PDF file and its page count.

    Raises
    ------
    ReportFormatUnavailableError
        If WeasyPrint or its system libraries are missing.
    """
    weasyprint: Any = _weasyprint()
    # Tagged PDF/UA-1, for screen readers; options a WeasyPrint release does not know yet
    # are left out rather than logged as errors.
    wanted = {"pdf_variant": "pdf/ua-1", "pdf_tags": True}
    known = getattr(weasyprint, "DEFAULT_OPTIONS", wanted)
    options: dict[str, Any] = {k: v for k, v in wanted.items() if k in known}
    with _quiet_weasyprint():
        # The report makes no request of its own (inline CSS and SVG): no base URL needed.
        html = weasyprint.HTML(string=render_html(report))
        document = html.render(stylesheets=[weasyprint.CSS(string=_PAGED_CSS)], **options)
        data: bytes = document.write_pdf(**options)
    return TypesetPdf(data=data, pages=len(document.pages))


def render_pdf(report: Report) -> bytes:
    """Render a report as PDF: the printed HTML report on numbered A4 pages.

    Parameters
    ----------
    report : Report
        The report, from :func:`communitydna.reports.build_report`.

    Returns
    -------
    bytes
        The PDF file.

    Raises
    ------
    ReportFormatUnavailableError
        If WeasyPrint or its system libraries are missing; the message says what to
        install.
    """
    return typeset_pdf(report).data
