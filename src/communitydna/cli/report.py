"""The main job: ``communitydna report STUDY -o report.html``."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import click
from rich.markup import escape

from communitydna.cli.common import console, fail, load_study_or_exit, study_argument
from communitydna.reports import (
    REPORT_FORMATS,
    ReportFormatUnavailableError,
    check_report_format,
    report_format,
    write_report,
)
from communitydna.snapshot import Snapshot

__all__ = ["report"]


def _network_analysis(snapshot: Snapshot) -> Mapping[str, Any]:
    """The analysis the report's network section is drawn from (seeded, so repeatable)."""
    from communitydna.analysis import AnalysisError, analyse, analysis_to_json

    try:
        return analysis_to_json(analyse(snapshot, seed=0))
    except AnalysisError as exc:
        fail(escape(f"could not measure the network: {exc}"))


@click.command("report")
@study_argument
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=Path("report.html"),
    show_default=True,
    help="The report file to write; its suffix (.html, .docx, .pdf) chooses the format.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(REPORT_FORMATS, case_sensitive=False),
    default=None,
    help="The format, when the file name does not say it.",
)
@click.option(
    "--public",
    is_flag=True,
    help="Write the version safe to publish: confidential evidence left out, and "
    "organisations in evidence described by sector and type instead of named.",
)
@click.option(
    "--analysis/--no-analysis",
    "with_analysis",
    default=True,
    show_default=True,
    help="Measure the network and add the network section, the network figures of "
    "measures 1–6 and the suggested ratings.",
)
def report(
    study: Path, output: Path, output_format: str | None, public: bool, with_analysis: bool
) -> None:
    """Write the report of a study: the place, the ten measures, evidence and recommendations.

    The report is written as HTML, Word (.docx) or PDF; PDF needs the optional extra
    communitydna[pdf] and the Pango libraries of the system.
    """
    try:
        chosen = report_format(output, output_format)
        check_report_format(chosen)  # before reading the study, which may take a while
    except (ValueError, ReportFormatUnavailableError) as exc:
        fail(escape(str(exc)))
    snapshot = load_study_or_exit(study)
    analysis = _network_analysis(snapshot) if with_analysis else None
    try:
        write_report(snapshot, output, output_format=chosen, public=public, analysis=analysis)
    except ReportFormatUnavailableError as exc:
        fail(escape(str(exc)))
    except OSError as exc:
        fail(escape(f"could not write {output}: {exc.strerror or exc}"))
    version = "public version, " if public else ""
    console.print(
        f"Wrote the report of {escape(snapshot.place.name)} to [bold]{escape(str(output))}[/] "
        f"({version}{chosen})."
    )
