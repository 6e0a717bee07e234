"""The main job: ``communitydna report STUDY -o report.html``."""

from __future__ import annotations

from pathlib import Path

import click

from communitydna.cli.common import console, fail, load_study_or_exit, study_argument

__all__ = ["report"]


@click.command("report")
@study_argument
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=Path("report.html"),
    show_default=True,
    help="The report file to write.",
)
def report(study: Path, output: Path) -> None:
    """Write the report of a study: the place, the ten measures, evidence and recommendations."""
    from communitydna.reports import write_report

    if output.suffix.lower() not in {".html", ".htm"}:
        fail(f"{output.name}: reports are written as HTML; give OUTPUT a .html name.")
    snapshot = load_study_or_exit(study)
    try:
        write_report(snapshot, output)
    except OSError as exc:
        fail(f"could not write {output}: {exc.strerror or exc}")
    console.print(f"Wrote the report of {snapshot.place.name} to [bold]{output}[/].")
